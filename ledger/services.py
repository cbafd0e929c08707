"""Generic writes of ledger records: permission, period lock, validation, audit, one transaction.

Domain services call ``ledger_save`` and ``ledger_delete`` rather than ``save()``; the admin
does too (``ledger.admin.LedgerAdmin``). A record moved from one organisation or year to
another is checked against both the old and the new place.
"""

from __future__ import annotations

import datetime as dt

from django.db import models, transaction

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


# --- Records that belong to a ledger record (entries, sub-events) ------------------------

def check_parent(parent: LedgerRecord, actor) -> None:
    ensure_can(actor, parent.organisation, RoleKind.CADRE)
    ensure_period_open(parent.organisation, parent.date)


def _parent_link(child: models.Model, parent: LedgerRecord) -> str:
    """The name of the child's foreign key to its parent's model."""
    return next(f.attname for f in child._meta.concrete_fields
                if f.is_relation and f.related_model is type(parent))


@transaction.atomic
def child_save(child: models.Model, *, parent: LedgerRecord, actor) -> models.Model:
    """Create or update a record that belongs to ``parent`` (scoped and locked through it).

    A child moved from another parent is checked against that one too: an entry cannot
    leave a locked competition, or a union the actor has no role on, by being re-attached.
    """
    stored_parent = type(parent).objects.select_for_update().select_related(
        "organisation").get(pk=parent.pk)
    check_parent(stored_parent, actor)
    if child.pk is not None:
        link = _parent_link(child, parent)
        old_parent_id = type(child).objects.filter(pk=child.pk).values_list(
            link, flat=True).get()
        if old_parent_id != parent.pk:
            check_parent(type(parent).objects.select_related("organisation").get(
                pk=old_parent_id), actor)
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


@transaction.atomic
def children_save(parent: LedgerRecord, *, link: str, save: list, delete: list, actor) -> int:
    """Save and delete many records belonging to ``parent`` (its ``link`` field): all or none."""
    for child in delete:
        child_delete(child, parent=parent, actor=actor)
    for child in save:
        setattr(child, link, parent)
        child_save(child, parent=parent, actor=actor)
    return len(save)


# --- Recurring records -----------------------------------------------------------------

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
