"""The review of a work summary: start, edit, submit, return, approve, reopen.

Who may do what follows the tree: the union's own cadres write it, its official submits
it, an official *above* it (of the parent or higher) returns or approves it, marks it as
not reporting, or reopens it. A union with no parent in the system is approved by its own
official. Approving locks the period for the subtree; every step is a ``ReportEvent``
and every text edit is kept in the history tables.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisations.models import Organisation, Role, RoleKind
from organisations.services import ensure_can, history_reason, period_lock, period_unlock
from reports.models import Report, ReportEvent, ReportStatus, SectionText
from reports.periods import Period, PeriodKind

Action = ReportEvent.Action


def _event(report: Report, action: str, actor, reason: str = "") -> None:
    ReportEvent.objects.create(report=report, action=action, actor=actor, reason=reason)


def _reason(reason: str, message: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(message, code="reason_required")
    ProhibitNullCharactersValidator()(reason)  # read straight from a POST: PostgreSQL refuses NUL
    return reason


def is_official_above(user, organisation: Organisation) -> bool:
    """An official of an ancestor (of the node itself when it is the root of the tree)."""
    if user.is_superuser:
        return True
    keys = organisation.path_keys
    above = keys[:-1] if organisation.parent_id else keys
    return Role.objects.filter(user=user, kind__gte=RoleKind.OFFICIAL,
                               organisation__node_key__in=above).exists()


def ensure_official_above(user, organisation: Organisation) -> None:
    if not is_official_above(user, organisation):
        raise PermissionDenied(
            _("Only an official of a union above %(org)s may do this.") % {"org": organisation})


def report_start(*, organisation: Organisation, period: Period, actor) -> Report:
    """The organisation's report for the period, created as a draft on first use."""
    ensure_can(actor, organisation, RoleKind.VIEWER)
    report, created = Report.objects.get_or_create(
        organisation=organisation, year=period.year, period_kind=period.kind)
    if created:
        _event(report, Action.CREATED, actor)
    return report


def _ensure_editable(report: Report, actor) -> bool:
    """Whether this edit comes after approval (then an official above makes it)."""
    if report.status == ReportStatus.DRAFT:
        ensure_can(actor, report.organisation, RoleKind.CADRE)
        return False
    if report.status == ReportStatus.APPROVED:
        ensure_official_above(actor, report.organisation)
        return True
    raise ValidationError(
        _("A submitted report cannot be edited: the reviewer must return it first."),
        code="not_editable")


@transaction.atomic
def report_texts_save(report: Report, *, texts: dict[str, str], problems: str, plans: str,
                      actor, reason: str = "") -> Report:
    """Save the sections' texts (an empty text returns to the one written from figures),
    存在问题 and 明年打算. An edit after approval needs a reason and is an event."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    after_approval = _ensure_editable(report, actor)
    if after_approval:
        reason = _reason(reason, _("Say why an approved report is changed."))
    for key, text in texts.items():
        _text_save(report, key, (text or "").strip(), actor, reason)
    report.problems, report.plans = problems.strip(), plans.strip()
    report._history_user, report._change_reason = actor, history_reason(reason) or None
    report.save()
    if after_approval:
        _event(report, Action.EDITED, actor, reason)
    return report


def _text_save(report: Report, key: str, text: str, actor, reason: str) -> None:
    current = SectionText.objects.filter(report=report, key=key).first()
    if current is None and not text:
        return
    if current is None:
        current = SectionText(report=report, key=key)
    elif current.text == text:
        return
    current._history_user, current._change_reason = actor, history_reason(reason) or None
    if text:
        current.text = text
        current.save()
    else:
        current.delete()


@transaction.atomic
def report_submit(report: Report, actor) -> Report:
    """Send the report to the parent; refused while a logic check fails."""
    from reports.assembly import problems

    report = Report.objects.select_for_update().get(pk=report.pk)
    ensure_can(actor, report.organisation, RoleKind.OFFICIAL)
    _ensure_status(report, ReportStatus.DRAFT)
    failed = problems(report.organisation, report.period)
    if failed:
        raise ValidationError(
            _("%(count)d logic checks fail: correct the records listed before submitting.")
            % {"count": len(failed)}, code="checks_fail")
    _move(report, ReportStatus.SUBMITTED, actor, submitted_by=actor,
          submitted_at=timezone.now(), reason="")
    _event(report, Action.SUBMITTED, actor)
    return report


@transaction.atomic
def report_return(report: Report, actor, reason: str) -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    ensure_official_above(actor, report.organisation)
    _ensure_status(report, ReportStatus.SUBMITTED)
    reason = _reason(reason, _("Say what must be changed."))
    _move(report, ReportStatus.DRAFT, actor, reason=reason)
    _event(report, Action.RETURNED, actor, reason)
    return report


@transaction.atomic
def report_approve(report: Report, actor) -> Report:
    """Approve and lock the period for the subtree, once every child is accounted for."""
    from reports.completeness import children_pending
    from reports.published import figures_to_publish

    report = Report.objects.select_for_update().get(pk=report.pk)
    ensure_official_above(actor, report.organisation)
    _ensure_status(report, ReportStatus.SUBMITTED)
    pending = children_pending(report.organisation, report.period)
    if pending:
        raise ValidationError(
            _("These unions entered records for the period but their reports are not "
              "approved (or marked as not reporting): %(names)s.")
            % {"names": "、".join(child.name for child in pending)}, code="children_pending")
    _move(report, ReportStatus.APPROVED, actor, approved_by=actor, approved_at=timezone.now(),
          figures=figures_to_publish(report.organisation, report.period))
    period_lock(organisation=report.organisation, year=report.year, actor=actor,
                reason=str(report), through_month=report.period.through_month)
    _event(report, Action.APPROVED, actor)
    return report


@transaction.atomic
def report_mark_not_reporting(*, organisation: Organisation, period: Period, actor,
                              reason: str) -> Report:
    """A parent's official accounts for a child that will not report (closed, merged…)."""
    ensure_official_above(actor, organisation)
    reason = _reason(reason, _("Say why this union does not report."))
    report = report_start(organisation=organisation, period=period, actor=actor)
    report = Report.objects.select_for_update().get(pk=report.pk)
    _ensure_status(report, ReportStatus.DRAFT)
    _move(report, ReportStatus.NOT_REPORTING, actor, reason=reason)
    _event(report, Action.NOT_REPORTING, actor, reason)
    return report


