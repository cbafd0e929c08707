"""The rights app's URLs with ids, for the access matrix: every object belongs to union B."""

from tests.rights import factories
from tests.test_access_matrix import MARKER


def _session_b(t):
    return factories.session(t.union_b, t.cadre_b, documents=MARKER,
                             term=1, session_number=_next())


_counter = iter(range(1, 10**6))


def _next():
    return next(_counter)


def _pk(make):
    return lambda t: {"pk": make(t).pk}


MAKERS = {
    "session": _session_b,
    "motion": lambda t: factories.motion(t.union_b, t.cadre_b, title=MARKER),
    "contract": lambda t: factories.contract(t.union_b, t.cadre_b, title=MARKER),
    "dispute": lambda t: factories.dispute(t.union_b, t.cadre_b, subject=MARKER),
    "petition": lambda t: factories.petition(t.union_b, t.cadre_b, subject=MARKER),
}


def _resolution_b(t):
    return factories.resolution(_session_b(t), t.cadre_b, title=MARKER)


ENTRIES = {
    "rights:resolution_create": (_pk(_session_b), ["get", "post"], 200),
    "rights:resolution_update": (_pk(_resolution_b), ["get", "post"], 200),
    "rights:resolution_delete": (_pk(_resolution_b), ["get", "post"], 200),
}
for key, make in MAKERS.items():
    ENTRIES[f"rights:{key}_detail"] = (_pk(make), ["get"], 200)
    ENTRIES[f"rights:{key}_update"] = (_pk(make), ["get", "post"], 200)
    ENTRIES[f"rights:{key}_delete"] = (_pk(make), ["get", "post"], 200)
