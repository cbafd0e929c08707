"""Writes of competitions, entries, proposals and honours.

Records go through ``ledger.services``; an entry belongs to its competition and goes through
``child_save`` / ``child_delete`` there, which check the competition's place: the actor's
cadre role over its union and its period lock.
"""

from __future__ import annotations

from competitions.models import Competition, CompetitionEntry
from ledger.services import (
    child_delete,
    child_save,
    children_save,
    ledger_delete,
    ledger_save,
    record_copy,
)

__all__ = ["child_delete", "child_save", "competition_copy", "entries_save", "ledger_delete",
           "ledger_save", "record_copy"]


def entry_save(entry: CompetitionEntry, *, actor) -> CompetitionEntry:
    return child_save(entry, parent=entry.competition, actor=actor)


def entry_delete(entry: CompetitionEntry, *, actor) -> None:
    child_delete(entry, parent=entry.competition, actor=actor)


def entries_save(competition: Competition, *, save: list[CompetitionEntry],
                 delete: list[CompetitionEntry], actor) -> int:
    """Save and delete many entries of one competition: all of them or none."""
    return children_save(competition, link="competition", save=save, delete=delete,
                         actor=actor)


def competition_copy(competition: Competition, *, actor) -> Competition:
    """Next year's edition of a competition: same kind, title, level and trades; no entries."""
    return record_copy(competition, actor=actor)