@transaction.atomic
def report_reopen(report: Report, actor, reason: str) -> Report:
    """Back to draft (unlocking the period) by an official above, with a reason.

    Refused while the parent's report for the period is approved: its lock covers this
    subtree too, and reopening the child alone would unlock nothing.
    """
    report = Report.objects.select_for_update().get(pk=report.pk)
    ensure_official_above(actor, report.organisation)
    _ensure_status(report, ReportStatus.APPROVED, ReportStatus.NOT_REPORTING)
    reason = _reason(reason, _("Say why the report is reopened."))
    parent = report.organisation.parent
    if parent and Report.objects.filter(organisation=parent, year=report.year,
                                        period_kind=report.period_kind,
                                        status=ReportStatus.APPROVED).exists():
        raise ValidationError(
            _("The report of %(parent)s for this period is approved: reopen it first.")
            % {"parent": parent}, code="parent_approved")
    if report.period_kind == PeriodKind.FIRST_HALF and Report.objects.filter(
            organisation=report.organisation, year=report.year, period_kind=PeriodKind.YEAR,
            status=ReportStatus.APPROVED).exists():
        raise ValidationError(
            _("The report of the whole year is approved and locks these months too: reopen "
              "it first."), code="year_approved")
    if report.status == ReportStatus.APPROVED:
        period_unlock(organisation=report.organisation, year=report.year, actor=actor,
                      reason=reason, keep_through_month=_still_locked_months(report))
    _move(report, ReportStatus.DRAFT, actor, reason=reason, approved_by=None,
          approved_at=None, figures=None)
    _event(report, Action.REOPENED, actor, reason)
    return report


def _still_locked_months(report: Report) -> int:
    """Reopening the year keeps January–June locked if the 上半年 report stays approved."""
    if report.period_kind != PeriodKind.YEAR:
        return 0
    first_half_approved = Report.objects.filter(
        organisation=report.organisation, year=report.year,
        period_kind=PeriodKind.FIRST_HALF, status=ReportStatus.APPROVED).exists()
    return Period(report.year, PeriodKind.FIRST_HALF).through_month if first_half_approved else 0


def _ensure_status(report: Report, *allowed: str) -> None:
    if report.status not in allowed:
        raise ValidationError(
            _("This cannot be done to a report that is %(status)s.")
            % {"status": report.get_status_display()}, code="wrong_status")


def _move(report: Report, status: str, actor, **fields) -> None:
    report.status = status
    for name, value in fields.items():
        setattr(report, name, value)
    report._history_user = actor
    report.save()
