"""Writes to the tree, roles and period locks.

Every write is a keyword-only function that validates (``full_clean``), runs in one
transaction and records who acted in the history tables. Views, the admin, the demo data
and the tests all come through here, so the rules below hold whatever the entry point.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from organisations.models import (
    AccessAction,
    AccessLog,
    Organisation,
    PeriodLock,
    Role,
    RoleKind,
)

ORGANISATION_FIELDS = (
    "name", "short_name", "level", "kind", "credit_code", "enterprises_covered",
    "employee_count", "founded_on", "term_start", "term_end",
)


HISTORY_REASON_LENGTH = 100  # simple_history's history_change_reason column


def history_reason(reason: str) -> str:
    """A reason as a history row holds it: cut to the column (the full text stays on the
    record or event that asked for it)."""
    if not reason or len(reason) <= HISTORY_REASON_LENGTH:
        return reason
    return reason[:HISTORY_REASON_LENGTH - 1] + "…"


class PeriodLocked(ValidationError):
    """A change touches a year that is locked for the record's organisation."""


def check_placement(organisation: Organisation, parent: Organisation | None) -> None:
    """Refuse a parent that would make a cycle or sit at the same or a lower level."""
    if parent is None:
        return
    if organisation.pk and parent.path.startswith(organisation.path):
        raise ValidationError({"parent": ValidationError(
            _("%(parent)s lies inside the subtree of %(org)s: "
              "an organisation cannot be placed below itself.")
            % {"parent": parent, "org": organisation}, code="tree_cycle")})
    if organisation.level is not None and organisation.level <= parent.level:
        raise ValidationError({"parent": ValidationError(
            _("A %(level)s cannot be placed under a %(parent_level)s: "
              "a child must be at a lower level than its parent.")
            % {"level": organisation.get_level_display(),
               "parent_level": parent.get_level_display()}, code="tree_level")})


def _check_children_below(organisation: Organisation) -> None:
    """After a level change, every direct child must still sit below the node."""
    clash = organisation.children.filter(level__lte=organisation.level).first()
    if clash is not None:
        raise ValidationError({"level": ValidationError(
            _("%(child)s is a %(level)s; its parent must be at a higher level.")
            % {"child": clash, "level": clash.get_level_display()}, code="tree_level")})


@transaction.atomic
def organisation_create(*, actor=None, parent: Organisation | None, **fields) -> Organisation:
    organisation = Organisation(parent=parent, **fields)
    if organisation.credit_code:
        organisation.credit_code = organisation.credit_code.strip().upper()
    check_placement(organisation, parent)
    organisation.path = (parent.checked_path if parent else "") + organisation.node_key + "/"
    organisation.full_clean()
    organisation._history_user = actor
    organisation.save()
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, actor=None, parent: Organisation | None = ..., **fields
) -> Organisation:
    """Change fields and, when ``parent`` is given, move the node with its whole subtree."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    for name, value in fields.items():
        if name not in ORGANISATION_FIELDS:
            raise TypeError(f"Unknown organisation field {name!r}")
        setattr(organisation, name, value)
    if organisation.credit_code:
        organisation.credit_code = organisation.credit_code.strip().upper()
    old_path = organisation.path
    if parent is not ...:
        if parent is not None:
            parent.refresh_from_db()
        check_placement(organisation, parent)
        organisation.parent = parent
        organisation.path = (parent.checked_path if parent else "") + organisation.node_key + "/"
    else:
        check_placement(organisation, organisation.parent)
    _check_children_below(organisation)
    organisation.full_clean()
    organisation._history_user = actor
    organisation.save()
    if organisation.path != old_path:
        _rewrite_descendant_paths(old_path, organisation.path)
    return organisation


def _rewrite_descendant_paths(old_path: str, new_path: str) -> None:
    """One UPDATE re-roots every descendant: new prefix + the rest of the old path."""
    (
        Organisation.objects.filter(path__startswith=old_path)
        .exclude(path=new_path)
        .update(path=Concat(Value(new_path), Substr(F("path"), len(old_path) + 1)))
    )


def organisation_move(*, organisation: Organisation, parent: Organisation | None,
                      actor=None) -> Organisation:
    return organisation_update(organisation=organisation, parent=parent, actor=actor)


@transaction.atomic
def role_grant(*, user, organisation: Organisation, kind: RoleKind, actor=None,
               sees_personal_data: bool = False) -> Role:
    role, _created = Role.objects.update_or_create(
        user=user, organisation=organisation,
        defaults={"kind": kind, "sees_personal_data": sees_personal_data},
    )
    return role


# --- Permissions and period locks -------------------------------------------------------

def roles_over(user, organisation: Organisation):
    """The user's roles on this node or any node above it."""
    return Role.objects.filter(user=user, organisation__node_key__in=organisation.path_keys)


