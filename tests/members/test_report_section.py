"""The 组织建设 section of the annual report: its text, figures, chart, checks and appendix."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from members.choices import EmploymentForm, MemberStatus
from members.report import SECTIONS, organisation_building
from members.services import member_leave
from organisations.services import organisation_update
from reports.sections import sections
from tests.members.factories import make_member

YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
PREVIOUS = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
SECTION = SECTIONS[0]


@pytest.fixture(autouse=True)
def _english():
    """The texts are asserted in English, the language of the message ids."""
    with translation.override("en"):
        yield


def members(tree, count, organisation=None, **fields):
    return [make_member(organisation or tree.union_a, tree.official_district, name=f"会员{i}",
                        **fields)
            for i in range(count)]


def test_paragraph_compares_with_the_previous_year(tree):
    members(tree, 20, join_date=dt.date(2024, 3, 1))
    members(tree, 1, join_date=dt.date(2025, 3, 1), gender="female",
            employment_form=EmploymentForm.MIGRANT)
    figures = organisation_building(tree.street_a, *YEAR)
    previous = organisation_building(tree.street_a, *PREVIOUS)
    text = SECTION.paragraph(figures, previous)
    assert ("At the end of the year there were 21 members on the register, "
            "up 5.0% on the previous year, of whom 1 woman, 1 migrant worker.") in text
    assert "Over the year 1 new member joined." in text
    assert "left the register" not in text  # nobody left: the clause is skipped
    assert "new forms of employment" not in text
    assert "there were 3 grassroots and branch unions" in text  # union_a, a2, branch_a
    assert "the membership rate is 2%" in text  # 21 of 1,070 employees: 1.96%
    # without a previous period there is nothing to compare with
    assert "previous year" not in SECTION.paragraph(figures, None)


def test_paragraph_names_the_half_year_and_a_fall(tree):
    members(tree, 4, join_date=dt.date(2023, 3, 1))
    leaving = members(tree, 1, join_date=dt.date(2023, 3, 1))[0]
    member_leave(member=leaving, actor=tree.cadre_a, status=MemberStatus.WITHDRAWN,
                 on=dt.date(2025, 2, 1))
    half = (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    text = SECTION.paragraph(organisation_building(tree.union_a, *half),
                             organisation_building(tree.union_a, dt.date(2024, 1, 1),
                                                   dt.date(2024, 6, 30)))
    assert "At the end of June there were 4 members on the register, down 20.0%" in text
    assert "In the first half of the year 1 member left the register." in text


def test_headlines_and_tables_carry_the_figures(tree):
    members(tree, 3, join_date=dt.date(2025, 3, 1), gender="female")
    organisation_update(organisation=tree.union_a2, term_start=dt.date(2021, 1, 1),
                        term_end=dt.date(2026, 5, 31))
    figures = organisation_building(tree.street_a, *YEAR)
    headlines = {figure.key: figure.value for figure in SECTION.headlines(figures)}
    assert headlines == {"members_at_end": 3, "members_joined": 3, "members_left": 0,
                         "unions_total": 3}
    tables = SECTION.tables(figures)
    register = dict(tables[0].rows)
    assert register["Members at the end of the period"] == 3
    assert register["Women members"] == 3 and register["Migrant worker members"] == 0
    assert tables[-1].rows == [["第一中学工会", "2026-05-31"]]
    assert "2026-05-31" not in str(tables[0].rows)


def test_chart_counts_members_at_the_end_of_five_years(tree):
    for year in (2019, 2021, 2023, 2025):
        make_member(tree.union_a, tree.cadre_a, join_date=dt.date(year, 6, 1))
    leaving = make_member(tree.union_a2, tree.official_street_a, join_date=dt.date(2020, 1, 1))
    member_leave(member=leaving, actor=tree.official_street_a,
                 status=MemberStatus.WITHDRAWN, on=dt.date(2024, 7, 1))
    [chart] = SECTION.charts(tree.street_a, *YEAR, organisation_building(tree.street_a, *YEAR))
    assert chart.labels == ["2021", "2022", "2023", "2024", "2025"]
    assert list(chart.series.values()) == [[3, 3, 4, 3, 4]]


def test_checks_name_exactly_the_faulty_records(tree):
    organisation_update(organisation=tree.union_a2, employee_count=2)
    members(tree, 3, organisation=tree.union_a2)  # 3 members, 2 employees
    members(tree, 2)  # union_a: 2 of 860 employees
    left_before_joining = make_member(tree.union_a, tree.cadre_a, name="先离后入",
                                      join_date=dt.date(2025, 5, 1))
    member_leave(member=left_before_joining, actor=tree.cadre_a,
                 status=MemberStatus.WITHDRAWN, on=dt.date(2025, 3, 1))
    left_properly = make_member(tree.union_a, tree.cadre_a, name="正常离会",
                                join_date=dt.date(2020, 5, 1))
    member_leave(member=left_properly, actor=tree.cadre_a, status=MemberStatus.WITHDRAWN,
                 on=dt.date(2025, 3, 1))
    child = make_member(tree.union_a, tree.cadre_a, name="童工", birth_date=dt.date(2012, 1, 9),
                        join_date=dt.date(2025, 3, 1))
    make_member(tree.union_a, tree.cadre_a, name="刚满十六", birth_date=dt.date(2009, 3, 1),
                join_date=dt.date(2025, 3, 1))

    problems = SECTION.checks(tree.district, *YEAR)
    assert [(p.record, p.url) for p in problems] == [
        ("第一中学工会", reverse("organisations:detail", args=[tree.union_a2.pk])),
        ("先离后入 · 机械厂工会", reverse("members:update", args=[left_before_joining.pk])),
        ("童工 · 机械厂工会", reverse("members:update", args=[child.pk])),
    ]
    assert "3 members on the register but only 2 employees" in problems[0].message
    assert "2025-03-01" in problems[1].message and "2025-05-01" in problems[1].message
    assert "before the age of 16" in problems[2].message
    assert SECTION.checks(tree.street_b, *YEAR) == []


def test_by_child_counts_members_under_each_direct_child(tree):
    members(tree, 2)
    members(tree, 1, organisation=tree.branch_a)
    members(tree, 1, organisation=tree.union_a2)
    members(tree, 4, organisation=tree.union_b)
    assert SECTION.by_child(tree.street_a, *YEAR) == {
        tree.union_a.path: {"members_at_end": 3}, tree.union_a2.path: {"members_at_end": 1}}
    assert SECTION.by_child(tree.district, *YEAR) == {
        tree.street_a.path: {"members_at_end": 4}, tree.street_b.path: {"members_at_end": 4}}
    assert dict(SECTION.appendix).keys() == {"members_at_end"}


@pytest.mark.parametrize("count", [2, 12])
def test_queries_do_not_grow_with_the_records(tree, count, django_assert_num_queries):
    organisation_update(organisation=tree.union_a2, employee_count=1)
    for i in range(count):
        make_member(tree.union_a2, tree.official_street_a, name=f"会员{i}",
                    birth_date=dt.date(2012, 1, 1), join_date=dt.date(2025 - i % 5, 3, 1))
    figures = organisation_building(tree.district, *YEAR)
    with django_assert_num_queries(1):
        SECTION.charts(tree.district, *YEAR, figures)
    with django_assert_num_queries(3):
        assert len(SECTION.checks(tree.district, *YEAR)) == 1 + count
    with django_assert_num_queries(1):
        SECTION.by_child(tree.district, *YEAR)


def test_the_registry_holds_the_five_sections_in_order():
    mine = ["members", "competitions", "activities", "democracy", "rights"]
    found = [section for section in sections() if section.key in mine]
    assert [section.key for section in found] == mine
    assert [section.order for section in found] == [10, 20, 30, 50, 60]
    keys = [section.key for section in sections()]
    assert len(keys) == len(set(keys))
    assert all(section.title and section.appendix for section in found)
