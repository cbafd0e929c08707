"""Writes of the rights app. Ledger records go through ``ledger.services``; resolutions,
which belong to a session, are checked against the session's union and year here."""

from __future__ import annotations

from django.db import transaction

from ledger.services import ledger_delete, ledger_save
from organisations.models import RoleKind
from organisations.services import ensure_can, ensure_period_open
from rights.models import CongressSession, Resolution

record_save = ledger_save
record_delete = ledger_delete


def _check_session(session: CongressSession, actor) -> None:
    ensure_can(actor, session.organisation, RoleKind.CADRE)
    ensure_period_open(session.organisation, session.date)


@transaction.atomic
def resolution_save(resolution: Resolution, *, actor) -> Resolution:
    if resolution.pk is not None:
        stored = Resolution.objects.select_related("session__organisation").get(
            pk=resolution.pk)
        _check_session(stored.session, actor)
    resolution.full_clean()
    _check_session(resolution.session, actor)
    resolution._history_user = actor
    resolution.save()
    return resolution


@transaction.atomic
def resolution_delete(resolution: Resolution, *, actor) -> None:
    stored = Resolution.objects.select_related("session__organisation").get(pk=resolution.pk)
    _check_session(stored.session, actor)
    stored._history_user = actor
    stored.delete()
