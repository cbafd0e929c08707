"""The welfare app's URLs with ids, for the access matrix: every object belongs to union B.

Approving a grant and changing a rule need an official: for those entries union B's cadre
is made an official of union B first, so that the owner's request is a real success.
"""

import itertools
from decimal import Decimal

from organisations.models import Role, RoleKind
from tests.test_access_matrix import MARKER
from tests.welfare import factories as f


def _pk(make):
    return lambda t: {"pk": make(t).pk}


def _case_b(t):
    return f.case(t.union_b, t.cadre_b, name=MARKER, note=MARKER)


def _review_b(t):
    return f.review(_case_b(t), t.cadre_b, findings=MARKER)


def _grant_b(t):
    worker = f.member(t.union_b, t.cadre_b, name=MARKER)
    return f.grant(t.union_b, t.cadre_b, member=worker, note=MARKER)


def _approved_grant_b(t):
    return f.grant(t.union_b, t.cadre_b, member=f.member(t.union_b, t.cadre_b, name=MARKER),
                   note=MARKER, approver=t.official_district)


def _as_official_of_b(make):
    def made(t):
        Role.objects.filter(user=t.cadre_b).update(kind=RoleKind.OFFICIAL)
        return make(t)

    return made


_units = itertools.count(1)


def _enrolment_b(t):
    """One enrolment per unit and year: each call enrols another unit."""
    return f.enrolment(t.union_b, t.cadre_b, unit=f"{MARKER}{next(_units)}")


def _drive_b(t):
    return f.drive(t.union_b, t.cadre_b, title=MARKER, purpose=MARKER)


def _rule_b(t):
    return f.rule(t.union_b, t.official_district, title=MARKER, source_document=MARKER,
                  limit=Decimal("800"))


ENTRIES = {
    "welfare:case_detail": (_pk(_case_b), ["get"], 200),
    "welfare:case_update": (_pk(_case_b), ["get", "post"], 200),
    "welfare:case_delete": (_pk(_case_b), ["get", "post"], 200),
    "welfare:review_create": (_pk(_case_b), ["get", "post"], 200),
    "welfare:review_update": (_pk(_review_b), ["get", "post"], 200),
    "welfare:review_delete": (_pk(_review_b), ["get", "post"], 200),
    "welfare:grant_detail": (_pk(_grant_b), ["get"], 200),
    "welfare:grant_update": (_pk(_grant_b), ["get", "post"], 200),
    "welfare:grant_delete": (_pk(_grant_b), ["get", "post"], 200),
    "welfare:grant_approve": (_as_official_of_b(_pk(_grant_b)), ["post"], 302),
    "welfare:grant_pay": (_pk(_approved_grant_b), ["get", "post"], 200),
    "welfare:enrolment_detail": (_pk(_enrolment_b), ["get"], 200),
    "welfare:enrolment_update": (_pk(_enrolment_b), ["get", "post"], 200),
    "welfare:enrolment_delete": (_pk(_enrolment_b), ["get", "post"], 200),
    "welfare:enrolment_copy": (_pk(_enrolment_b), ["post"], 302),
    "welfare:drive_detail": (_pk(_drive_b), ["get"], 200),
    "welfare:drive_update": (_pk(_drive_b), ["get", "post"], 200),
    "welfare:drive_delete": (_pk(_drive_b), ["get", "post"], 200),
    "welfare:rule_detail": (_pk(_rule_b), ["get"], 200),
    "welfare:rule_update": (_as_official_of_b(_pk(_rule_b)), ["get", "post"], 200),
    "welfare:rule_delete": (_as_official_of_b(_pk(_rule_b)), ["get", "post"], 200),
}
