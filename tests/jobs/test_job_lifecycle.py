"""A job's life: joined by a second request, retried after failures, stopped when its
worker keeps dying, and kept (failed, with a reason and a retry) when the broker is down."""

from pathlib import Path

import pytest
from django.urls import reverse
from kombu import pools

from jobs.models import Job, JobStatus
from jobs.registry import producer
from jobs.services import UNAVAILABLE, job_request, job_retry
from jobs.tasks import run_job
from unionportal.celery import app as celery_app

FAILURES = {"left": 0}


@producer("test_flaky", "flaky test file")
def _flaky(job, report):
    """Fails while FAILURES["left"] > 0, then writes a small file."""
    report("rendering", 50)
    if FAILURES["left"] > 0:
        FAILURES["left"] -= 1
        raise RuntimeError("renderer crashed")
    return "flaky.txt", f"content of {job.pk}".encode()


def _request(tree, **params):
    return job_request(kind="test_flaky", organisation=tree.union_a, actor=tree.cadre_a,
                       params={"year": 2025, **params})


def _files(settings, job) -> list[Path]:
    return sorted((Path(settings.MEDIA_ROOT) / "jobs").glob(f"{job.pk}*"))


def test_a_second_request_while_one_is_queued_joins_it(tree):
    first, second = _request(tree), _request(tree)
    assert first.pk == second.pk
    assert _request(tree, year=2024).pk != first.pk
    other_user = job_request(kind="test_flaky", organisation=tree.union_a,
                             actor=tree.official_street_a, params={"year": 2025})
    assert other_user.pk != first.pk  # what a file shows may depend on the requester's role


def test_a_finished_job_is_not_joined(tree, django_capture_on_commit_callbacks):
    FAILURES["left"] = 0
    with django_capture_on_commit_callbacks(execute=True):
        first = _request(tree)
    assert Job.objects.get(pk=first.pk).status == JobStatus.DONE
    assert _request(tree).pk != first.pk


def test_fails_twice_then_succeeds_leaving_one_file(tree, settings,
                                                    django_capture_on_commit_callbacks):
    FAILURES["left"] = 2
    with django_capture_on_commit_callbacks(execute=True):
        job = _request(tree)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    assert job.attempts == 3 and job.error == ""
    assert [path.name for path in _files(settings, job)] == [f"{job.pk}.txt"]
    assert len(job.checksum) == 64


def test_gives_up_after_the_allowed_attempts_and_can_be_retried(
        tree, settings, client, django_capture_on_commit_callbacks):
    FAILURES["left"] = 3
    with django_capture_on_commit_callbacks(execute=True):
        job = _request(tree)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.attempts == 3
    assert "renderer crashed" in job.error
    assert _files(settings, job) == []

    client.force_login(tree.cadre_a)
    status = client.get(reverse("jobs:status", args=[job.pk])).json()
    assert status["can_retry"] and "renderer crashed" in status["error"]
    FAILURES["left"] = 0
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("jobs:retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 1


def test_a_job_whose_worker_keeps_dying_stops(tree):
    """A redelivered message (the worker was killed mid-task) finds the attempts used up."""
    job = _request(tree)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, attempts=3)
    assert run_job.apply(args=[str(job.pk)]).get() == "gave up"
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "3" in job.error


def test_a_finished_job_is_left_alone_by_a_redelivered_task(tree, settings,
                                                            django_capture_on_commit_callbacks):
    FAILURES["left"] = 0
    with django_capture_on_commit_callbacks(execute=True):
        job = _request(tree)
    job.refresh_from_db()
    checksum = job.checksum
    assert run_job.apply(args=[str(job.pk)]).get() == "skipped"
    job.refresh_from_db()
    assert job.checksum == checksum and job.attempts == 1
    assert len(_files(settings, job)) == 1


def test_retry_is_refused_to_another_union(tree, client):
    job = _request(tree)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, error="x")
    client.force_login(tree.cadre_b)
    assert client.post(reverse("jobs:retry", args=[job.pk])).status_code == 404
    assert Job.objects.get(pk=job.pk).status == JobStatus.FAILED


def _forget_connections():
    """Drop the connection and producer pools Celery caches (they hold the broker URL), so
    the next send connects afresh to whatever the configuration now names."""
    celery_app.pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    pools.reset()


@pytest.fixture
def broker_down():
    """Point Celery at a closed port (a real connection refused, not a stand-in)."""
    conf = celery_app.conf
    previous = conf.task_always_eager
    _forget_connections()
    # the write URL: Celery prefers a CELERY_BROKER_URL environment variable (set in CI)
    # to any broker_url set here
    conf.broker_write_url, conf.task_always_eager = "redis://127.0.0.1:9/0", False
    yield
    _forget_connections()
    conf.broker_write_url, conf.task_always_eager = None, previous


def test_broker_down_keeps_the_job_with_a_reason(tree, broker_down,
                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = _request(tree)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.error == UNAVAILABLE
    assert job_retry(job, tree.cadre_a).status == JobStatus.QUEUED


def test_a_purged_file_is_not_offered_for_download(tree, client,
                                                   django_capture_on_commit_callbacks):
    FAILURES["left"] = 0
    with django_capture_on_commit_callbacks(execute=True):
        job = _request(tree)
    Job.objects.filter(pk=job.pk).update(file="")
    client.force_login(tree.cadre_a)
    assert client.get(reverse("jobs:status", args=[job.pk])).json()["download_url"] is None
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert 'id="job-purged"' in page
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404
