"""The review: who may take each step, the order rule, locks, reopening, the trail."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ledger.models import ChronicleEntry
from ledger.services import ledger_save
from organisations.models import PeriodLock
from organisations.services import PeriodLocked, ensure_period_open
from reports.models import ReportEvent, ReportStatus
from reports.periods import Period, PeriodKind
from reports.services import (
    report_approve,
    report_mark_not_reporting,
    report_reopen,
    report_return,
    report_start,
    report_submit,
    report_texts_save,
)
from tests.factories import chronicle
from tests.reports.helpers import PERIOD, official_of, submitted

Action = ReportEvent.Action


@pytest.fixture
def officials(tree):
    tree.official_a = official_of(tree.union_a, "official_a")
    tree.official_a2 = official_of(tree.union_a2, "official_a2")
    return tree


def test_a_union_cannot_approve_its_own_report(officials):
    t = officials
    report = submitted(t.union_a, t.official_a)
    with pytest.raises(PermissionDenied):
        report_approve(report, t.official_a)
    with pytest.raises(PermissionDenied):
        report_approve(report, t.cadre_a)
    assert report_approve(report, t.official_street_a).status == ReportStatus.APPROVED


def test_a_cadre_writes_but_only_an_official_submits(officials):
    t = officials
    report = report_start(organisation=t.union_a, period=PERIOD, actor=t.cadre_a)
    report_texts_save(report, texts={"rights": "本年度维权工作扎实。"}, problems="人手不足",
                      plans="", actor=t.cadre_a)
    with pytest.raises(PermissionDenied):
        report_submit(report, t.cadre_a)
    with pytest.raises(PermissionDenied):
        report_texts_save(report, texts={}, problems="", plans="", actor=t.viewer_a)
    assert report_submit(report, t.official_a).status == ReportStatus.SUBMITTED


def test_approval_waits_for_children_with_records(officials):
    t = officials
    chronicle(t.union_a, t.cadre_a, dt.date(2025, 3, 1))
    chronicle(t.union_a2, t.official_a2, dt.date(2025, 4, 1))
    street = submitted(t.street_a, t.official_street_a)
    with pytest.raises(ValidationError) as refused:
        report_approve(street, t.official_district)
    assert refused.value.code == "children_pending"
    assert "机械厂工会" in refused.value.messages[0] and "第一中学工会" in refused.value.messages[0]

    report_approve(submitted(t.union_a, t.official_a), t.official_street_a)
    with pytest.raises(ValidationError):  # union_a2 still has records and no report
        report_approve(street, t.official_district)
    report_mark_not_reporting(organisation=t.union_a2, period=PERIOD,
                              actor=t.official_street_a, reason="企业已关停，工会撤销")
    assert report_approve(street, t.official_district).status == ReportStatus.APPROVED


def test_children_without_records_in_the_period_do_not_hold_approval(officials):
    t = officials
    chronicle(t.union_a, t.cadre_a, dt.date(2024, 12, 31))  # the year before
    street = submitted(t.street_a, t.official_street_a)
    assert report_approve(street, t.official_district).status == ReportStatus.APPROVED


def test_approval_locks_the_subtree_and_reopening_unlocks_it(officials):
    t = officials
    entry = chronicle(t.union_a, t.cadre_a, dt.date(2025, 9, 1))
    report = report_approve(submitted(t.union_a, t.official_a), t.official_street_a)
    with pytest.raises(PeriodLocked):
        ensure_period_open(t.branch_a, dt.date(2025, 9, 2))
    entry.title = "改过"
    with pytest.raises(ValidationError):
        ledger_save(entry, actor=t.cadre_a)
    ensure_period_open(t.union_a2, dt.date(2025, 9, 2))  # a sibling is not locked

    with pytest.raises(ValidationError) as refused:
        report_reopen(report, t.official_street_a, "  ")
    assert refused.value.code == "reason_required"
    with pytest.raises(PermissionDenied):
        report_reopen(report, t.official_a, "补录数据")
    report_reopen(report, t.official_street_a, "补录三季度数据")
    assert not PeriodLock.objects.filter(organisation=t.union_a).exists()
    ledger_save(entry, actor=t.cadre_a)
    assert ChronicleEntry.objects.get(pk=entry.pk).title == "改过"


def test_a_child_cannot_be_reopened_under_an_approved_parent(officials):
    t = officials
    child = report_approve(submitted(t.union_a, t.official_a), t.official_street_a)
    report_approve(submitted(t.street_a, t.official_street_a), t.official_district)
    with pytest.raises(ValidationError) as refused:
        report_reopen(child, t.official_district, "更正")
    assert refused.value.code == "parent_approved"


def test_first_half_locks_january_to_june_only(officials):
    t = officials
    half = Period(2025, PeriodKind.FIRST_HALF)
    report_approve(submitted(t.union_a, t.official_a, half), t.official_street_a)
    with pytest.raises(PeriodLocked):
        ensure_period_open(t.union_a, dt.date(2025, 6, 30))
    ensure_period_open(t.union_a, dt.date(2025, 7, 1))

    year = report_approve(submitted(t.union_a, t.official_a), t.official_street_a)
    with pytest.raises(PeriodLocked):
        ensure_period_open(t.union_a, dt.date(2025, 12, 1))
    report_reopen(year, t.official_street_a, "补录下半年数据")
    ensure_period_open(t.union_a, dt.date(2025, 12, 1))
    with pytest.raises(PeriodLocked):  # the approved first half stays locked
        ensure_period_open(t.union_a, dt.date(2025, 3, 1))


def test_returning_needs_a_reason_and_reopens_the_draft(officials):
    t = officials
    report = submitted(t.union_a, t.official_a)
    with pytest.raises(ValidationError):
        report_texts_save(report, texts={}, problems="x", plans="", actor=t.official_a)
    with pytest.raises(ValidationError):
        report_return(report, t.official_street_a, "")
    report = report_return(report, t.official_street_a, "维权数字与台账不符")
    assert report.status == ReportStatus.DRAFT and report.reason == "维权数字与台账不符"


def test_edits_after_approval_need_an_official_above_and_a_reason(officials):
    t = officials
    report = report_approve(submitted(t.union_a, t.official_a), t.official_street_a)
    with pytest.raises(PermissionDenied):
        report_texts_save(report, texts={"rights": "改"}, problems="", plans="",
                          actor=t.official_a, reason="更正")
    with pytest.raises(ValidationError):
        report_texts_save(report, texts={"rights": "改"}, problems="", plans="",
                          actor=t.official_street_a)
    report_texts_save(report, texts={"rights": "更正后的维权段落"}, problems="", plans="",
                      actor=t.official_street_a, reason="区总工会审核意见")
    text = report.texts.get(key="rights")
    assert text.history.first().history_change_reason == "区总工会审核意见"
    assert text.history.first().history_user == t.official_street_a


def test_every_step_is_in_the_trail(officials):
    t = officials
    report = submitted(t.union_a, t.official_a)
    report = report_return(report, t.official_street_a, "补充数字")
    report = report_submit(report, t.official_a)
    report = report_approve(report, t.official_street_a)
    report = report_reopen(report, t.official_district, "上级抽查")
    steps = list(report.events.order_by("at", "pk").values_list("action", "actor__username",
                                                                 "reason"))
    assert steps == [
        (Action.CREATED, "official_a", ""), (Action.SUBMITTED, "official_a", ""),
        (Action.RETURNED, "official_street_a", "补充数字"), (Action.SUBMITTED, "official_a", ""),
        (Action.APPROVED, "official_street_a", ""),
        (Action.REOPENED, "official_district", "上级抽查"),
    ]


def test_marking_not_reporting_needs_an_official_above_and_a_reason(officials):
    t = officials
    with pytest.raises(PermissionDenied):
        report_mark_not_reporting(organisation=t.union_a, period=PERIOD, actor=t.official_a,
                                  reason="自己")
    with pytest.raises(ValidationError):
        report_mark_not_reporting(organisation=t.union_a, period=PERIOD,
                                  actor=t.official_street_a, reason="")
    report = report_mark_not_reporting(organisation=t.union_a, period=PERIOD,
                                       actor=t.official_street_a, reason="改制中")
    assert report.status == ReportStatus.NOT_REPORTING and report.reason == "改制中"
