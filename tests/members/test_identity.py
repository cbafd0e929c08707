import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from members.identity import check_agreement, check_character, parse_18_digit, validate_document
from tests.members.ids import resident_id, with_wrong_check_digit

# Published specimen numbers with their check characters (GB 11643 worked example, and the
# residence-permit specimen printed by the Ministry of Public Security).
SPECIMENS = ["11010519491231002X", "440524188001010014", "810000199408230021"]


@pytest.mark.parametrize("number", SPECIMENS)
def test_published_specimens_have_the_right_check_character(number):
    assert check_character(number[:17]) == number[17]


def test_facts_come_from_the_number():
    facts = parse_18_digit("11010519491231002X")
    assert facts.birth_date == dt.date(1949, 12, 31) and facts.gender == "female"
    assert parse_18_digit(resident_id(male=True)).gender == "male"


@pytest.mark.parametrize(("number", "code"), [
    (with_wrong_check_digit("11010519491231002X"), "id_check_digit"),
    ("11010519490230002X"[:17] + check_character("11010519490230002"), "id_birth_date"),
    ("110105" + "21000101" + "123" + "4", "id_birth_date"),  # not yet born
    ("990105199001010012", "id_region"),
    ("1101051990010100", "id_format"),
    ("11010519900101001Y", "id_format"),
])
def test_bad_numbers_are_refused_with_a_reason(number, code):
    with pytest.raises(ValidationError) as info:
        validate_document("resident_id", number)
    assert info.value.code == code


def test_a_residence_permit_is_not_a_resident_id():
    with pytest.raises(ValidationError) as info:
        validate_document("resident_id", "810000199408230021")
    assert info.value.code == "id_type"
    assert validate_document("hmt_permit", "810000199408230021").birth_date == dt.date(
        1994, 8, 23)


@pytest.mark.parametrize(("kind", "number", "ok"), [
    ("hmt_permit", "H12345678", True), ("hmt_permit", "M1234567890", True),
    ("hmt_permit", "X1234", False), ("passport", "E12345678", True),
    ("passport", "E1", False),
])
def test_other_documents(kind, number, ok):
    if ok:
        assert validate_document(kind, number) is None
    else:
        with pytest.raises(ValidationError):
            validate_document(kind, number)


def test_form_must_agree_with_the_number():
    facts = parse_18_digit("11010519491231002X")
    errors = check_agreement(facts, birth_date=dt.date(1949, 12, 30), gender="male")
    assert errors["birth_date"].code == "id_birth_mismatch"
    assert errors["gender"].code == "id_gender_mismatch"
    assert check_agreement(facts, birth_date=dt.date(1949, 12, 31), gender="female") == {}
