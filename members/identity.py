"""Identity documents: the resident ID's check digit, and what the number says of its holder.

GB 11643-1999: 6-digit region, 8-digit birth date, 3-digit sequence (odd for men, even for
women), and a check character by ISO 7064 MOD 11-2. The residence permits of Hong Kong,
Macau and Taiwan residents (港澳台居民居住证, region 810000/820000/830000) follow the same rules.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARACTERS = "10X98765432"
PROVINCE_CODES = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82", "83",
}
PERMIT_PREFIXES = ("810000", "820000", "830000")
HMT_PASS = re.compile(r"^(?:[HM]\d{8}(?:\d{2})?|\d{8})$")  # 回乡证 / 台胞证
PASSPORT = re.compile(r"^[A-Z0-9]{5,17}$")


@dataclass(frozen=True)
class IdFacts:
    """What an 18-digit number states about its holder."""

    birth_date: dt.date
    gender: str  # "male" / "female", as members.models.Gender


def check_character(first17: str) -> str:
    return CHECK_CHARACTERS[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def normalise(number: str) -> str:
    return re.sub(r"\s+", "", number or "").upper()


def parse_18_digit(number: str, *, today: dt.date | None = None) -> IdFacts:
    """Validate an 18-digit resident ID or residence permit; return its birth date and gender."""
    if not re.fullmatch(r"\d{17}[\dX]", number):
        raise ValidationError(
            _("An ID number has 17 digits and a final digit or X; this one is %(n)d characters.")
            % {"n": len(number)}, code="id_format")
    if number[:2] not in PROVINCE_CODES:
        raise ValidationError(_("An ID number cannot begin with %(code)s: no such region.")
                              % {"code": number[:2]}, code="id_region")
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(_("The birth date in this ID number (%(digits)s) does not exist.")
                              % {"digits": number[6:14]}, code="id_birth_date") from None
    today = today or dt.date.today()
    if birth.year < 1900 or birth > today:
        raise ValidationError(_("The birth date in this ID number (%(date)s) is impossible.")
                              % {"date": birth.isoformat()}, code="id_birth_date")
    expected = check_character(number[:17])
    if number[17] != expected:
        raise ValidationError(
            _("The check digit of this ID number is wrong: it should end in %(expected)s. "
              "Check the number against the card.") % {"expected": expected},
            code="id_check_digit")
    return IdFacts(birth_date=birth, gender="male" if int(number[16]) % 2 else "female")


def validate_document(document_type: str, number: str) -> IdFacts | None:
    """Check a number for its document type; return the facts it states, if it states any."""
    if not number:
        raise ValidationError(_("The document number is required."), code="id_required")
    if document_type == "resident_id":
        if number.startswith(PERMIT_PREFIXES):
            raise ValidationError(_("This is a residence permit of a Hong Kong, Macau or Taiwan "
                                    "resident: choose that document type."), code="id_type")
        return parse_18_digit(number)
    if document_type == "hmt_permit":
        if len(number) == 18:
            if not number.startswith(PERMIT_PREFIXES):
                raise ValidationError(_("A residence permit number begins with 810000, 820000 "
                                        "or 830000."), code="id_format")
            return parse_18_digit(number)
        if not HMT_PASS.fullmatch(number):
            raise ValidationError(_("Not a Hong Kong, Macau or Taiwan permit number."),
                                  code="id_format")
        return None
    if document_type == "passport":
        if not PASSPORT.fullmatch(number):
            raise ValidationError(_("A passport number has 5 to 17 letters and digits."),
                                  code="id_format")
        return None
    raise ValidationError(_("Unknown document type."), code="id_type")


def check_agreement(facts: IdFacts | None, *, birth_date, gender) -> dict[str, ValidationError]:
    """Errors, by field, where the form disagrees with what the ID number states."""
    errors = {}
    if facts is None:
        return errors
    if birth_date and birth_date != facts.birth_date:
        errors["birth_date"] = ValidationError(
            _("The ID number gives the birth date %(date)s.")
            % {"date": facts.birth_date.isoformat()}, code="id_birth_mismatch")
    if gender and gender != facts.gender:
        errors["gender"] = ValidationError(
            _("The ID number belongs to a man.") if facts.gender == "male"
            else _("The ID number belongs to a woman."), code="id_gender_mismatch")
    return errors
