"""Scoped access: the one place that decides what a request may see and do.

A user holds roles on organisations; a request acts under one of them (the *active role*,
switched in the header). Everything a view reads starts from ``scope``: querysets are cut
to the active organisation's subtree, and objects fetched by id outside it are a 404, never
data. A role too low for the action is a 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from organisations.models import Organisation, Role, RoleKind, subtree_q

SESSION_KEY = "active_role_id"


@dataclass(frozen=True)
class Scope:
    user: object
    role: Role

    @property
    def organisation(self) -> Organisation:
        return self.role.organisation

    @property
    def kind(self) -> RoleKind:
        return RoleKind(self.role.kind)

    def can(self, need: RoleKind) -> bool:
        return self.role.kind >= need

    @property
    def can_write(self) -> bool:
        return self.can(RoleKind.CADRE)

    @property
    def can_review(self) -> bool:
        return self.can(RoleKind.OFFICIAL)

    def filter(self, queryset, *, field: str = "organisation"):
        """Cut any queryset to rows whose ``field`` lies in the active subtree."""
        prefix = "" if field == "" else f"{field}__"
        return queryset.filter(subtree_q([self.organisation], prefix=prefix))

    def organisations(self):
        """Form choices and lists of organisations: the active subtree only."""
        return Organisation.objects.subtree(self.organisation)


def pick_role(user, requested_id) -> tuple[Role | None, list[Role]]:
    """The user's roles and the active one: the one asked for, else the highest node."""
    roles = list(Role.objects.of_user(user))
    by_id = {role.pk: role for role in roles}
    try:
        active = by_id.get(int(requested_id)) if requested_id is not None else None
    except (TypeError, ValueError):
        active = None
    if active is None and roles:
        active = roles[0]
    return active, roles


def scoped_view(need: RoleKind = RoleKind.VIEWER):
    """Decorate a view: login required, an active role required, at least ``need``."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            scope = getattr(request, "scope", None)
            if scope is None:
                raise PermissionDenied(_("You hold no role on any union."))
            if not scope.can(need):
                raise PermissionDenied(_("Your role does not allow this action."))
            return view(request, *args, **kwargs)

        wrapper.required_role = need
        return wrapper

    return decorator


def get_in_scope(scope: Scope, queryset, *, field: str = "organisation", **lookup):
    """Fetch one object by id within the active subtree: 404 outside it.

    A queryset whose rows relate to the tree in another way than one ``organisation`` (a
    transfer touches two unions) brings its own ``in_scope``; all others are cut by ``field``.
    """
    if hasattr(queryset, "in_scope"):
        return get_object_or_404(queryset.in_scope(scope), **lookup)
    return get_object_or_404(scope.filter(queryset, field=field), **lookup)
