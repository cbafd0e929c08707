"""Both sides of the fixture tree furnished with records, and the tree seen from B's side.

Union A's records are what its cadre's forms may choose (a member, a hardship case, a
drive, a congress session); union B's are what a hostile post tries to slip in by id.
``mirrored`` swaps the A and B sides of the tree, so that the access matrix's makers —
written to make *union B's* object for its owner — make union A's object for cadre_a.
"""

from __future__ import annotations

import copy

from organisations.models import Role
from organisations.scope import Scope, pick_role
from tests.rights import factories as rights
from tests.welfare import factories as welfare

SWAPPED = (("union_a", "union_b"), ("street_a", "street_b"), ("cadre_a", "cadre_b"))


def furnish(t) -> None:
    for union, cadre in ((t.union_a, t.cadre_a), (t.union_b, t.cadre_b)):
        worker = welfare.member(union, cadre)  # chosen by grants, honours, cases
        welfare.case(union, cadre, person=worker)  # by grants and reviews
        welfare.drive(union, cadre)  # by grants
        session = rights.session(union, cadre, term=9, session_number=union.pk)  # by motions
        rights.motion(union, cadre, session=session, number=f"F{union.pk}")  # merged into


def mirrored(t):
    """The tree with its A and B sides swapped (union_b is union A, cadre_b is cadre_a...)."""
    mirror = copy.copy(t)
    for a, b in SWAPPED:
        setattr(mirror, a, getattr(t, b))
        setattr(mirror, b, getattr(t, a))
    return mirror


def scope_of(user) -> Scope:
    """The scope a request of ``user`` acts in (the default active role, as the header's)."""
    role, _roles = pick_role(user, None)
    assert isinstance(role, Role), f"{user} holds no role"
    return Scope(user=user, role=Role.objects.select_related("organisation").get(pk=role.pk))
