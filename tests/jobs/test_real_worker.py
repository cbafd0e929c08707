"""A real Celery worker on Redis renders the export requested through the portal.

Runs when CELERY_BROKER_URL and a PostgreSQL DATABASE_URL are set (as in CI); the worker
process connects to the test database, so the job row it reads is the one the view wrote.
"""

from django.urls import reverse

from jobs.models import Job, JobStatus
from tests.jobs.test_chronicle_export import needs_poppler, pdf_text
from tests.worker import needs_worker, wait_for


@needs_worker
@needs_poppler
def test_worker_renders_the_chronicle(tree, client, worker):
    from tests.factories import chronicle

    chronicle(tree.union_a, tree.cadre_a, tree.day, title="夏送清凉慰问")
    client.force_login(tree.official_street_a)
    response = client.post(reverse("ledger:chronicle_export") + "?year=2025")
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    wait_for(job, 90)
    assert job.status == JobStatus.DONE, job.error or "the worker did not finish in time"
    assert "夏送清凉慰问" in pdf_text(job.file.path)
    worker.terminate()
    log = worker.communicate(timeout=30)[0]
    assert "Task jobs.tasks.run_job[" in log and "succeeded" in log, log[-2000:]
