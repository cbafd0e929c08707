"""Generic writes of ledger records: permission, period lock, validation, audit, one transaction.

Domain services call ``ledger_save`` and ``ledger_delete`` rather than ``save()``; the admin
does too (``ledger.admin.LedgerAdmin``). A record moved from one organisation or year to
another is checked against both the old and the new place.
"""

from __future__ import annotations

from django.db import transaction

from ledger.base import LedgerRecord
from organisations.models import RoleKind
from organisations.services import ensure_can, ensure_period_open


def _check_place(record: LedgerRecord, actor) -> None:
    ensure_can(actor, record.organisation, RoleKind.CADRE)
    ensure_period_open(record.organisation, record.date)


@transaction.atomic
def ledger_save(record: LedgerRecord, *, actor) -> LedgerRecord:
    """Create or update ``record`` as ``actor``."""
    if record.pk is not None:
        stored = type(record).objects.select_for_update().select_related(
            "organisation").get(pk=record.pk)
        _check_place(stored, actor)
    elif actor is not None and actor.is_authenticated:
        record.created_by = actor
    record.full_clean()
    _check_place(record, actor)
    record._history_user = actor
    record.save()
    return record


@transaction.atomic
def ledger_delete(record: LedgerRecord, *, actor) -> None:
    stored = type(record).objects.select_for_update().select_related("organisation").get(
        pk=record.pk)
    _check_place(stored, actor)
    stored._history_user = actor
    stored.delete()
