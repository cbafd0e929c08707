"""The chronicle PDF job, run through Celery's API (eagerly here; by a real worker in CI)."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from jobs.models import Job, JobStatus
from jobs.tasks import run_job
from tests.factories import chronicle

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils (pdftotext) not installed")


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


@pytest.fixture
def requested(tree, client, django_capture_on_commit_callbacks):
    chronicle(tree.union_a, tree.cadre_a, tree.day, title="技能比武决赛",
              description="23个工种401名选手")
    chronicle(tree.union_b, tree.cadre_b, tree.day, title="乙方的记录")
    client.force_login(tree.official_street_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("ledger:chronicle_export") + "?year=2025")
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "jobs:detail", args=[job.pk])
    job.refresh_from_db()
    return job


@needs_poppler
def test_export_produces_a_pdf_of_the_subtree_only(tree, client, requested):
    assert requested.status == JobStatus.DONE, requested.error
    status = client.get(reverse("jobs:status", args=[requested.pk])).json()
    assert status["status"] == "done" and status["progress"] == 100
    response = client.get(status["download_url"])
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF")
    text = pdf_text(requested.file.path)
    assert "东关街道总工会" in text and "技能比武决赛" in text and "401" in text
    assert "乙方的记录" not in text


def test_running_a_job_again_keeps_one_file(tree, requested):
    first = requested.file.path
    Job.objects.filter(pk=requested.pk).update(status=JobStatus.RUNNING)  # as if redelivered
    assert run_job.delay(str(requested.pk)).get() == "done"
    requested.refresh_from_db()
    files = sorted(p.name for p in Path(requested.file.storage.path("jobs")).iterdir())
    assert files == [f"{requested.pk}.pdf"]
    assert requested.file.path == first
    assert run_job.delay(str(requested.pk)).get() == "skipped"


def test_a_failure_is_shown_with_its_reason(tree, client, monkeypatch,
                                            django_capture_on_commit_callbacks):
    from jobs import registry

    def broken(job, report):
        raise RuntimeError("字体缺失")

    monkeypatch.setitem(registry._PRODUCERS, "chronicle_pdf", broken)
    monkeypatch.setattr(registry, "autodiscover", lambda: None)
    client.force_login(tree.cadre_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("ledger:chronicle_export"))
    status = client.get(reverse("jobs:status", args=[Job.objects.get().pk])).json()
    assert status["status"] == "failed" and "字体缺失" in status["error"]
    assert status["download_url"] is None


def test_the_task_rechecks_access(tree, django_capture_on_commit_callbacks):
    from jobs.services import job_request

    with django_capture_on_commit_callbacks(execute=False):
        job = job_request(kind="chronicle_pdf", organisation=tree.union_a, actor=tree.cadre_a,
                          params={"year": 2025})
    tree.cadre_a.union_roles.all().delete()  # the role is withdrawn before the worker runs
    assert run_job(str(job.pk)) == "refused"
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and not job.file
