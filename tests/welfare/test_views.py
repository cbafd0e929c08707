"""The welfare pages: masking by role, rule warnings, the workflow, batch entry, refusals."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from organisations.models import AccessLog, Role, RoleKind
from organisations.services import period_lock, role_grant
from tests.conftest import make_user
from tests.members.factories import valid_resident_id
from tests.welfare import factories as f
from welfare.choices import GrantStatus
from welfare.models import AidGrant, HardshipCase

ILLNESS = "慢性肾衰竭尿毒症期"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def handler(tree):
    """A cadre of union A whose role handles cases (sees full personal data)."""
    user = make_user("handler_a")
    role_grant(user=user, organisation=tree.union_a, kind=RoleKind.CADRE,
               sees_personal_data=True)
    return user


@pytest.fixture
def case(tree):
    number = valid_resident_id(dt.date(1971, 8, 9), male=False)
    record = f.case(tree.union_a, tree.cadre_a, number=number, name="赵桂芬",
                    illness_details=ILLNESS)
    record.number = number
    return record


def _page(client, name, *args):
    return client.get(reverse(name, args=args)).content.decode()


# --- Masking of illness details and ID numbers -----------------------------------------------


def test_a_role_that_handles_cases_sees_illness_details_and_the_view_is_logged(
        tree, login, handler, case):
    page = _page(login(handler), "welfare:case_detail", case.pk)
    assert ILLNESS in page and case.number in page
    log = AccessLog.objects.get()
    assert (log.user, log.action, log.organisation) == (handler, "full_view", tree.union_a)
    form = _page(login(handler), "welfare:case_update", case.pk)
    assert ILLNESS in form


@pytest.mark.parametrize("who", ["cadre_a", "viewer_a", "official_street_a"])
def test_other_roles_see_neither_the_illness_nor_the_number(tree, login, case, who):
    client = login(getattr(tree, who))
    if who == "viewer_a":  # a viewer is no case handler, whatever the flag says
        Role.objects.filter(user=tree.viewer_a).update(sees_personal_data=True)
    case.illness_details = ILLNESS + "（复查）"
    from welfare.services import case_save

    case_save(case, actor=tree.cadre_a)  # a change, so the history has a diff to hide
    page = _page(client, "welfare:case_detail", case.pk)
    assert "赵桂芬" in page
    assert ILLNESS not in page and case.number not in page
    assert case.number[:6] + "********" + case.number[-4:] in page
    assert not AccessLog.objects.exists()
    if who != "viewer_a":
        assert ILLNESS not in _page(client, "welfare:case_update", case.pk)


def test_an_edit_without_the_illness_field_keeps_the_stored_details(tree, login, case):
    client = login(tree.cadre_a)
    data = {"organisation": tree.union_a.pk, "date": "2025-03-01", "member": "",
            "name": "赵桂芬", "document_type": "resident_id", "document_number": "",
            "causes": ["illness", "single_parent"], "household_size": "2",
            "monthly_income_per_head": "480.50", "level": "extreme",
            "next_review_date": "2025-09-01", "note": ""}
    response = client.post(reverse("welfare:case_update", args=[case.pk]), data)
    assert response.status_code == 302
    stored = HardshipCase.objects.get()
    assert stored.illness_details == ILLNESS and stored.causes == "illness,single_parent"
    assert stored.monthly_income_per_head == Decimal("480.50")
    assert stored.document_number == case.number


def test_sick_visit_illness_is_masked_too(tree, login, handler):
    worker = f.member(tree.union_a, tree.cadre_a)
    grant = f.grant(tree.union_a, handler, member=worker, programme="visit",
                    visit_reason="sick", illness=ILLNESS, cash=Decimal("0"),
                    goods=Decimal("300"))
    assert ILLNESS not in _page(login(tree.cadre_a), "welfare:grant_detail", grant.pk)
    assert ILLNESS in _page(login(handler), "welfare:grant_detail", grant.pk)


def test_an_error_about_a_hidden_field_is_shown_above_the_form(tree, login, handler):
    worker = f.member(tree.union_a, tree.cadre_a)
    grant = f.grant(tree.union_a, handler, member=worker, programme="visit",
                    visit_reason="sick", illness=ILLNESS, cash=Decimal("0"),
                    goods=Decimal("300"))
    response = login(tree.cadre_a).post(
        reverse("welfare:grant_update", args=[grant.pk]),
        _grant_data(tree, worker, programme="visit", visit_reason="retired", cash="0",
                    goods="300", date="2025-06-01"))
    assert response.status_code == 200
    (error,) = response.context["form"].non_field_errors()
    with translation.override("zh-hans"):  # the portal's language
        label = capfirst(AidGrant._meta.get_field("illness").verbose_name)
    assert error.startswith(f"{label}: ") and ILLNESS not in error
    assert AidGrant.objects.get().visit_reason == "sick"


# --- Cases -------------------------------------------------------------------------------------


def test_filing_a_case_for_a_non_member_and_refusing_a_second(tree, login, handler):
    client = login(handler)
    number = valid_resident_id(dt.date(1969, 1, 2), male=True)
    data = {"organisation": tree.union_a.pk, "date": "2025-03-01", "member": "",
            "name": "钱国强", "document_type": "resident_id", "document_number": number,
            "causes": ["unemployment"], "household_size": "3",
            "monthly_income_per_head": "520", "level": "hardship",
            "illness_details": "", "next_review_date": "2025-09-01", "note": ""}
    response = client.post(reverse("welfare:case_create"), data)
    case = HardshipCase.objects.get()
    assert response["Location"] == reverse("welfare:case_detail", args=[case.pk])
    again = client.post(reverse("welfare:case_create"), data | {"organisation": tree.branch_a.pk})
    assert again.status_code == 200
    (refusal,) = again.context["form"].errors["document_number"]  # names the existing case
    assert tree.union_a.name in refusal and "2025-03-01" in refusal
    assert HardshipCase.objects.count() == 1
    wrong = client.post(reverse("welfare:case_create"),
                        data | {"document_number": number[:-1] + "0" if number[-1] != "0"
                                else number[:-1] + "1"})
    assert "document_number" in wrong.context["form"].errors
    assert HardshipCase.objects.count() == 1


def test_the_list_shows_overdue_reviews_and_filters(tree, login):
    late = f.case(tree.union_a, tree.cadre_a, date=dt.date(2024, 1, 10), name="逾期户")
    lifted = f.case(tree.union_a, tree.cadre_a, date=dt.date(2025, 1, 10), name="脱困户")
    f.review(lifted, tree.cadre_a, date=dt.date(2025, 3, 1), status="lifted")
    client = login(tree.cadre_a)
    response = client.get(reverse("welfare:case_list"))
    assert [c.pk for c in response.context["overdue"]] == [late.pk]
    assert [c.pk for c in response.context["page"]] == [late.pk]
    everyone = client.get(reverse("welfare:case_list"), {"show": "all"}).context["page"]
    assert {c.pk for c in everyone} == {late.pk, lifted.pk}
    found = client.get(reverse("welfare:case_list"), {"show": "all", "q": "脱困"})
    assert [c.pk for c in found.context["page"]] == [lifted.pk]


def test_recording_a_review(tree, login, case):
    client = login(tree.cadre_a)
    response = client.post(reverse("welfare:review_create", args=[case.pk]), {
        "date": "2025-08-30", "status": "lifted", "level": "", "next_review_date": "",
        "findings": "再就业"})
    assert response.status_code == 302
    assert HardshipCase.objects.with_state().get().state == "lifted"
    bad = client.post(reverse("welfare:review_create", args=[case.pk]), {
        "date": "2025-08-31", "status": "on_file", "level": "", "next_review_date": "",
        "findings": ""})
    assert {"level", "next_review_date"} <= set(bad.context["form"].errors)
    assert case.reviews.count() == 1


# --- Grants ------------------------------------------------------------------------------------


@pytest.fixture
def worker(tree):
    return f.member(tree.union_a, tree.cadre_a, name="孙师傅")


def _grant_data(tree, worker, **changes):
    return {"organisation": tree.union_a.pk, "date": "2025-01-20",
            "programme": "spring_festival", "visit_reason": "", "member": worker.pk,
            "case": "", "collective_name": "", "collective_kind": "", "headcount": "",
            "cash": "800", "goods": "300.50", "student_name": "", "school_level": "",
            "school": "", "drive": "", "note": "", "override_reason": ""} | changes


def test_a_rule_warning_is_shown_and_saved_only_when_confirmed(tree, login, worker):
    f.rule(tree.district, tree.official_district, limit=Decimal("1000"))
    client = login(tree.cadre_a)
    response = client.post(reverse("welfare:grant_create"), _grant_data(tree, worker))
    assert response.status_code == 200 and not AidGrant.objects.exists()
    (warning,) = response.context["warnings"]
    assert "1,100.50" in warning and 'name="confirm_warnings"' in response.content.decode()
    response = client.post(reverse("welfare:grant_create"),
                           _grant_data(tree, worker) | {"confirm_warnings": "1"})
    grant = AidGrant.objects.get()
    assert response["Location"] == reverse("welfare:grant_detail", args=[grant.pk])
    assert grant.warnings_confirmed == warning and grant.goods == Decimal("300.50")


def test_a_duplicate_is_refused_on_the_form_and_an_official_overrides(tree, login, worker):
    f.grant(tree.union_a, tree.cadre_a, member=worker, programme="spring_festival",
            date=dt.date(2025, 1, 10))
    response = login(tree.cadre_a).post(reverse("welfare:grant_create"),
                                        _grant_data(tree, worker))
    assert "override_reason" in response.context["form"].errors
    response = login(tree.official_street_a).post(
        reverse("welfare:grant_create"),
        _grant_data(tree, worker, override_reason="春节前家中失火，再次慰问"))
    assert response.status_code == 302
    assert AidGrant.objects.filter(override_by=tree.official_street_a).count() == 1


def test_approve_and_pay_from_the_pages(tree, login, worker):
    grant = f.grant(tree.union_a, tree.cadre_a, member=worker)
    cadre = login(tree.cadre_a)
    assert cadre.post(reverse("welfare:grant_approve", args=[grant.pk])).status_code == 403
    page = _page(cadre, "welfare:grant_detail", grant.pk)
    assert 'id="approve"' not in page
    official = login(tree.official_street_a)
    assert 'id="approve"' in _page(official, "welfare:grant_detail", grant.pk)
    official.post(reverse("welfare:grant_approve", args=[grant.pk]))
    assert AidGrant.objects.get().status == "approved"
    cadre = login(tree.cadre_a)
    page = _page(cadre, "welfare:grant_detail", grant.pk)
    assert 'id="pay"' in page and reverse("welfare:grant_update", args=[grant.pk]) not in page
    assert cadre.get(reverse("welfare:grant_update", args=[grant.pk])).status_code == 200
    refused = cadre.post(reverse("welfare:grant_update", args=[grant.pk]),
                         _grant_data(tree, worker, programme="daily_hardship",
                                     date="2025-06-01", cash="9999"))
    with translation.override("zh-hans"):  # the portal's language
        expected = gettext("This grant is already %(status)s: only an official may change or "
                           "delete it.") % {"status": GrantStatus.APPROVED.label.lower()}
    assert refused.context["form"].non_field_errors() == [expected]
    cadre.post(reverse("welfare:grant_pay", args=[grant.pk]), {"paid_on": "2025-06-02"})
    paid = AidGrant.objects.get()
    assert (paid.status, paid.paid_on, paid.cash) == ("paid", dt.date(2025, 6, 2),
                                                      Decimal("500"))


def test_waiting_grants_are_approved_and_paid_in_bulk(tree, login):
    grants = [f.grant(tree.union_a, tree.cadre_a, member=f.member(tree.union_a, tree.cadre_a))
              for _ in range(3)]
    outside = f.grant(tree.union_b, tree.cadre_b, member=f.member(tree.union_b, tree.cadre_b))
    ids = [g.pk for g in grants] + [outside.pk]
    url = reverse("welfare:grants_waiting")
    assert login(tree.cadre_a).post(url, {"action": "approve", "grant": ids}).status_code == 403
    login(tree.official_street_a).post(url, {"action": "approve", "grant": ids})
    assert AidGrant.objects.get(pk=outside.pk).status == "applied"  # not in the subtree
    assert set(AidGrant.objects.filter(status="approved").values_list("pk", flat=True)) == {
        g.pk for g in grants}
    login(tree.cadre_a).post(url, {"action": "pay", "grant": ids, "paid_on": "2025-06-05"})
    assert AidGrant.objects.filter(status="paid", paid_on=dt.date(2025, 6, 5)).count() == 3


def test_a_locked_year_refuses_on_the_form(tree, login, worker):
    period_lock(organisation=tree.district, year=2025, actor=tree.official_district)
    response = login(tree.cadre_a).post(reverse("welfare:grant_create"),
                                        _grant_data(tree, worker))
    errors = response.context["form"].non_field_errors()
    assert response.status_code == 200 and "2025" in errors[0] and "明湖区总工会" in errors[0]
    assert not AidGrant.objects.exists()


def test_a_viewer_cannot_enter_grants(tree, login, worker):
    client = login(tree.viewer_a)
    assert client.post(reverse("welfare:grant_create"),
                       _grant_data(tree, worker)).status_code == 403
    assert client.get(reverse("welfare:grants_batch")).status_code == 403
    assert not AidGrant.objects.exists()


# --- Batch entry -------------------------------------------------------------------------------


def _batch(people, **header):
    data = {"date": "2025-01-22", "programme": "visit", "visit_reason": "retired",
            "form-TOTAL_FORMS": "15", "form-INITIAL_FORMS": "0",
            "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000"} | header
    for i in range(15):
        person = people[i] if i < len(people) else None
        data |= {f"form-{i}-member": person.pk if person else "", f"form-{i}-case": "",
                 f"form-{i}-cash": "0", f"form-{i}-goods": "200" if person else "0",
                 f"form-{i}-student_name": "", f"form-{i}-school_level": "",
                 f"form-{i}-school": "", f"form-{i}-note": ""}
    return data


def test_a_festival_round_on_one_page(tree, login):
    people = [f.member(tree.union_a, tree.cadre_a, name=f"退休{i}") for i in range(4)]
    client = login(tree.cadre_a)
    url = reverse("welfare:grants_batch") + f"?organisation={tree.union_a.pk}"
    page = client.get(url)
    assert page.status_code == 200 and "退休3" in page.content.decode()
    response = client.post(url, _batch(people))
    assert response.status_code == 302
    grants = AidGrant.objects.order_by("pk")
    assert grants.count() == 4 and {g.organisation for g in grants} == {tree.union_a}
    assert {(g.programme, g.visit_reason, g.goods, g.status) for g in grants} == {
        ("visit", "retired", Decimal("200"), "applied")}


def test_a_bad_row_saves_no_row(tree, login):
    people = [f.member(tree.union_a, tree.cadre_a) for _ in range(3)]
    client = login(tree.cadre_a)
    url = reverse("welfare:grants_batch")
    data = _batch(people, programme="daily_hardship", visit_reason="")
    data["form-2-goods"] = "0"  # a hardship allowance of nothing
    response = client.post(url, data)
    assert response.status_code == 200 and not AidGrant.objects.exists()
    assert response.context["formset"].forms[2].errors


def test_members_outside_the_subtree_are_not_offered(tree, login):
    stranger = f.member(tree.union_b, tree.cadre_b)
    client = login(tree.cadre_a)
    url = reverse("welfare:grants_batch") + f"?organisation={tree.union_b.pk}"
    response = client.get(url)
    assert response.context["organisation"] == tree.union_a  # not theirs: their own union
    assert client.post(url, _batch([stranger])).status_code == 200
    assert not AidGrant.objects.exists()


# --- Drives, rules -----------------------------------------------------------------------------


def test_the_drive_page_shows_what_is_left(tree, login):
    fund = f.drive(tree.union_a, tree.cadre_a, total=Decimal("5000"))
    household = f.case(tree.union_a, tree.cadre_a)
    f.grant(tree.union_a, tree.cadre_a, case=household, programme="autumn_tuition",
            school_level="primary", school="文化路小学", cash=Decimal("1200.50"), drive=fund,
            date=dt.date(2025, 8, 1))
    page = _page(login(tree.viewer_a), "welfare:drive_detail", fund.pk)
    assert "1,200.50" in page and "3,799.50" in page
    response = login(tree.cadre_a).post(reverse("welfare:drive_delete", args=[fund.pk]))
    assert response.status_code == 302 and fund.__class__.objects.exists()


def test_rules_from_above_are_shown_but_changed_only_where_they_were_set(tree, login):
    district_rule = f.rule(tree.district, tree.official_district, title="区总规定")
    street_rule = f.rule(tree.street_a, tree.official_street_a, title="街道规定")
    f.rule(tree.street_b, tree.official_district, title="别的街道规定")
    client = login(tree.cadre_a)
    titles = {r.title for r in client.get(reverse("welfare:rule_list")).context["rules"]}
    assert titles == {"区总规定", "街道规定"}
    official = login(tree.official_street_a)
    assert official.get(reverse("welfare:rule_update",
                                args=[district_rule.pk])).status_code == 404
    response = official.post(reverse("welfare:rule_update", args=[street_rule.pk]), {
        "organisation": tree.street_a.pk, "title": "街道规定", "source_document": "细则第三条",
        "programme": "spring_festival", "visit_reason": "", "measure": "amount",
        "per": "person_year", "limit": "1200", "action": "refuse", "valid_from": "",
        "valid_until": "", "active": "on"})
    assert response.status_code == 302
    street_rule.refresh_from_db()
    assert (street_rule.limit, street_rule.action) == (Decimal("1200"), "refuse")
