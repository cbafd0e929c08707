"""purge_expired_files: old export files and import uploads go, report versions stay."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from jobs.models import Job, JobStatus
from members.models import ImportStatus, MemberImport

NOW = timezone.now()


def job(tree, kind, *, age_days, status=JobStatus.DONE):
    made = Job.objects.create(kind=kind, organisation=tree.union_a, requested_by=tree.cadre_a,
                              status=status)
    made.file.save(f"{made.pk}.pdf", ContentFile(b"%PDF- personal data"), save=True)
    when = NOW - dt.timedelta(days=age_days)
    finished = when if status in (JobStatus.DONE, JobStatus.FAILED) else None
    Job.objects.filter(pk=made.pk).update(created_at=when, finished_at=finished)
    made.refresh_from_db()
    return made


def upload(tree, *, age_hours, status=ImportStatus.CHECKED):
    made = MemberImport.objects.create(organisation=tree.union_a, uploaded_by=tree.cadre_a,
                                       original_name="会员.xlsx", status=status)
    made.file.save("upload.xlsx", ContentFile(b"PK names and ID numbers"), save=True)
    MemberImport.objects.filter(pk=made.pk).update(
        created_at=NOW - dt.timedelta(hours=age_hours))
    made.refresh_from_db()
    return made


def on_disk(record) -> bool:
    return Path(record.file.path).exists()


def purge(*args) -> str:
    out = io.StringIO()
    call_command("purge_expired_files", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def files(tree, settings):
    settings.JOB_FILE_RETENTION_DAYS = 30
    settings.JOB_FILES_KEPT_KINDS = ["annual_report", "annual_report_xlsx"]
    return {
        "old_export": job(tree, "member_export", age_days=31),
        "old_failed": job(tree, "chronicle_pdf", age_days=45, status=JobStatus.FAILED),
        "recent_export": job(tree, "member_export", age_days=29),
        "old_running": job(tree, "member_export", age_days=60, status=JobStatus.RUNNING),
        "old_report": job(tree, "annual_report", age_days=400),
        "old_report_xlsx": job(tree, "annual_report_xlsx", age_days=400),
        "old_upload": upload(tree, age_hours=25),
        "recent_upload": upload(tree, age_hours=23),
    }


def test_expired_files_are_deleted_and_their_rows_forget_them(files):
    paths = {name: Path(record.file.path) for name, record in files.items()}
    output = purge()
    assert "Deleted 2 job files and 1 member-import uploads." in output
    for name in ("old_export", "old_failed", "old_upload"):
        assert not paths[name].exists(), name
        files[name].refresh_from_db()
        assert not files[name].file, name
    for name in ("recent_export", "old_running", "old_report", "old_report_xlsx",
                 "recent_upload"):
        assert paths[name].exists(), name
        files[name].refresh_from_db()
        assert files[name].file, name
    # the rows stay (who asked for what, when); an unimported upload is marked expired
    assert Job.objects.count() == 6
    assert files["old_upload"].status == ImportStatus.EXPIRED
    assert files["recent_upload"].status == ImportStatus.CHECKED


def test_a_dry_run_lists_and_deletes_nothing(files):
    output = purge("--dry-run")
    assert "would delete 2 job files and 1 member-import uploads" in output
    assert files["old_export"].file.name in output and files["old_upload"].file.name in output
    assert files["recent_export"].file.name not in output
    assert files["old_report"].file.name not in output
    assert all(on_disk(record) for record in files.values())
    assert Job.objects.exclude(file="").count() == 6


def test_the_retention_and_the_kept_kinds_come_from_settings(files, settings):
    settings.JOB_FILE_RETENTION_DAYS = 7
    settings.JOB_FILES_KEPT_KINDS = ["annual_report"]
    purge()
    for name in ("recent_export", "old_report_xlsx"):   # 29 days > 7; no longer a kept kind
        assert not on_disk(files[name]), name
    assert on_disk(files["old_report"]) and on_disk(files["old_running"])


def test_a_second_run_finds_nothing(files):
    purge()
    assert "Deleted 0 job files and 0 member-import uploads." in purge()
