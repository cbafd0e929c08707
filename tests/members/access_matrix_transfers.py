"""Transfer URLs for the access matrix: union B's member moving to union B's sibling.

Union A's users are neither sender nor receiver, so they must get nothing.
"""

import itertools

from members.services import transfer_request
from organisations.models import Level
from organisations.services import organisation_create
from tests.members.ids import resident_id
from tests.test_access_matrix import MARKER


def _member_b(t):
    import datetime as dt

    from members.services import member_create

    birth = dt.date(1990, 1, 1)
    return member_create(actor=t.cadre_b, organisation=t.union_b, name=MARKER, gender="male",
                         birth_date=birth, join_date=dt.date(2020, 1, 1),
                         document_number=resident_id(birth, male=True))


_targets = itertools.count(1)


def _transfer_b(t):
    target = organisation_create(parent=t.street_b, name=f"乙方兄弟工会{next(_targets)}",
                                 level=Level.GRASSROOTS)
    transfer = transfer_request(member=_member_b(t), to_organisation=target, actor=t.cadre_b)
    return {"pk": transfer.pk}


ENTRIES = {
    "members:transfer_request": (lambda t: {"pk": _member_b(t).pk}, ["get", "post"], 200),
    "members:transfer_detail": (_transfer_b, ["get"], 200),
    "members:transfer_accept": (_transfer_b, ["post"], 302),
    "members:transfer_decline": (_transfer_b, ["post"], 302),
    "members:transfer_cancel": (_transfer_b, ["post"], 302),
}
