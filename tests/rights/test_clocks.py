"""Statutory clocks on both sides of each limit: the day before, the day itself, the day after."""

import datetime as dt
from types import SimpleNamespace

import pytest

from rights import clocks
from rights.clocks import ClockKind, ClockStatus

RECEIVED = dt.date(2025, 3, 1)


def case(**fields):
    values = {"date": RECEIVED, "channel": "mediation", "closed_on": None, "outcome": "",
              "knew_on": None, "mediation_extended": False, "extended_until": None}
    return SimpleNamespace(**(values | fields))


def by_kind(found, kind):
    return next(c for c in found if c.kind == kind)


def test_mediation_ends_fifteen_days_after_the_application():
    assert clocks.mediation_deadline(RECEIVED) == dt.date(2025, 3, 16)
    assert clocks.mediation_deadline(RECEIVED, dt.date(2025, 4, 1)) == dt.date(2025, 4, 1)


@pytest.mark.parametrize(("today", "expected"), [
    (dt.date(2025, 3, 12), ClockStatus.OK),     # 4 days left
    (dt.date(2025, 3, 13), ClockStatus.NEAR),   # 3 days left: warned
    (dt.date(2025, 3, 15), ClockStatus.NEAR),   # the day before
    (dt.date(2025, 3, 16), ClockStatus.NEAR),   # the 15th day itself: still within
    (dt.date(2025, 3, 17), ClockStatus.PAST),   # the day after
])
def test_mediation_clock(today, expected):
    clock = by_kind(clocks.dispute_clocks(case(), today), ClockKind.MEDIATION)
    assert clock.status == expected
    assert clock.deadline == dt.date(2025, 3, 16)


@pytest.mark.parametrize(("today", "expected"), [
    (dt.date(2025, 3, 17), ClockStatus.OK),     # past the 15 days, but extended
    (dt.date(2025, 3, 31), ClockStatus.NEAR),   # the day before the agreed date
    (dt.date(2025, 4, 1), ClockStatus.NEAR),    # the agreed date itself
    (dt.date(2025, 4, 2), ClockStatus.PAST),    # the day after
])
def test_an_agreed_extension_moves_the_mediation_deadline(today, expected):
    extended = case(mediation_extended=True, extended_until=dt.date(2025, 4, 1))
    assert by_kind(clocks.dispute_clocks(extended, today), ClockKind.MEDIATION).status == expected


@pytest.mark.parametrize(("today", "expected"), [
    (dt.date(2025, 12, 31), ClockStatus.OK),    # 31 days left
    (dt.date(2026, 1, 1), ClockStatus.NEAR),    # 30 days left: warned
    (dt.date(2026, 1, 30), ClockStatus.NEAR),   # the day before
    (dt.date(2026, 1, 31), ClockStatus.NEAR),   # one year after knowing: the last day
    (dt.date(2026, 2, 1), ClockStatus.PAST),    # the day after
])
def test_arbitration_limitation_is_one_year_from_knowing(today, expected):
    found = clocks.dispute_clocks(case(knew_on=dt.date(2025, 1, 31)), today)
    clock = by_kind(found, ClockKind.ARBITRATION)
    assert clock.deadline == dt.date(2026, 1, 31)
    assert clock.status == expected


def test_a_leap_day_limitation_ends_on_the_last_day_of_february():
    assert clocks.arbitration_deadline(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)


def test_which_clocks_run():
    day = dt.date(2025, 3, 10)
    knew = dt.date(2025, 2, 1)
    kinds = lambda c: {x.kind for x in clocks.dispute_clocks(c, day)}  # noqa: E731
    assert kinds(case(knew_on=knew)) == {ClockKind.MEDIATION, ClockKind.ARBITRATION}
    assert kinds(case(channel="legal_aid", knew_on=knew)) == {ClockKind.ARBITRATION}
    settled = case(knew_on=knew, closed_on=day, outcome="settled")
    assert kinds(settled) == set()
    failed = case(knew_on=knew, closed_on=day, outcome="failed")
    assert kinds(failed) == {ClockKind.ARBITRATION}  # next step: arbitration


def test_flagged_cases_lists_only_near_or_past_most_urgent_first():
    today = dt.date(2025, 3, 20)
    calm = case(date=dt.date(2025, 3, 15))                      # ends 3-30: ok
    near = case(date=dt.date(2025, 3, 7))                       # ends 3-22: near
    past = case(date=dt.date(2025, 3, 1))                       # ended 3-16: past
    found = clocks.flagged_cases([calm, near, past], today)
    assert [item[0] for item in found] == [past, near]
    assert found[0][1][0].status == ClockStatus.PAST and found[0][1][0].days_left == -4
