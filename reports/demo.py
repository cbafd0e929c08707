"""Demo work summaries for this year: one awaiting the street's review, one being written.

Nothing is approved, so no period is locked and every demo account can still enter records.
"""

from __future__ import annotations

import contextlib

from django.core.exceptions import ValidationError
from django.utils import timezone

from reports.models import ReportStatus
from reports.periods import Period
from reports.services import report_start, report_submit, report_texts_save

PROBLEMS = ("一是部分非公企业工会组织作用发挥不够充分，职工入会积极性有待提高；"
            "二是基层工会干部多为兼职，业务培训还需加强。")
PLANS = ("一是继续推进新就业形态劳动者入会工作；二是深化劳动和技能竞赛；"
         "三是做好困难职工帮扶和送温暖工作，切实维护职工合法权益。")


def load(tree) -> None:
    period = Period(timezone.localdate().year)
    official = tree.users["dongguan_official"]
    for name, submit in (("明湖机械厂工会", True), ("明湖第一中学工会", False)):
        report = report_start(organisation=tree.by_name[name], period=period, actor=official)
        if report.status != ReportStatus.DRAFT or report.problems:
            continue  # loaded before
        report = report_texts_save(report, texts={}, problems=PROBLEMS, plans=PLANS,
                                   actor=official)
        if submit:
            # a failing logic check of the demo records leaves a draft that shows which
            with contextlib.suppress(ValidationError):
                report_submit(report, official)
    report_start(organisation=tree.by_name["东关街道总工会"], period=period, actor=official)
