"""Demo work summaries for this year: one awaiting the street's review, one being written,
and the street's own.

Nothing is approved, so no period is locked and every demo account can still enter records.
"""

from __future__ import annotations

from django.utils import timezone

from organisations.models import Level, Organisation
from reports.assembly import problems
from reports.models import Report, ReportStatus
from reports.periods import Period
from reports.services import report_start, report_submit, report_texts_save

PROBLEMS = ("一是部分非公企业工会组织作用发挥不够充分，职工入会积极性有待提高；"
            "二是基层工会干部多为兼职，业务培训还需加强。")
PLANS = ("一是继续推进新就业形态劳动者入会工作；二是深化劳动和技能竞赛；"
         "三是做好困难职工帮扶和送温暖工作，切实维护职工合法权益。")
BEING_WRITTEN = "明湖第一中学工会"


def load(tree) -> None:
    period = Period(timezone.localdate().year)
    official = tree.users["dongguan_official"]
    street = tree.by_name["东关街道总工会"]
    _written(tree.by_name[BEING_WRITTEN], period, official)
    if not Report.objects.filter(organisation__parent=street, period_kind=period.kind,
                                 year=period.year, status=ReportStatus.SUBMITTED).exists():
        _submit_one(street, period, official)
    report_start(organisation=street, period=period, actor=official)


def _written(organisation, period, official) -> Report:
    """The union's summary with its problems and plans written (once)."""
    report = report_start(organisation=organisation, period=period, actor=official)
    if report.status == ReportStatus.DRAFT and not report.problems:
        report = report_texts_save(report, texts={}, problems=PROBLEMS, plans=PLANS,
                                   actor=official)
    return report


def _submit_one(street, period, official) -> None:
    """Submit the summary of the first union of the street whose records pass the logic
    checks: the random demo leaves some grants waiting, which a submission refuses."""
    unions = (Organisation.objects.filter(parent=street, level=Level.GRASSROOTS)
              .exclude(name=BEING_WRITTEN).order_by("name"))
    for union in unions:
        if not problems(union, period):
            report_submit(_written(union, period, official), official)
            return
