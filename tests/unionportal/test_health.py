"""/health/ (liveness) and /health/ready/ (database, broker, worker)."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from unionportal.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]
BROKER_SECRET = "broker-secret-in-url"


@pytest.fixture
def broker(settings, monkeypatch):
    """Point Celery at another broker for one test, out of eager mode; restore afterwards.

    Celery reads CELERY_BROKER_URL from the environment before its configuration.
    """
    settings.HEALTH_CHECK_TIMEOUT = 1
    previous = celery_app.conf.broker_url, celery_app.conf.task_always_eager

    def use(url):
        monkeypatch.setenv("CELERY_BROKER_URL", url)
        celery_app.conf.broker_url = url
        celery_app.conf.task_always_eager = False

    yield use
    monkeypatch.undo()
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = previous


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nobody listens once the socket is closed


@pytest.mark.django_db
def test_liveness_stays_cheap_and_ok(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200 and response.json()["status"] == "ok"


@pytest.mark.django_db
def test_ready_in_eager_mode_checks_the_database_and_skips_broker_and_worker(client):
    response = client.get(reverse("health_ready"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok", "down": [],
        "components": {"database": "ok", "broker": "skipped", "worker": "skipped"},
    }


@pytest.mark.django_db
def test_a_closed_broker_port_is_503_naming_the_broker(client, broker):
    broker(f"redis://:{BROKER_SECRET}@127.0.0.1:{closed_port()}/0")
    started = time.monotonic()
    response = client.get(reverse("health_ready"))
    assert time.monotonic() - started < 5
    assert response.status_code == 503
    body = response.json()
    assert body["down"] == ["broker"]
    assert body["components"] == {"database": "ok", "broker": "down", "worker": "unknown"}
    assert BROKER_SECRET not in response.content.decode()
    assert "127.0.0.1" not in response.content.decode()


@pytest.mark.django_db
def test_a_database_that_does_not_answer_is_503_naming_it(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get(reverse("health_ready"))
    assert response.status_code == 503
    assert response.json()["down"] == ["database"]
    assert "Connection refused" not in response.content.decode()


# --- With a real Redis (CI): no worker, then a worker ---------------------------------------

@pytest.mark.worker
@pytest.mark.skipif(not os.environ.get("CELERY_BROKER_URL"), reason="no Redis broker set")
@pytest.mark.django_db
def test_the_worker_is_down_until_one_answers_the_ping(client, settings, tmp_path):
    """On the test run's own broker (CI: nothing else runs a worker on it meanwhile)."""
    settings.HEALTH_CHECK_TIMEOUT = 1
    celery_app.conf.task_always_eager = False  # conftest's autouse fixture restores it
    response = client.get(reverse("health_ready"))
    assert response.status_code == 503
    assert response.json()["components"] == {"database": "ok", "broker": "ok", "worker": "down"}
    assert response.json()["down"] == ["worker"]

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/w.db", "VAR_DIR": str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "unionportal", "worker", "--pool=solo",
         "-Q", f"health-{os.getpid()}", "--loglevel=WARNING", "--without-gossip",
         "--without-mingle", "-n", f"health-{os.getpid()}@%h"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            response = client.get(reverse("health_ready"))
            if response.status_code == 200:
                break
            time.sleep(0.5)
        assert response.status_code == 200, response.json()
        assert response.json()["components"] == {
            "database": "ok", "broker": "ok", "worker": "ok"}
    finally:
        process.terminate()
        process.wait(timeout=30)
