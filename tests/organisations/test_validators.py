import pytest
from django.core.exceptions import ValidationError

from organisations.validators import uscc_check_character, validate_uscc

# Codes published with their check characters (the first is GB 32100-2015's own example).
KNOWN_VALID = ["91350100M000100Y43", "91110000600037341L", "91110108551385082Q"]


@pytest.mark.parametrize("code", KNOWN_VALID)
def test_published_codes_pass(code):
    validate_uscc(code)
    assert uscc_check_character(code[:17]) == code[17]


@pytest.mark.parametrize("code", KNOWN_VALID)
def test_one_changed_character_is_caught(code):
    tampered = code[:5] + ("1" if code[5] != "1" else "2") + code[6:]
    with pytest.raises(ValidationError) as info:
        validate_uscc(tampered)
    assert info.value.code == "uscc_check"


@pytest.mark.parametrize(("code", "reason"), [
    ("91350100M000100Y4", "uscc_length"),
    ("91350100M000100Y433", "uscc_length"),
    ("91350100I000100Y43", "uscc_charset"),  # I, O, S, V, Z are not in the charset
    ("91350100O000100Y43", "uscc_charset"),
])
def test_malformed_codes_are_refused_with_their_reason(code, reason):
    with pytest.raises(ValidationError) as info:
        validate_uscc(code)
    assert info.value.code == reason