def ensure_can(user, organisation: Organisation, need: RoleKind) -> None:
    """Refuse a write unless the user holds at least ``need`` on the node or above it."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("You must be logged in."))
    if user.is_superuser:
        return
    if not roles_over(user, organisation).filter(kind__gte=need).exists():
        raise PermissionDenied(
            _("You have no %(role)s role for %(org)s.")
            % {"role": RoleKind(need).label, "org": organisation}
        )


def locking_organisation(organisation: Organisation, year: int,
                         month: int = 12) -> PeriodLock | None:
    """The lock that covers ``month`` of ``year`` for this node, set on it or an ancestor."""
    return (
        PeriodLock.objects.filter(year=year, through_month__gte=month,
                                  organisation__node_key__in=organisation.path_keys)
        .select_related("organisation")
        .first()
    )


def ensure_period_open(organisation: Organisation, date: dt.date) -> None:
    lock = locking_organisation(organisation, date.year, date.month)
    if lock is not None:
        raise PeriodLocked(
            _("%(year)s is locked for %(org)s and every union below it: records of that "
              "year can no longer be added, changed or deleted. An official of %(org)s "
              "can unlock it.") % {"year": lock.year, "org": lock.organisation},
            code="period_locked",
        )


@transaction.atomic
def period_lock(*, organisation: Organisation, year: int, actor, reason: str = "",
                through_month: int = 12) -> PeriodLock:
    """Lock the year (through ``through_month``); an existing shorter lock is extended."""
    ensure_can(actor, organisation, RoleKind.OFFICIAL)
    lock, created = PeriodLock.objects.select_for_update().get_or_create(
        organisation=organisation, year=year,
        defaults={"locked_by": actor if actor and actor.is_authenticated else None,
                  "reason": reason, "through_month": through_month},
    )
    if not created and lock.through_month < through_month:
        lock.through_month, lock.reason = through_month, reason or lock.reason
        lock._history_user, lock._change_reason = actor, history_reason(reason)
        lock.save(update_fields=["through_month", "reason"])
    return lock


@transaction.atomic
def period_unlock(*, organisation: Organisation, year: int, actor, reason: str,
                  keep_through_month: int = 0) -> None:
    """Unlock the year; ``keep_through_month`` keeps its first months locked (an approved
    上半年 report stays locked when the year's report is reopened)."""
    if not reason.strip():
        raise ValidationError(_("Say why the year is unlocked."), code="reason_required")
    ensure_can(actor, organisation, RoleKind.OFFICIAL)
    for lock in PeriodLock.objects.select_for_update().filter(organisation=organisation,
                                                              year=year):
        lock._history_user = actor
        lock._change_reason = history_reason(reason)
        if keep_through_month:
            lock.through_month = keep_through_month
            lock.save(update_fields=["through_month"])
        else:
            lock.delete()


# --- Personal data ----------------------------------------------------------------------

def sees_personal_data(user, organisation: Organisation) -> bool:
    """Whether a role on this node or above grants the unmasked view of personal data."""
    return roles_over(user, organisation).filter(sees_personal_data=True).exists()


def access_log_write(*, user, organisation: Organisation, action: AccessAction, subject: str,
                     records: int = 1) -> AccessLog:
    return AccessLog.objects.create(user=user, organisation=organisation, action=action,
                                    subject=subject[:200], records=records)
