"""Records entered, reports approved bottom-up, the PDF rendered, read back with poppler.

The seed's disputes (27: 5 contract, 10 wages, 7 injury, 5 other; 120 workers; 1,329,770
yuan) are entered across a street's unions; the street's report is approved and rendered
through the portal. Once in-process (eager Celery, any database) and once through a real
Celery worker on Redis and PostgreSQL (CI).
"""

import re
import subprocess

import pytest
from django.urls import reverse
from django.utils import translation

from jobs.models import Job, JobStatus
from reports.models import Report
from reports.sections import sections
from reports.services import report_approve
from tests.jobs.test_chronicle_export import needs_poppler, pdf_text
from tests.reports.helpers import official_of, submitted
from tests.rights.test_report import disputes  # noqa: F401 (the seed's disputes, a fixture)
from tests.worker import needs_worker, wait_for

MAX_BYTES = 2 * 1024 * 1024


@pytest.fixture
def approved(tree, disputes):  # noqa: F811
    """Branch, unions, then the street: each approved by the union above."""
    officials = {org: official_of(org, f"official_{i}")
                 for i, org in enumerate((tree.branch_a, tree.union_a, tree.union_a2))}
    report_approve(submitted(tree.branch_a, officials[tree.branch_a]), officials[tree.union_a])
    for union in (tree.union_a, tree.union_a2):
        report_approve(submitted(union, officials[union]), tree.official_street_a)
    return report_approve(submitted(tree.street_a, tree.official_street_a),
                          tree.official_district)


def _request_pdf(client, tree, report) -> Job:
    client.force_login(tree.official_street_a)
    response = client.post(reverse("reports:pdf", args=[report.pk]))
    job = Job.objects.get(kind="annual_report")
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    return job


def _poppler(command: str, path) -> str:
    return subprocess.run([command, str(path)], check=True, capture_output=True,
                          text=True).stdout


def _check_the_pdf(client, job: Job) -> None:
    assert job.status == JobStatus.DONE, job.error
    status = client.get(reverse("jobs:status", args=[job.pk])).json()
    download = client.get(status["download_url"])
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF") and len(content) < MAX_BYTES

    text = re.sub(r"\s+", "", pdf_text(job.file.path))
    with translation.override("zh-hans"):
        headings = [re.sub(r"\s+", "", str(section.title)) for section in sections()]
    positions = [text.find(heading) for heading in headings]
    assert all(p >= 0 for p in positions), dict(zip(headings, positions, strict=True))
    for figure in ("27", "120", "1,329,770"):
        assert figure in text
    rights_title = headings[[s.key for s in sections()].index("rights")]
    rights_part = text[text.rfind(rights_title):]
    for count in ("5", "10", "7"):
        assert count in rights_part

    fonts = _poppler("pdffonts", job.file.path).splitlines()[2:]
    cjk = [line for line in fonts if re.search(r"(?i)(cjk|sc|hei|song|noto)", line)]
    assert cjk and all(re.match(r"[A-Z]{6}\+", line) for line in cjk), fonts
    assert all(" yes yes " in line for line in fonts), fonts  # embedded, subset
    pages = int(re.search(r"Pages:\s+(\d+)", _poppler("pdfinfo", job.file.path)).group(1))
    assert 3 <= pages <= 60


@needs_poppler
def test_the_report_pdf_in_process(tree, client, approved, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = _request_pdf(client, tree, approved)
    job.refresh_from_db()
    _check_the_pdf(client, job)
    assert not Report.objects.get(pk=approved.pk).is_open


@needs_worker
@needs_poppler
def test_the_report_pdf_through_a_real_worker(tree, client, approved, worker):
    job = wait_for(_request_pdf(client, tree, approved))
    _check_the_pdf(client, job)
    worker.terminate()
    log = worker.communicate(timeout=30)[0]
    assert "run_job[" in log and "succeeded" in log, log[-2000:]
