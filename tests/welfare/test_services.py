"""The rules that protect the register and the money, through the services."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import translation

from members.personal_data import lookup_hash
from organisations.services import period_lock
from tests.members.factories import valid_resident_id
from tests.welfare import factories as f
from welfare.models import AidGrant, CaseReview, HardshipCase
from welfare.services import (
    RuleWarnings,
    case_delete,
    case_save,
    drive_save,
    enrolment_copy,
    grant_approve,
    grant_pay,
    grant_save,
    grants_batch_save,
    review_save,
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# --- One case per person ---------------------------------------------------------------------


def test_a_second_case_for_the_same_member_is_refused_wherever_filed(tree):
    worker = f.member(tree.union_a, tree.cadre_a)
    f.case(tree.union_a, tree.cadre_a, person=worker)
    with pytest.raises(ValidationError) as refused:
        f.case(tree.street_a, tree.official_street_a, person=worker)
    assert "already has a hardship case" in str(refused.value)
    assert "机械厂工会" in str(refused.value)  # the street official may see where
    assert HardshipCase.objects.count() == 1


def test_a_non_member_is_known_by_the_id_number_and_the_other_union_is_not_named(tree):
    number = valid_resident_id(dt.date(1972, 2, 3), male=True)
    f.case(tree.union_b, tree.cadre_b, number=number, name="钱国强")
    with pytest.raises(ValidationError) as refused:
        f.case(tree.union_a, tree.cadre_a, number=f" {number.lower()} ", name="钱国强")
    message = str(refused.value)
    assert "another union" in message and "软件园" not in message
    assert HardshipCase.objects.count() == 1


def test_a_member_with_a_case_filed_as_a_non_member_is_the_same_person(tree):
    number = valid_resident_id(dt.date(1980, 5, 6), male=False)
    worker = f.member(tree.union_a, tree.cadre_a, gender="female",
                      birth_date=dt.date(1980, 5, 6), document_number=number)
    f.case(tree.union_a, tree.cadre_a, number=number, name="王芳")
    with pytest.raises(ValidationError):
        f.case(tree.union_a, tree.cadre_a, person=worker)


def test_the_id_number_is_checked_and_never_stored_in_clear(tree):
    with pytest.raises(ValidationError) as refused:
        f.case(tree.union_a, tree.cadre_a, number="370102199001011230")
    assert "document_number" in refused.value.error_dict
    number = valid_resident_id(dt.date(1975, 4, 2), male=False)
    case = f.case(tree.union_a, tree.cadre_a, number=number)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM welfare_hardshipcase WHERE id = %s", [case.pk])
        row = " ".join(str(value) for value in cursor.fetchone())
        cursor.execute("SELECT * FROM welfare_historicalhardshipcase")
        history = " ".join(str(v) for r in cursor.fetchall() for v in r)
    assert number not in row and number not in history
    assert case.id_hash == lookup_hash(number) and case.id_last4 == number[-4:]
    assert HardshipCase.objects.get(pk=case.pk).document_number == number


def test_a_case_needs_causes_and_a_name(tree):
    with pytest.raises(ValidationError) as refused:
        f.case(tree.union_a, tree.cadre_a, causes="", name=" ")
    assert {"causes", "name"} <= set(refused.value.error_dict)
    with pytest.raises(ValidationError) as refused:
        f.case(tree.union_a, tree.cadre_a, causes="illness,astrology")
    assert "causes" in refused.value.error_dict


# --- Reviews and the state of a case -----------------------------------------------------------


def test_the_state_is_the_latest_review_on_the_day_asked(tree):
    case = f.case(tree.union_a, tree.cadre_a, date=dt.date(2024, 3, 1))
    f.review(case, tree.cadre_a, date=dt.date(2024, 9, 1), level="extreme")
    f.review(case, tree.cadre_a, date=dt.date(2025, 4, 1), status="lifted")
    state = HardshipCase.objects.with_state(on=dt.date(2024, 12, 31)).get()
    assert (state.state, state.state_level, state.review_due) == (
        "on_file", "extreme", dt.date(2025, 2, 28))
    now = HardshipCase.objects.with_state().get()
    assert (now.state, now.state_since) == ("lifted", dt.date(2025, 4, 1))
    assert HardshipCase.objects.review_overdue(dt.date(2025, 3, 15)).exists()
    assert not HardshipCase.objects.review_overdue(dt.date(2026, 1, 1)).exists()


def test_a_review_in_an_open_year_changes_a_case_filed_in_a_locked_one(tree):
    """The point of reviews as records: locking 2024 freezes 2024's register, not the
    life of the cases filed in it."""
    case = f.case(tree.union_a, tree.cadre_a, date=dt.date(2024, 3, 1))
    period_lock(organisation=tree.district, year=2024, actor=tree.official_district)
    with pytest.raises(ValidationError):
        f.review(case, tree.cadre_a, date=dt.date(2024, 12, 1))
    f.review(case, tree.cadre_a, date=dt.date(2025, 2, 1), status="lifted")
    assert CaseReview.objects.get().organisation == tree.union_a
    case.household_size = 4
    with pytest.raises(ValidationError):  # the filing itself stays locked
        case_save(case, actor=tree.cadre_a)


def test_review_rules(tree):
    case = f.case(tree.union_a, tree.cadre_a, date=dt.date(2025, 3, 1))
    with pytest.raises(ValidationError) as refused:
        review_save(CaseReview(case=case, date=dt.date(2025, 2, 1), status="on_file",
                               level="", next_review_date=None), actor=tree.cadre_a)
    assert {"date", "level", "next_review_date"} <= set(refused.value.error_dict)
    with pytest.raises(ValidationError) as refused:
        review_save(CaseReview(case=case, date=dt.date(2025, 6, 1), status="closed",
                               level="hardship", next_review_date=dt.date(2025, 12, 1)),
                    actor=tree.cadre_a)
    assert {"level", "next_review_date"} <= set(refused.value.error_dict)
    with pytest.raises(PermissionDenied):
        f.review(case, tree.viewer_a)


def test_a_case_with_reviews_is_closed_not_deleted(tree):
    case = f.case(tree.union_a, tree.cadre_a)
    f.review(case, tree.cadre_a)
    with pytest.raises(ValidationError):
        case_delete(case, actor=tree.cadre_a)
    assert HardshipCase.objects.exists()


# --- Grants: one per person, programme and year --------------------------------------------------


@pytest.fixture
def worker(tree):
    return f.member(tree.union_a, tree.cadre_a, name="张师傅")


def test_a_second_grant_under_the_same_programme_in_a_year_is_refused(tree, worker):
    f.grant(tree.union_a, tree.cadre_a, member=worker, programme="serious_illness")
    with pytest.raises(ValidationError) as refused:
        f.grant(tree.street_a, tree.official_street_a, member=worker,
                programme="serious_illness", date=dt.date(2025, 11, 1))
    assert "override_reason" in refused.value.error_dict
    assert "张师傅 already received" in str(refused.value)
    # Another programme, or another year, is another matter.
    f.grant(tree.union_a, tree.cadre_a, member=worker, programme="daily_hardship")
    f.grant(tree.union_a, tree.cadre_a, member=worker, programme="serious_illness",
            date=dt.date(2026, 1, 5))
    assert AidGrant.objects.count() == 3


def test_the_same_person_through_a_case_counts_as_a_duplicate(tree, worker):
    household = f.case(tree.union_a, tree.cadre_a, person=worker)
    f.grant(tree.union_a, tree.cadre_a, member=worker)
    with pytest.raises(ValidationError):
        f.grant(tree.union_a, tree.cadre_a, case=household)


def test_an_official_overrides_with_a_written_reason_kept_in_the_audit(tree, worker):
    f.grant(tree.union_a, tree.cadre_a, member=worker)
    with pytest.raises(ValidationError) as refused:  # a cadre may not
        f.grant(tree.union_a, tree.cadre_a, member=worker, override_reason="再次受灾")
    assert "Only an official" in str(refused.value)
    second = f.grant(tree.union_a, tree.official_street_a, member=worker,
                     override_reason="家中再次受灾，经研究同意再次补助")
    assert second.override_by == tree.official_street_a
    record = second.history.get()
    assert record.override_reason == "家中再次受灾，经研究同意再次补助"
    assert record.history_user == tree.official_street_a


def test_an_override_without_an_earlier_grant_is_refused(tree, worker):
    with pytest.raises(ValidationError) as refused:
        f.grant(tree.union_a, tree.official_street_a, member=worker, override_reason="预防")
    assert "override_reason" in refused.value.error_dict


def test_visits_are_counted_not_refused(tree, worker):
    for month in (3, 6, 9):
        f.grant(tree.union_a, tree.cadre_a, member=worker, programme="visit",
                visit_reason="retired", cash=Decimal("0"), goods=Decimal("200"),
                date=dt.date(2025, month, 1))
    assert AidGrant.objects.count() == 3


def test_grant_validation(tree, worker):
    with pytest.raises(ValidationError) as refused:
        grant_save(AidGrant(organisation=tree.union_a, date=dt.date(2025, 8, 1),
                            programme="autumn_tuition", member=worker,
                            collective_name="铸造车间", cash=Decimal("0")),
                   actor=tree.cadre_a)
    assert {"collective_name", "school_level", "school", "cash"} <= set(
        refused.value.error_dict)
    with pytest.raises(ValidationError) as refused:
        grant_save(AidGrant(organisation=tree.union_a, date=dt.date(2025, 8, 1),
                            programme="visit", member=worker, illness="感冒"),
                   actor=tree.cadre_a)
    assert {"visit_reason", "illness"} <= set(refused.value.error_dict)
    outsider = f.member(tree.union_b, tree.cadre_b)
    with pytest.raises(ValidationError) as refused:
        grant_save(AidGrant(organisation=tree.union_a, date=dt.date(2025, 8, 1),
                            programme="daily_hardship", member=outsider,
                            cash=Decimal("100")), actor=tree.cadre_a)
    assert "member" in refused.value.error_dict
    with pytest.raises(ValidationError):
        f.grant(tree.union_a, tree.cadre_a, member=worker, cash=Decimal("-5"))
    assert not AidGrant.objects.exists()


def test_a_grant_in_a_locked_year_is_refused(tree, worker):
    period_lock(organisation=tree.street_a, year=2025, actor=tree.official_street_a)
    with pytest.raises(ValidationError) as refused:
        f.grant(tree.union_a, tree.cadre_a, member=worker)
    assert refused.value.code == "period_locked"


# --- Workflow ------------------------------------------------------------------------------------


def test_applied_approved_paid_each_with_who_and_when(tree, worker):
    grant = f.grant(tree.union_a, tree.cadre_a, member=worker)
    assert (grant.status, grant.created_by) == ("applied", tree.cadre_a)
    with pytest.raises(PermissionDenied):
        grant_approve(grant, actor=tree.cadre_a)
    with pytest.raises(ValidationError):
        grant_pay(grant, actor=tree.cadre_a, paid_on=dt.date(2025, 6, 2))
    grant = grant_approve(grant, actor=tree.official_street_a)
    assert grant.approved_by == tree.official_street_a and grant.approved_at
    with pytest.raises(ValidationError) as refused:
        grant_pay(grant, actor=tree.cadre_a, paid_on=dt.date(2025, 5, 30))
    assert "paid_on" in refused.value.error_dict
    grant = grant_pay(grant, actor=tree.cadre_a, paid_on=dt.date(2025, 6, 3))
    assert (grant.status, grant.paid_by, grant.paid_on) == ("paid", tree.cadre_a,
                                                             dt.date(2025, 6, 3))
    assert [h.status for h in grant.history.order_by("history_id")] == [
        "applied", "approved", "paid"]


def test_an_approved_grant_is_changed_only_by_an_official(tree, worker):
    grant = f.grant(tree.union_a, tree.cadre_a, member=worker, approver=tree.official_street_a)
    grant.cash = Decimal("5000")
    with pytest.raises(PermissionDenied):
        grant_save(grant, actor=tree.cadre_a)
    assert AidGrant.objects.get().cash == Decimal("500")
    grant_save(grant, actor=tree.official_street_a)
    assert AidGrant.objects.get().cash == Decimal("5000")


# --- Rules ---------------------------------------------------------------------------------------


def test_a_warning_must_be_confirmed_and_is_kept(tree, worker):
    f.rule(tree.district, tree.official_district, limit=Decimal("1000"))
    f.grant(tree.union_a, tree.cadre_a, member=worker, programme="spring_festival",
            cash=Decimal("600"), date=dt.date(2025, 1, 20))

    def second():
        """The street's own round reaches the same worker: the person counts, not the
        union (and a second grant needs the official's reason)."""
        return AidGrant(organisation=tree.street_a, date=dt.date(2025, 1, 25),
                        programme="spring_festival", member=worker, cash=Decimal("300"),
                        goods=Decimal("200"), override_reason="春节前再次慰问")

    with pytest.raises(RuleWarnings) as warned:
        grant_save(second(), actor=tree.official_street_a)
    (message,) = warned.value.messages
    assert "节日慰问限额" in message and "第八条" in message
    assert "1,100 yuan" in message and "1,000 yuan" in message
    assert AidGrant.objects.count() == 1
    kept = grant_save(second(), actor=tree.official_street_a, confirm_warnings=True)
    assert kept.warnings_confirmed == message
    assert kept.history.get().warnings_confirmed == message


def test_a_refusing_rule_refuses(tree, worker):
    f.rule(tree.street_a, tree.official_street_a, programme="visit", visit_reason="sick",
           measure="count", per="illness_year", limit=Decimal("1"), action="refuse",
           title="住院看望每病每年一次")
    visit = {"member": worker, "programme": "visit", "visit_reason": "sick",
             "cash": Decimal("0"), "goods": Decimal("300")}
    f.grant(tree.union_a, tree.cadre_a, illness="骨折住院", date=dt.date(2025, 3, 1), **visit)
    f.grant(tree.union_a, tree.cadre_a, illness="肺炎住院", date=dt.date(2025, 5, 1), **visit)
    with pytest.raises(ValidationError) as refused:
        f.grant(tree.union_a, tree.cadre_a, illness="骨折住院 ", date=dt.date(2025, 4, 1),
                confirm_warnings=True, **visit)
    assert "grant 2 for the same illness" in str(refused.value)
    assert not isinstance(refused.value, RuleWarnings)
    # A union beside the rule's federation is not bound by it.
    beside = f.member(tree.union_b, tree.cadre_b)
    for month in (3, 4):
        f.grant(tree.union_b, tree.cadre_b, illness="骨折住院", date=dt.date(2025, month, 1),
                **{**visit, "member": beside})


def test_rules_out_of_force_or_inactive_do_not_apply(tree, worker):
    f.rule(tree.district, tree.official_district, limit=Decimal("100"), active=False)
    f.rule(tree.district, tree.official_district, limit=Decimal("100"), title="旧规定",
           valid_until=dt.date(2024, 12, 31))
    f.grant(tree.union_a, tree.cadre_a, member=worker, programme="spring_festival",
            cash=Decimal("600"), date=dt.date(2025, 1, 20))


def test_collective_grants_are_not_per_person(tree):
    f.rule(tree.district, tree.official_district, programme="summer_cool",
           limit=Decimal("10"), action="refuse")
    for i in range(2):
        f.grant(tree.union_a, tree.cadre_a, programme="summer_cool", collective_name="铸造车间",
                collective_kind="team", headcount=40, cash=Decimal("0"),
                goods=Decimal("1600"), date=dt.date(2025, 7, 1 + i))


def test_only_an_official_sets_a_rule_and_it_cites_its_source(tree):
    with pytest.raises(PermissionDenied):
        f.rule(tree.union_a, tree.cadre_a)
    with pytest.raises(ValidationError) as refused:
        f.rule(tree.street_a, tree.official_street_a, source_document=" ",
               measure="count", limit=Decimal("1.5"), visit_reason="sick")
    assert {"source_document", "limit", "visit_reason"} <= set(refused.value.error_dict)


# --- Drives and money ---------------------------------------------------------------------------


def test_a_drive_cannot_pay_out_more_than_it_raised(tree):
    fund = f.drive(tree.union_a, tree.cadre_a, total=Decimal("1000.50"))
    households = [f.case(tree.union_a, tree.cadre_a, person=f.member(tree.union_a,
                                                                     tree.cadre_a))
                  for _ in range(3)]
    tuition = {"programme": "autumn_tuition", "school_level": "university",
               "school": "济南大学", "drive": fund, "date": dt.date(2025, 8, 1)}
    f.grant(tree.union_a, tree.cadre_a, case=households[0], cash=Decimal("600.25"), **tuition)
    with pytest.raises(ValidationError) as refused:
        f.grant(tree.union_a, tree.cadre_a, case=households[1], cash=Decimal("400.26"),
                **tuition)
    assert "drive" in refused.value.error_dict
    assert "400.25 yuan is left" in str(refused.value)
    f.grant(tree.union_a, tree.cadre_a, case=households[1], cash=Decimal("400.25"), **tuition)
    assert fund.paid_out() == fund.total
    fund.total = Decimal("1000")
    with pytest.raises(ValidationError):
        drive_save(fund, actor=tree.cadre_a)


def test_a_drive_pays_only_within_its_subtree_and_after_it_began(tree):
    fund = f.drive(tree.union_a2, tree.official_street_a, date=dt.date(2025, 9, 1))
    worker = f.member(tree.union_a, tree.cadre_a)
    with pytest.raises(ValidationError) as refused:
        f.grant(tree.union_a, tree.cadre_a, member=worker, drive=fund)
    assert "drive" in refused.value.error_dict


def test_money_does_not_drift(tree):
    from welfare.report import welfare_figures

    for i in range(30):
        f.grant(tree.union_a, tree.cadre_a, member=f.member(tree.union_a, tree.cadre_a),
                cash=Decimal("0.10"), goods=Decimal("0.20"), approver=tree.official_street_a,
                paid_by=tree.cadre_a, date=dt.date(2025, 6, 1 + i % 28))
    figures = welfare_figures(tree.union_a, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert figures.cash == Decimal("3.00") and figures.goods == Decimal("6.00")
    assert figures.amount == Decimal("9.00") and isinstance(figures.amount, Decimal)


# --- Batch entry, enrolments ---------------------------------------------------------------------


def test_a_batch_is_all_or_nothing(tree):
    people = [f.member(tree.union_a, tree.cadre_a) for _ in range(3)]
    f.grant(tree.union_a, tree.cadre_a, member=people[2], programme="spring_festival")

    def batch():
        return [AidGrant(organisation=tree.union_a, date=dt.date(2025, 1, 20),
                         programme="spring_festival", member=person, cash=Decimal("800"))
                for person in people]

    with pytest.raises(ValidationError) as refused:
        grants_batch_save(batch(), actor=tree.cadre_a)
    assert "Row 3" in str(refused.value)
    assert AidGrant.objects.count() == 1
    assert grants_batch_save(batch()[:2], actor=tree.cadre_a) == 2


def test_batch_warnings_are_confirmed_once_for_the_page(tree):
    f.rule(tree.district, tree.official_district, limit=Decimal("500"))
    people = [f.member(tree.union_a, tree.cadre_a) for _ in range(2)]

    def batch():
        return [AidGrant(organisation=tree.union_a, date=dt.date(2025, 1, 20),
                         programme="spring_festival", member=person, cash=Decimal("800"))
                for person in people]

    with pytest.raises(RuleWarnings) as warned:
        grants_batch_save(batch(), actor=tree.cadre_a)
    assert len(warned.value.messages) == 2 and not AidGrant.objects.exists()
    assert grants_batch_save(batch(), actor=tree.cadre_a, confirm_warnings=True) == 2


def test_enrolment_rules_and_next_years_copy(tree):
    with pytest.raises(ValidationError) as refused:
        f.enrolment(tree.union_a, tree.cadre_a, persons=10, on_job_persons=11)
    assert "on_job_persons" in refused.value.error_dict
    enrolled = f.enrolment(tree.union_a, tree.cadre_a, unit="机械厂", claims_paid=3,
                           claims_amount=Decimal("5400"))
    with pytest.raises(ValidationError) as refused:
        f.enrolment(tree.union_a, tree.cadre_a, unit="机械厂", date=dt.date(2025, 6, 1))
    assert "unit" in refused.value.error_dict
    copy = enrolment_copy(enrolled, actor=tree.cadre_a)
    assert copy.date == dt.date(2026, 1, 15) and copy.persons == enrolled.persons
    assert (copy.claims_paid, copy.claims_amount) == (0, Decimal("0"))
