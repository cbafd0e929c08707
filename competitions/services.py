"""Writes of competitions, entries, proposals and honours.

Records go through ``ledger.services``; an entry (or any record that belongs to a ledger
record, such as an activity's sub-event) goes through ``child_save`` / ``child_delete``,
which check the parent's place: the actor's cadre role over its union and its period lock.
"""

from __future__ import annotations

import datetime as dt

from django.db import models, transaction

from competitions.models import Competition, CompetitionEntry
from ledger.base import LedgerRecord
from ledger.services import ledger_delete, ledger_save
from organisations.models import RoleKind
from organisations.services import ensure_can, ensure_period_open

__all__ = ["child_delete", "child_save", "competition_copy", "entries_save", "ledger_delete",
           "ledger_save", "record_copy"]


def check_parent(parent: LedgerRecord, actor) -> None:
    ensure_can(actor, parent.organisation, RoleKind.CADRE)
    ensure_period_open(parent.organisation, parent.date)


@transaction.atomic
def child_save(child: models.Model, *, parent: LedgerRecord, actor) -> models.Model:
    """Create or update a record that belongs to ``parent`` (scoped and locked through it)."""
    stored_parent = type(parent).objects.select_for_update().select_related(
        "organisation").get(pk=parent.pk)
    check_parent(stored_parent, actor)
    child.full_clean()
    child._history_user = actor
    child.save()
    return child


@transaction.atomic
def child_delete(child: models.Model, *, parent: LedgerRecord, actor) -> None:
    stored_parent = type(parent).objects.select_for_update().select_related(
        "organisation").get(pk=parent.pk)
    check_parent(stored_parent, actor)
    child._history_user = actor
    child.delete()


def entry_save(entry: CompetitionEntry, *, actor) -> CompetitionEntry:
    return child_save(entry, parent=entry.competition, actor=actor)


def entry_delete(entry: CompetitionEntry, *, actor) -> None:
    child_delete(entry, parent=entry.competition, actor=actor)


@transaction.atomic
def entries_save(competition: Competition, *, save: list[CompetitionEntry],
                 delete: list[CompetitionEntry], actor) -> int:
    """Save and delete many entries of one competition: all of them or none."""
    for entry in delete:
        child_delete(entry, parent=competition, actor=actor)
    for entry in save:
        entry.competition = competition
        child_save(entry, parent=competition, actor=actor)
    return len(save)


def one_year_later(day: dt.date | None) -> dt.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def record_copy(record: LedgerRecord, *, actor, reset: tuple[str, ...] = ()) -> LedgerRecord:
    """A copy of a recurring record dated one year later (figures in ``reset`` set to their
    defaults), written through ``ledger_save``: the new year's lock and the role apply."""
    copy = type(record)()
    skip = {"id", "created_by", "created_at", "updated_at"}
    for field in record._meta.concrete_fields:
        if field.name in skip:
            continue
        if field.name in reset:
            setattr(copy, field.attname, field.get_default())
        else:
            setattr(copy, field.attname, getattr(record, field.attname))
    copy.date = one_year_later(record.date)
    if hasattr(copy, "end_date"):
        copy.end_date = one_year_later(record.end_date)
    return ledger_save(copy, actor=actor)


def competition_copy(competition: Competition, *, actor) -> Competition:
    """Next year's edition of a competition: same kind, title, level and trades; no entries."""
    return record_copy(competition, actor=actor)
