"""Importing members from an uploaded Excel file: receive, check, confirm, write.

A small file is checked while it is uploaded; a larger one (over ``sync_rows()`` rows) by a
background job whose progress the preview page shows. Confirming re-reads and re-checks the
stored file, then writes every row in one transaction or none: if anything changed since the
preview (someone registered one of the persons meanwhile), nothing is written and the new
problems are shown instead. The file lives under a private path of MEDIA_ROOT until the
import is done, or for a day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from simple_history.utils import bulk_create_with_history

from jobs.registry import producer
from jobs.services import job_request
from members import excel
from members.excel import FileRefused
from members.models import ImportStatus, Member, MemberImport
from organisations.models import RoleKind
from organisations.services import ensure_can

KEEP_FOR = dt.timedelta(days=1)
WRITE_BATCH = 1000
STORED_ERRORS = 10_000  # a pathological file's problems beyond these are counted, not kept

Report = Callable[[str, int], None]


def sync_rows() -> int:
    """Files with more rows than this are checked and imported by a background job."""
    return settings.MEMBER_IMPORT_SYNC_ROWS


def _quiet(stage: str, percent: int) -> None:
    """The report of a check run in the request: nobody polls it."""


def ready(member_import: MemberImport) -> bool:
    """Checked, without a single problem, and the file still kept: it may be confirmed."""
    return (member_import.status == ImportStatus.CHECKED and not member_import.error_count
            and bool(member_import.file))


# --- Receiving and checking --------------------------------------------------------------

def import_receive(*, upload, organisation, actor, language: str) -> MemberImport:
    """Store an upload and check it: now if it is small, by a job if not.

    Raises ``FileRefused`` for a file refused as a whole (not xlsx, too large, formulas...).
    """
    ensure_can(actor, organisation, RoleKind.CADRE)
    import_cleanup()
    excel.check_upload(upload)
    member_import = MemberImport(organisation=organisation, uploaded_by=actor,
                                 original_name=PurePath(upload.name or "").name[:200])
    member_import.file.save("upload.xlsx", upload, save=False)
    member_import.save()
    try:
        rows = _read(member_import, limit=sync_rows())
    except FileRefused as refused:
        if refused.code != "too_many_rows":
            raise
        _queue(member_import, "member_import_check", ImportStatus.CHECKING, actor, language)
        return member_import
    return _store(member_import, excel.check_rows(rows, root=organisation, actor=actor))


def _read_and_check(member_import: MemberImport, actor, report: Report, share: int):
    """Read the stored file and check its rows; checking fills ``share`` points of progress."""
    ensure_can(actor, member_import.organisation, RoleKind.CADRE)
    report(gettext_noop("Reading the file"), 5)
    rows = _read(member_import, limit=excel.max_rows())
    report(gettext_noop("Checking rows"), 10)
    return excel.check_rows(rows, root=member_import.organisation, actor=actor,
                            progress=lambda done: report(gettext_noop("Checking rows"),
                                                         10 + int(done * share)))


def import_check(member_import: MemberImport, *, actor, report: Report = _quiet):
    """Check every row of a stored file (the background job of a large file)."""
    return _store(member_import, _read_and_check(member_import, actor, report, share=85))


def _read(member_import: MemberImport, *, limit: int) -> list[excel.RawRow]:
    """The stored file's rows; a refused file is marked so, and its file deleted."""
    if not member_import.file:
        raise _mark_refused(member_import, FileRefused(
            _("The uploaded file is no longer kept (files are deleted after a day): upload "
              "it again."), code="expired"))
    try:
        with member_import.file.open("rb") as source:
            return excel.read_rows(source, limit=limit)
    except FileRefused as refused:
        if refused.code == "too_many_rows" and limit < excel.max_rows():
            raise  # only too many for this request: a job will read it whole
        raise _mark_refused(member_import, refused) from None


def _mark_refused(member_import: MemberImport, refused: FileRefused) -> FileRefused:
    _forget_file(member_import)
    member_import.status, member_import.message = ImportStatus.REFUSED, refused.messages[0]
    member_import.finished_at = timezone.now()
    member_import.save()
    return refused


def _store(member_import: MemberImport, result: excel.CheckResult, *,
           message: str = "") -> MemberImport:
    member_import.status = ImportStatus.CHECKED
    member_import.row_count, member_import.error_count = result.row_count, len(result.errors)
    member_import.errors = [error.as_dict() for error in result.errors[:STORED_ERRORS]]
    member_import.summary = {"unions": result.unions}
    member_import.message = message
    member_import.save()
    return member_import


def _queue(member_import: MemberImport, kind: str, status: str, actor, language: str) -> None:
    """Hand the import to a job; in one transaction, so the job starts (after the commit)
    from the import as recorded here, not from a half-written one."""
    with transaction.atomic():
        job = job_request(kind=kind, organisation=member_import.organisation, actor=actor,
                          params={"import_id": str(member_import.pk), "language": language})
        member_import.job, member_import.status = job, status
        member_import.save(update_fields=["job", "status"])


# --- Confirming and writing --------------------------------------------------------------

