"""Every list and form page of the welfare section renders, for a cadre and a viewer."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.welfare import factories as f


@pytest.fixture
def records(tree):
    a, cadre = tree.union_a, tree.cadre_a
    worker = f.member(a, cadre, name="王大力")
    household = f.case(a, cadre, person=worker, illness_details="尿毒症透析")
    f.review(household, cadre)
    fund = f.drive(a, cadre)
    grant = f.grant(a, cadre, programme="autumn_tuition", case=household,
                    school_level="university", school="山东大学", cash=Decimal("2000"),
                    drive=fund, date=dt.date(2025, 8, 1))
    f.enrolment(a, cadre)
    rule = f.rule(tree.street_a, tree.official_street_a)
    return {"case": household, "grant": grant, "drive": fund, "rule": rule,
            "review": household.reviews.get()}


PAGES = [
    ("welfare:index", None), ("welfare:case_list", None), ("welfare:case_create", None),
    ("welfare:case_detail", "case"), ("welfare:case_update", "case"),
    ("welfare:case_delete", "case"), ("welfare:review_create", "case"),
    ("welfare:review_update", "review"), ("welfare:review_delete", "review"),
    ("welfare:grant_list", None), ("welfare:grant_create", None),
    ("welfare:grants_batch", None), ("welfare:grants_waiting", None),
    ("welfare:grant_detail", "grant"), ("welfare:grant_update", "grant"),
    ("welfare:grant_delete", "grant"), ("welfare:grant_pay", "grant"),
    ("welfare:enrolment_list", None), ("welfare:enrolment_create", None),
    ("welfare:drive_list", None), ("welfare:drive_create", None),
    ("welfare:drive_detail", "drive"), ("welfare:drive_update", "drive"),
    ("welfare:rule_list", None), ("welfare:rule_detail", "rule"),
]


@pytest.mark.parametrize(("name", "key"), PAGES)
def test_the_cadre_gets_every_page(tree, records, login, name, key):
    client = login(tree.cadre_a)
    args = [records[key].pk] if key else []
    response = client.get(reverse(name, args=args) + ("?year=2025" if not key else ""))
    assert response.status_code == 200, name


def test_the_official_gets_the_rule_forms(tree, records, login):
    client = login(tree.official_street_a)
    for name, args in (("welfare:rule_create", []),
                       ("welfare:rule_update", [records["rule"].pk]),
                       ("welfare:rule_delete", [records["rule"].pk])):
        assert client.get(reverse(name, args=args)).status_code == 200, name


def test_the_viewer_reads_but_gets_no_form(tree, records, login):
    client = login(tree.viewer_a)
    for name, key in PAGES:
        args = [records[key].pk] if key else []
        status = client.get(reverse(name, args=args)).status_code
        writes = any(word in name for word in ("create", "update", "delete", "batch", "pay"))
        assert status == (403 if writes else 200), name
