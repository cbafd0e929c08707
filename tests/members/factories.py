"""Members made through the real service (``member_create``), for tests of every part."""

from __future__ import annotations

import datetime as dt
import itertools

from members.identity import check_character
from members.services import member_create

_serial = itertools.count()


def valid_resident_id(birth: dt.date, *, male: bool) -> str:
    """A valid 18-digit number never returned before in this run (region and sequence
    advance together), stating ``birth`` and the gender."""
    n = next(_serial)
    region = f"11{n // 500 % 10000:04d}"
    sequence = 2 * (n % 500) + (1 if male else 0)
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_character(first17)


def make_member(organisation, actor, **overrides):
    """A valid member of ``organisation``; any field may be overridden, and unless the
    document number is given, one is made that agrees with the birth date and gender."""
    fields = {
        "name": "张伟",
        "gender": "male",
        "birth_date": dt.date(1990, 3, 7),
        "join_date": dt.date(2020, 5, 1),
        "phone": "13800138000",
    }
    fields.update(overrides)
    if "document_number" not in fields:
        fields["document_number"] = valid_resident_id(fields["birth_date"],
                                                      male=fields["gender"] == "male")
    return member_create(actor=actor, organisation=organisation, **fields)