def import_confirm(*, member_import: MemberImport, actor, language: str) -> MemberImport:
    """Import a checked file: now if it is small, by a job if not."""
    ensure_can(actor, member_import.organisation, RoleKind.CADRE)
    with transaction.atomic():
        member_import = MemberImport.objects.select_for_update().get(pk=member_import.pk)
        if not ready(member_import):
            raise ValidationError(_("This import cannot be confirmed: it is %(status)s.")
                                  % {"status": member_import.get_status_display()},
                                  code="import_not_ready")
        if member_import.row_count > sync_rows():
            _queue(member_import, "member_import", ImportStatus.IMPORTING, actor, language)
            return member_import
    return import_commit(member_import, actor=actor)


def import_commit(member_import: MemberImport, *, actor, report: Report = _quiet):
    """Re-read, re-check and write every row in one transaction; or nothing, with the new
    problems recorded on the import."""
    result = _read_and_check(member_import, actor, report, share=50)
    if result.errors:
        return _store(member_import, result, message=_changed())
    report(gettext_noop("Writing members"), 60)
    try:
        with transaction.atomic():
            locked = MemberImport.objects.select_for_update().get(pk=member_import.pk)
            if locked.status not in (ImportStatus.CHECKED, ImportStatus.IMPORTING):
                return locked  # imported meanwhile by a second click: nothing to do
            write_members(result.members, actor=actor, member_import=locked)
    except IntegrityError:  # a person registered between the check and the write
        member_import.refresh_from_db()
        if member_import.status == ImportStatus.IMPORTED:
            return member_import
        result = _read_and_check(member_import, actor, report, share=50)
        return _store(member_import, result, message=_changed())
    _forget_file(locked)
    return locked


def _changed() -> str:
    return _("The file was checked again before importing and has problems now (someone may "
             "have registered one of these persons meanwhile): nothing was imported.")


def write_members(members: list[Member], *, actor, member_import: MemberImport) -> None:
    """Insert in batches with their history rows (who imported them, from which import)."""
    for member in members:
        member.created_by = actor
    bulk_create_with_history(members, Member, batch_size=WRITE_BATCH, default_user=actor,
                             default_change_reason=f"Excel import {member_import.pk}")
    member_import.status, member_import.imported_count = ImportStatus.IMPORTED, len(members)
    member_import.finished_at, member_import.message = timezone.now(), ""
    member_import.save()


# --- Files -------------------------------------------------------------------------------

def _forget_file(member_import: MemberImport) -> None:
    if member_import.file:
        member_import.file.delete(save=False)
        MemberImport.objects.filter(pk=member_import.pk).update(file="")


def import_cleanup(now: dt.datetime | None = None) -> int:
    """Delete the files of imports older than a day; those not imported expire."""
    cutoff = (now or timezone.now()) - KEEP_FOR
    old = list(MemberImport.objects.filter(created_at__lt=cutoff).exclude(file=""))
    for member_import in old:
        _forget_file(member_import)
    MemberImport.objects.filter(pk__in=[i.pk for i in old]).exclude(
        status__in=[ImportStatus.IMPORTED, ImportStatus.REFUSED]).update(
        status=ImportStatus.EXPIRED)
    return len(old)


def report_file(member_import: MemberImport) -> tuple[str, bytes]:
    """The outcome as an .xlsx: a summary, then every problem by row and column."""
    summary = [
        (_("file"), member_import.original_name),
        (_("status"), str(member_import.get_status_display())),
        (_("rows"), member_import.row_count),
        (_("problems"), member_import.error_count),
        (_("imported"), member_import.imported_count),
    ]
    if member_import.message:
        summary.append((_("note"), member_import.message))
    title = _("Member import: %(file)s") % {"file": member_import.original_name}
    content = excel.report_workbook(title=title, summary=summary, errors=member_import.errors)
    stem = PurePath(member_import.original_name).stem or "members"
    return f"{stem} – {_('import report')}.xlsx", content


# --- Background jobs ---------------------------------------------------------------------

def _job_import(job) -> MemberImport:
    return MemberImport.objects.select_related("organisation").get(
        pk=job.params["import_id"], organisation=job.organisation)


@producer("member_import_check", label=gettext_lazy("Member import check"))
def check_job(job, report) -> tuple[str, bytes]:
    """Check a large upload; the file produced is the list of its problems."""
    member_import = _job_import(job)
    with translation.override(job.params.get("language", "zh-hans")):
        try:
            import_check(member_import, actor=job.requested_by, report=report)
        except FileRefused:
            member_import.refresh_from_db()
        return report_file(member_import)


@producer("member_import", label=gettext_lazy("Member import"))
def import_job(job, report) -> tuple[str, bytes]:
    """Import a large checked upload; the file produced is the outcome."""
    member_import = _job_import(job)
    with translation.override(job.params.get("language", "zh-hans")):
        try:
            member_import = import_commit(member_import, actor=job.requested_by,
                                          report=report)
        except FileRefused:
            member_import.refresh_from_db()
        except Exception:
            # Give the import back to the cadre (it may be confirmed again), then fail the job.
            MemberImport.objects.filter(pk=member_import.pk, status=ImportStatus.IMPORTING) \
                .update(status=ImportStatus.CHECKED)
            raise
        return report_file(member_import)
