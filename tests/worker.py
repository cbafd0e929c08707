"""A real Celery worker process on Redis, for the tests that must cross the broker.

Runs when CELERY_BROKER_URL and a PostgreSQL DATABASE_URL are set (as in CI); the worker
process connects to the test database, so the rows it reads are the ones the test wrote.
Each test gets its own queue, so a stray worker cannot take its tasks.
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from jobs.models import Job
from unionportal.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[1]
WORKER_MARKS = (
    pytest.mark.worker,
    pytest.mark.skipif(not os.environ.get("CELERY_BROKER_URL"), reason="no Redis broker set"),
)


def needs_worker(test):
    """Mark a test that needs the real worker (skipped without a Redis broker)."""
    for mark in WORKER_MARKS:
        test = mark(test)
    return test


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


def wait_for(job: Job, seconds: int = 120) -> Job:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.finished:
            break
        time.sleep(0.5)
    return job
