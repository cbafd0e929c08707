"""Approval keeps the figures; the next period compares with them instead of recomputing
the previous period, and reads them exactly as it would read the computed ones."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.assembly import gather
from reports.models import Report
from reports.periods import Period
from reports.published import PublishedFigures, figure_values
from reports.services import report_approve, report_reopen
from tests.competitions import factories as competitions
from tests.members.factories import make_member
from tests.reports.helpers import official_of, submitted
from tests.rights import factories as rights
from tests.welfare import factories as welfare

LAST_YEAR, THIS_YEAR = Period(2024), Period(2025)


def _records(t, year: int) -> None:
    """A record or two in every section, dated in ``year``."""
    day = dt.date(year, 5, 10)
    make_member(t.union_a, t.cadre_a, name=f"会员{year}", join_date=day,
                birth_date=dt.date(1988, 1, 1 + year % 20))
    contest = competitions.competition(t.union_a, t.cadre_a, day=day, trades="车工")
    competitions.entries(contest, t.cadre_a, [("王师傅", "车工", 1), ("李师傅", "车工", 2)])
    competitions.proposal(t.union_a, t.cadre_a, day=day)
    competitions.activity(t.union_a, t.cadre_a, day=day, participants=40, person_times=60)
    rights.motion(t.union_a, t.cadre_a, date=day, number=str(year))
    for _ in range(year - 2021):  # 3 in 2024, 4 in 2025
        rights.dispute(t.union_a, t.cadre_a, date=day, dispute_type="wages",
                       amount=Decimal("1000.50"), workers_involved=2)
    welfare.grant(t.union_a, t.cadre_a, date=day, cash=Decimal("300.25"),
                  approver=t.official_street_a, paid_by=t.cadre_a,
                  member=welfare.member(t.union_a, t.cadre_a, name=f"受助{year}",
                                        birth_date=dt.date(1970, 2, 1 + year % 20)))


@pytest.fixture
def approved_last_year(tree):
    """union_a's 2024 report approved by the street, with records in 2024 and 2025."""
    t = tree
    t.official_a = official_of(t.union_a, "official_a")
    _records(t, 2024)
    _records(t, 2025)
    return report_approve(submitted(t.union_a, t.official_a, LAST_YEAR), t.official_street_a)


def _by_key(computed):
    return {item.section.key: item for item in computed}


def test_approval_keeps_every_sections_scalar_figures(approved_last_year):
    kept = approved_last_year.figures
    computed = _by_key(gather(approved_last_year.organisation, LAST_YEAR))
    assert set(kept) == set(computed)
    for key, item in computed.items():
        assert kept[key] == figure_values(item.figures), key
    assert kept["rights"]["int"]["disputes"] == 3
    amount = kept["rights"]["decimal"]["amount"]
    assert isinstance(amount, str) and Decimal(amount) == Decimal("3001.50")  # never a float


def test_the_next_year_reads_the_kept_figures_as_it_would_the_computed(approved_last_year,
                                                                       tree):
    organisation = approved_last_year.organisation
    from_kept = _by_key(gather(organisation, THIS_YEAR))
    assert all(isinstance(item.previous, PublishedFigures) for item in from_kept.values())

    Report.objects.filter(pk=approved_last_year.pk).update(figures=None)  # as before approval
    recomputed = _by_key(gather(organisation, THIS_YEAR))
    assert not any(isinstance(item.previous, PublishedFigures)
                   for item in recomputed.values())
    for key, item in from_kept.items():
        assert item.headlines() == recomputed[key].headlines(), key
        assert item.default_text() == recomputed[key].default_text(), key
    disputes = next(h for h in from_kept["rights"].headlines() if h.figure.key == "disputes")
    assert (disputes.figure.value, disputes.previous) == (4, 3)
    assert str(disputes.rate) == "33.3"


def test_the_comparison_is_with_the_figures_as_published(approved_last_year, tree):
    """A member entered afterwards with a 2024 join date changes the ledger's 2024, not
    what the 2024 summary published."""
    make_member(tree.union_a, tree.cadre_a, name="补录会员", join_date=dt.date(2024, 8, 1),
                birth_date=dt.date(1992, 6, 6))
    members = _by_key(gather(approved_last_year.organisation, THIS_YEAR))["members"]
    kept = approved_last_year.figures["members"]["int"]["members_at_end"]
    assert members.previous.members_at_end == kept
    assert members.section.compute(tree.union_a, LAST_YEAR.start,
                                   LAST_YEAR.end).members_at_end == kept + 1


def test_reading_kept_figures_saves_the_previous_periods_queries(approved_last_year):
    organisation = approved_last_year.organisation
    with CaptureQueriesContext(connection) as kept:
        gather(organisation, THIS_YEAR)
    Report.objects.filter(pk=approved_last_year.pk).update(figures=None)
    with CaptureQueriesContext(connection) as computed:
        gather(organisation, THIS_YEAR)
    assert len(kept) < len(computed) / 2 + 2


def test_reopening_drops_the_kept_figures(approved_last_year, tree):
    report = report_reopen(approved_last_year, tree.official_street_a, "数据有误，重新核对")
    assert report.figures is None
    assert not any(isinstance(item.previous, PublishedFigures)
                   for item in gather(report.organisation, THIS_YEAR))
