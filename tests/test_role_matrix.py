"""Every view is scoped, and every view that writes refuses a role below the one it needs.

Read from the URLconf like the access matrix: each view must carry the role it needs
(``@scoped_view``), and is requested by a user of union B holding the role just below —
a viewer where a cadre is needed (a viewer cannot write), a cadre where an official is
needed (a cadre cannot submit, approve or lock) — with union B's own objects, made by the
access matrix's makers. The answer must be 403, whatever the method.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from organisations.models import RoleKind
from organisations.services import role_grant
from tests.conftest import make_user
from tests.test_access_matrix import MATRIX, SUPERUSER_ONLY, _patterns

# Views every visitor may reach: authentication, language, probes.
PUBLIC = {"login", "logout", "password_change", "password_change_done", "set_language",
          "health", "health_ready", "axes_lockout"}
# Views for any logged-in user, role or not: the home page (which tells a user without a
# role to ask for one) and switching one's own active role (checked against one's roles).
LOGGED_IN = {"home", "organisations:switch_role"}


def _views():
    for namespace, pattern in _patterns():
        if namespace in SUPERUSER_ONLY or namespace == "" and pattern.name in PUBLIC:
            continue
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        if name not in LOGGED_IN:
            yield name, pattern


def test_views_without_a_role_still_need_a_login(client):
    for name in LOGGED_IN:
        response = client.post(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_every_view_is_scoped():
    unscoped = sorted(name for name, pattern in _views()
                      if not hasattr(pattern.callback, "required_role"))
    assert not unscoped, f"views without @scoped_view: {unscoped}"


def _below(need: RoleKind) -> RoleKind | None:
    lower = [kind for kind in RoleKind if kind < need]
    return max(lower) if lower else None


CASES = sorted(
    (name, int(pattern.callback.required_role)) for name, pattern in _views()
    if hasattr(pattern.callback, "required_role")
    and pattern.callback.required_role > RoleKind.VIEWER
)


@pytest.mark.parametrize(("name", "need"), CASES)
def test_a_role_below_the_one_needed_is_refused(tree, client, name, need):
    user = make_user("below")
    role_grant(user=user, organisation=tree.union_b, kind=_below(RoleKind(need)))
    if name not in MATRIX and _has_converters(name):
        pytest.fail(f"{name} takes ids but has no maker in the access matrix")
    kwargs = MATRIX[name][0](tree) if name in MATRIX else {}
    url = reverse(name, kwargs=kwargs)
    client.force_login(user)
    for method in ("get", "post"):
        status = getattr(client, method)(url).status_code
        assert status in (403, 405), (method, url, status)
    assert client.post(url).status_code == 403


def _has_converters(name: str) -> bool:
    return any(bool(getattr(pattern.pattern, "converters", None))
               for view_name, pattern in _views() if view_name == name)
