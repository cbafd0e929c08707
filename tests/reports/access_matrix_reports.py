"""The reports app's URLs with ids, for the access matrix: every report belongs to union B
(or, for marking a child as not reporting, to B's street with B as the child)."""

from reports.periods import Period
from reports.services import report_start, report_texts_save
from tests.test_access_matrix import MARKER

PERIOD = Period(2025)


def _report_b(t):
    report = report_start(organisation=t.union_b, period=PERIOD, actor=t.cadre_b)
    report_texts_save(report, texts={}, problems=MARKER, plans=MARKER, actor=t.cadre_b)
    return {"pk": report.pk}


def _street_b_and_union_b(t):
    report = report_start(organisation=t.street_b, period=PERIOD, actor=t.official_district)
    return {"pk": report.pk, "organisation_id": t.union_b.pk}


OFFICIAL_ONLY = ("official_district",)

ENTRIES = {
    "reports:detail": (_report_b, ["get"], 200),
    "reports:edit": (_report_b, ["get", "post"], 200),
    "reports:preview": (_report_b, ["get"], 200),
    "reports:pdf": (_report_b, ["post"], 302),
    "reports:workbook": (_report_b, ["post"], 302),
    "reports:submit": (_report_b, ["post"], 302, OFFICIAL_ONLY),
    "reports:return": (_report_b, ["post"], 302, OFFICIAL_ONLY),
    "reports:approve": (_report_b, ["post"], 302, OFFICIAL_ONLY),
    "reports:reopen": (_report_b, ["post"], 302, OFFICIAL_ONLY),
    "reports:not_reporting": (_street_b_and_union_b, ["post"], 302, OFFICIAL_ONLY),
}
