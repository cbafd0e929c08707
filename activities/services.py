"""Writes of activities and their sub-events; photos are in ``activities.photos``."""

from __future__ import annotations

from django.db import transaction

from activities.models import Activity, SubEvent
from ledger.services import child_save, children_save, ledger_delete, ledger_save, record_copy

__all__ = ["activity_copy", "ledger_delete", "ledger_save", "sub_events_save"]

FIGURES = ("participants", "person_times", "sessions", "trainees", "hours", "dangers_found",
           "dangers_fixed", "items_reported")


def sub_events_save(activity: Activity, *, save: list[SubEvent], delete: list[SubEvent],
                    actor) -> int:
    """Save and delete many sub-events of one activity: all of them or none."""
    return children_save(activity, link="activity", save=save, delete=delete, actor=actor)


@transaction.atomic
def activity_copy(activity: Activity, *, actor) -> Activity:
    """Next year's edition of a recurring activity: dated one year later, its figures empty,
    its sub-events listed again without participants or results."""
    copy = record_copy(activity, actor=actor, reset=FIGURES)
    for event in activity.sub_events.all():
        child_save(SubEvent(activity=copy, name=event.name), parent=copy, actor=actor)
    return copy


@transaction.atomic
def activity_delete(activity: Activity, *, actor) -> None:
    """Delete an activity with its sub-events and photos; the photo files go after commit."""
    from activities.photos import _delete_files

    photos = list(activity.photos.all())
    ledger_delete(activity, actor=actor)
    transaction.on_commit(lambda: _delete_files(photos))
