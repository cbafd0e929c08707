"""A real Celery worker on Redis renders the export requested through the portal.

Runs when CELERY_BROKER_URL and a PostgreSQL DATABASE_URL are set (as in CI); the worker
process connects to the test database, so the job row it reads is the one the view wrote.
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from jobs.models import Job, JobStatus
from tests.jobs.test_chronicle_export import needs_poppler, pdf_text
from unionportal.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(not os.environ.get("CELERY_BROKER_URL"), reason="no Redis broker set"),
]


def _database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def worker(transactional_db, settings):
    if connection.vendor != "postgresql":
        pytest.skip("the worker needs a server database shared with the test")
    queue = f"test-{uuid.uuid4().hex[:8]}"
    celery_app.conf.task_always_eager = False
    previous_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    env = {**os.environ, "DATABASE_URL": _database_url(), "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "unionportal", "worker", "--pool=solo",
         "-Q", queue, "--loglevel=INFO", "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    yield process
    process.terminate()
    process.wait(timeout=30)
    celery_app.conf.task_default_queue = previous_queue


@needs_poppler
def test_worker_renders_the_chronicle(tree, client, worker):
    from tests.factories import chronicle

    chronicle(tree.union_a, tree.cadre_a, tree.day, title="夏送清凉慰问")
    client.force_login(tree.official_street_a)
    response = client.post(reverse("ledger:chronicle_export") + "?year=2025")
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.finished:
            break
        time.sleep(0.5)
    assert job.status == JobStatus.DONE, job.error or "the worker did not finish in time"
    assert "夏送清凉慰问" in pdf_text(job.file.path)
    worker.terminate()
    log = worker.communicate(timeout=30)[0]
    assert "Task jobs.tasks.run_job[" in log and "succeeded" in log, log[-2000:]
