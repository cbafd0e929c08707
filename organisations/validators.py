"""Validation of identifiers issued by the state."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# GB 32100-2015: the unified social credit code (统一社会信用代码).
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_character(first17: str) -> str:
    """The 18th character of a unified social credit code, computed from the first 17."""
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def validate_uscc(value: str) -> None:
    code = value.strip().upper()
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(n)d."),
            code="uscc_length",
            params={"n": len(code)},
        )
    bad = sorted({c for c in code if c not in USCC_CHARSET})
    if bad:
        raise ValidationError(
            _("A unified social credit code cannot contain %(chars)s."),
            code="uscc_charset",
            params={"chars": "".join(bad)},
        )
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        raise ValidationError(
            _("The check character of this unified social credit code is wrong: "
              "it should end in %(expected)s."),
            code="uscc_check",
            params={"expected": expected},
        )
