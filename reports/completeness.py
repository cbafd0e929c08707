"""Which direct children of a union have reported, entered records, or fallen behind.

Used by approval (a parent waits for every child that has records) and by the officials'
completeness board. A child "has records" for a period when any ledger record of its
subtree is dated in it: one UNION query over every ledger model, whatever their number of
rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.utils import timezone

from ledger.base import LedgerRecord
from organisations.models import Organisation
from reports.models import Report, ReportStatus
from reports.periods import Period
from reports.sections import sections
from reports.text import child_path

ACCOUNTED = (ReportStatus.APPROVED, ReportStatus.NOT_REPORTING)
SENT = (ReportStatus.SUBMITTED, *ACCOUNTED)


def ledger_models() -> list[type[LedgerRecord]]:
    return [model for model in apps.get_models()
            if issubclass(model, LedgerRecord) and not model._meta.abstract]


def children_with_records(organisation: Organisation, period: Period) -> set[str]:
    """Paths of the direct children under which some ledger record is dated in the period."""
    queries = [
        model.objects.within(organisation).filter(date__range=(period.start, period.end))
        .exclude(organisation=organisation).annotate(child=child_path(organisation))
        .values_list("child", flat=True).distinct().order_by()
        for model in ledger_models()
    ]
    if not queries:
        return set()
    return set(queries[0].union(*queries[1:]))


def children_pending(organisation: Organisation, period: Period) -> list[Organisation]:
    """Direct children with records whose report is neither approved nor marked as not
    reporting: the parent cannot be approved before them."""
    with_records = children_with_records(organisation, period)
    accounted = set(Report.objects.filter(
        organisation__parent=organisation, year=period.year, period_kind=period.kind,
        status__in=ACCOUNTED).values_list("organisation__path", flat=True))
    return [child for child in Organisation.objects.filter(parent=organisation).order_by("name")
            if child.path in with_records and child.path not in accounted]


def due_date(period: Period) -> dt.date:
    return period.end + dt.timedelta(days=settings.REPORT_DUE_DAYS)


@dataclass
class ChildRow:
    organisation: Organisation
    report: Report | None
    has_records: bool
    empty_sections: list[str] = field(default_factory=list)
    overdue: bool = False

    @property
    def status(self) -> str:
        return self.report.status if self.report else ""

    @property
    def status_display(self) -> str:
        return self.report.get_status_display() if self.report else ""


def board(organisation: Organisation, period: Period, today: dt.date | None = None
          ) -> list[ChildRow]:
    """One row per direct child: its report, whether it has records, the sections where it
    entered nothing, and whether it is overdue (past the due date and not yet sent)."""
    today = today or timezone.localdate()
    late = today > due_date(period)
    children = list(Organisation.objects.filter(parent=organisation).order_by("name"))
    reports = {report.organisation_id: report for report in Report.objects.filter(
        organisation__parent=organisation, year=period.year, period_kind=period.kind)}
    with_records = children_with_records(organisation, period)
    per_section = [(section, section.by_child(organisation, period.start, period.end))
                   for section in sections() if section.appendix]
    rows = []
    for child in children:
        report = reports.get(child.pk)
        empty = [str(section.title) for section, values in per_section
                 if not any(values.get(child.path, {}).values())]
        rows.append(ChildRow(
            organisation=child, report=report, has_records=child.path in with_records,
            empty_sections=empty,
            overdue=late and (report is None or report.status not in SENT)))
    return rows
