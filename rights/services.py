"""Writes of the rights app. Ledger records go through ``ledger.services``; resolutions
belong to a session and are checked against its union and year by ``child_save``."""

from __future__ import annotations

from ledger.services import child_delete, child_save, ledger_delete, ledger_save
from rights.models import Resolution

record_save = ledger_save
record_delete = ledger_delete


def resolution_save(resolution: Resolution, *, actor) -> Resolution:
    return child_save(resolution, parent=resolution.session, actor=actor)


def resolution_delete(resolution: Resolution, *, actor) -> None:
    child_delete(resolution, parent=resolution.session, actor=actor)
