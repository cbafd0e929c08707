"""Records that belong to a ledger record are scoped and locked through their parent."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from competitions.models import CompetitionEntry
from ledger.services import child_save
from organisations.services import PeriodLocked, period_lock
from tests.competitions.factories import competition, entries


def test_a_child_cannot_leave_a_locked_parent_by_being_reattached(tree):
    locked = competition(tree.union_a, tree.cadre_a, dt.date(2025, 6, 1), trades="钳工")
    open_ = competition(tree.union_a, tree.cadre_a, dt.date(2026, 6, 1), trades="钳工")
    [entry] = entries(locked, tree.cadre_a, [("张三", "钳工", 1)])
    period_lock(organisation=tree.union_a, year=2025, actor=tree.official_street_a)
    entry.competition = open_
    with pytest.raises(PeriodLocked):
        child_save(entry, parent=open_, actor=tree.cadre_a)
    assert CompetitionEntry.objects.get(pk=entry.pk).competition == locked


def test_a_child_cannot_be_taken_from_another_union(tree):
    theirs = competition(tree.union_b, tree.cadre_b, trades="电工")
    mine = competition(tree.union_a, tree.cadre_a, trades="电工")
    [entry] = entries(theirs, tree.cadre_b, [("李四", "电工", 2)])
    entry.competition = mine
    with pytest.raises(PermissionDenied):
        child_save(entry, parent=mine, actor=tree.cadre_a)
    assert CompetitionEntry.objects.get(pk=entry.pk).competition == theirs
