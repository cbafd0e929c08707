"""The organisation-building figures are counted from the register, not typed in."""

import datetime as dt

import pytest

from members.choices import EmploymentForm, MemberStatus
from members.report import organisation_building
from members.services import member_leave
from organisations.services import organisation_update
from tests.members.ids import resident_id
from tests.members.test_services import create

YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.fixture
def register(tree):
    made = []
    for i, (org, actor) in enumerate([(tree.union_a, tree.cadre_a)] * 6
                                     + [(tree.union_b, tree.cadre_b)] * 2):
        male = i % 3 == 0
        made.append(create(tree, organisation=org, actor=actor, name=f"会员{i}",
                           join_date=dt.date(2024 + i % 2, 3, 1),
                           gender="male" if male else "female",
                           number=resident_id(dt.date(1988, 5, 17), male=male),
                           employment_form=EmploymentForm.MIGRANT if i < 2
                           else EmploymentForm.NEW_FORM if i == 2 else EmploymentForm.REGULAR,
                           birth_date=dt.date(1988, 5, 17)))
    member_leave(member=made[3], actor=tree.cadre_a, status=MemberStatus.WITHDRAWN,
                 on=dt.date(2025, 8, 1))
    member_leave(member=made[4], actor=tree.cadre_a, status=MemberStatus.DECEASED,
                 on=dt.date(2026, 2, 1))  # after the period: still counted at its end
    return made


def test_figures_for_a_street_in_a_year(tree, register, django_assert_num_queries):
    organisation_update(organisation=tree.union_a, founded_on=dt.date(2025, 4, 1))
    organisation_update(organisation=tree.union_a2, term_start=dt.date(2021, 1, 1),
                        term_end=dt.date(2026, 5, 31))
    with django_assert_num_queries(3):
        figures = organisation_building(tree.street_a, *YEAR)
    # union_a holds members 0..5: 1, 3, 5 joined in 2025; 3 left in 2025; 4 died in 2026.
    assert figures.members_at_end == 5
    assert figures.joined == 3 and figures.left == 1
    assert figures.women == 4  # members 1, 2, 4, 5 (0 and 3 are men; 3 has left)
    assert figures.migrant_workers == 2 and figures.new_form_workers == 1
    assert figures.unions_founded == 1
    assert [o.name for o in figures.reelection_due] == ["第一中学工会"]
    # employees known: union_a 860 + union_a2 210 = 1070; members there at the end: 5
    assert figures.employees_where_known == 1070
    assert str(figures.membership_rate) == "0.5"


def test_an_empty_subtree_says_so(tree):
    figures = organisation_building(tree.union_a2, *YEAR)
    assert figures.is_empty and figures.members_at_end == 0


def test_dashboard_shows_this_years_figures_of_the_active_scope(tree, register, client):
    client.force_login(tree.cadre_b)
    page = client.get("/")
    assert page.context["building"].members_at_end == 2  # union B's two members only
    assert 'id="members-at-end">2<' in page.content.decode()
