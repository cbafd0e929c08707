"""Access-matrix entries of the register's pages (collected by tests/test_access_matrix.py)."""

from organisations.models import Role
from tests.members.factories import make_member
from tests.test_access_matrix import MARKER


def _member_b(t):
    return {"pk": make_member(t.union_b, t.cadre_b, name=MARKER).pk}


def _member_b_revealable(t):
    """Union B's member, with the full-view right granted on B's side (B's cadre and the
    district official), so that the owner's request is a real success."""
    Role.objects.filter(user__in=[t.cadre_b, t.official_district]).update(
        sees_personal_data=True)
    return _member_b(t)


ENTRIES = {
    "members:detail": (_member_b, ["get"], 200),
    "members:update": (_member_b, ["get", "post"], 200),
    "members:leave": (_member_b, ["get", "post"], 200),
    "members:reveal": (_member_b_revealable, ["get", "post"], 200),
}
