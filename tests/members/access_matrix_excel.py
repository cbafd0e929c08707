"""Excel import URLs for the access matrix: an import uploaded by union B's cadre.

Made through the import service (``received``); its file name and its rows carry the marker,
and union A's users must get none of it.
"""

from tests.members.test_import import person, received
from tests.test_access_matrix import MARKER


def _import_b(t):
    member_import = received(t, [person(t.union_b, 姓名=MARKER)], actor=t.cadre_b,
                             organisation=t.union_b, name=f"{MARKER}.xlsx")
    return {"pk": member_import.pk}


def _import_b_with_problems(t):
    member_import = received(t, [person(t.union_b, 姓名=MARKER, 民族=MARKER)],
                             actor=t.cadre_b, organisation=t.union_b, name=f"{MARKER}.xlsx")
    return {"pk": member_import.pk}


ENTRIES = {
    "members:import_preview": (_import_b_with_problems, ["get"], 200),
    "members:import_report": (_import_b_with_problems, ["get"], 200),
    "members:import_confirm": (_import_b, ["post"], 302),
}
