"""Competition, proposal and honour URLs for the access matrix: union B's records."""

from tests.competitions.factories import competition, entries, honour, proposal
from tests.test_access_matrix import MARKER


def _competition_b(t):
    comp = competition(t.union_b, t.cadre_b, title=MARKER, trades=MARKER)
    entries(comp, t.cadre_b, [(MARKER, MARKER, 1)])
    return {"pk": comp.pk}


def _proposal_b(t):
    return {"pk": proposal(t.union_b, t.cadre_b, title=MARKER, submitters=MARKER).pk}


def _honour_b(t):
    return {"pk": honour(t.union_b, t.cadre_b, name=MARKER).pk}


ENTRIES = {
    "competitions:detail": (_competition_b, ["get"], 200),
    "competitions:update": (_competition_b, ["get", "post"], 200),
    "competitions:delete": (_competition_b, ["get", "post"], 200),
    "competitions:copy": (_competition_b, ["post"], 302),
    "competitions:entries": (_competition_b, ["get", "post"], 200),
    "competitions:proposal_detail": (_proposal_b, ["get"], 200),
    "competitions:proposal_update": (_proposal_b, ["get", "post"], 200),
    "competitions:proposal_delete": (_proposal_b, ["get", "post"], 200),
    "competitions:honour_detail": (_honour_b, ["get"], 200),
    "competitions:honour_update": (_honour_b, ["get", "post"], 200),
    "competitions:honour_delete": (_honour_b, ["get", "post"], 200),
}
