"""Hostile values, by the kind of field they are typed into.

Every strategy here yields what a browser, a script or a careless paste can send: strings
(or lists of strings for a multiple choice). A field gets either a value its form should
accept — so that some examples get through and their saving is checked too — or one of the
values below, which must come back as a message on the page, never as a server error.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from hypothesis import strategies as st

# --- Text ----------------------------------------------------------------------------------

SPECIMENS = [
    "\x00", "a\x00b", "张\x00伟", "\x00" * 3, "\x1b[31m红\x1b[0m", "\x07\x08\x0b\x0c",
    "\r\n", "\t", " ", "\u3000", "\u200b", "\ufeff", "\u00a0",
    "\u202e工会\u202c", "\u200f\u05e9\u05dc\u05d5\u05dd", "مرحبا 工会",
    "张三 Ivan Иванов Ἀθηνᾶ", "ｆｕｌｌｗｉｄｔｈ", "𠀀𪚥𫝀", "😀👨‍👩‍👧🏳️‍🌈", "e\u0301" * 20,
    "<script>alert(1)</script>", "{{ 7*7 }}", "{% debug %}", "%(name)s", "%s%s%n",
    "' OR 1=1 --", "\\", "=1+1", "@SUM(A1)", "-1", "+1", "null", "None", "NaN",
    "../../etc/passwd", "\ufffd", "\uffff", "\U0010ffff",
]
MIXED_SCRIPTS = st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Zs"))
CONTROL = st.characters(max_codepoint=0x1F)
ANY_CHARACTER = st.characters(codec="utf-8", exclude_categories=("Cs",))


def long_strings(limit: int | None) -> st.SearchStrategy[str]:
    """Strings at, just over and far over the limit, in wide and narrow characters."""
    lengths = [1_000, 100_001] if limit is None else [limit, limit + 1, limit * 10 + 7]
    return st.builds(lambda unit, n: (unit * n)[:n], st.sampled_from(["a", "张", "😀", "\u202e"]),
                     st.sampled_from(lengths))


def hostile_text(limit: int | None = None) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(SPECIMENS),
        st.text(ANY_CHARACTER, max_size=40),
        st.text(st.one_of(CONTROL, st.sampled_from("a张Я ")), min_size=1, max_size=12),
        long_strings(limit),
    )


def valid_text(limit: int | None, *, required: bool) -> st.SearchStrategy[str]:
    size = min(limit or 60, 60)
    return st.text(MIXED_SCRIPTS, min_size=1 if required else 0, max_size=size).filter(
        lambda s: not required or s.strip())


def file_names(limit: int) -> st.SearchStrategy[str]:
    """Hostile file names the test client can send (it refuses path elements itself)."""
    return st.one_of(st.sampled_from(["会员.xlsx", "a.xls", ".xlsx", "x", "p.jpg"]),
                     hostile_text(limit).filter(
                         lambda n: n.strip() not in ("", ".", "..") and "/" not in n
                         and "\\" not in n))


# --- Numbers -------------------------------------------------------------------------------

NUMBER_SPECIMENS = [
    "99999999999999999999999999", "-99999999999999999999999999", "9223372036854775808",
    "-9223372036854775809", "2147483648", "-1", "-0", "0", "1e309", "-1e309", "1E-400",
    "1e5", "NaN", "nan", "sNaN", "Infinity", "-Infinity", "inf", "1_000", "0x10", "1,000",
    "12.5", "0.000000001", "١٢٣", "２５", "四", "²", "1²", "Ⅻ", " 42 ", "4 2", "", "--1", "1-",
    "1e", ".",
    "-0.00", "12345678901234567890.123456789",
]


def hostile_number() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(NUMBER_SPECIMENS),
        st.integers().map(str),
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
        st.floats().map(repr),
        hostile_text(),
    )


def valid_integer(field: forms.IntegerField) -> st.SearchStrategy[str]:
    low = field.min_value if field.min_value is not None else 0
    high = field.max_value if field.max_value is not None else low + 5_000
    return st.integers(low, min(high, low + 5_000)).map(str)


def valid_decimal(field: forms.DecimalField) -> st.SearchStrategy[str]:
    places = field.decimal_places if field.decimal_places is not None else 2
    whole = (field.max_digits or 12) - places
    high = min(Decimal(10) ** min(whole, 7) - 1, Decimal(field.max_value or 10**7))
    low = max(Decimal(field.min_value or 0), Decimal(0))
    return st.decimals(min_value=low, max_value=high, places=places, allow_nan=False,
                       allow_infinity=False).map(str)


# --- Dates ---------------------------------------------------------------------------------

DATE_SPECIMENS = [
    "2025-02-30", "2025-02-29", "2024-02-29", "2025-13-01", "2025-00-10", "2025-06-31",
    "0000-01-01", "0001-01-01", "9999-12-31", "10000-01-01", "-2025-01-01", "2025-6-1",
    "2025/06/01", "01/06/2025", "06/01/2025", "2025年6月1日", "２０２５-０６-０１",
    "2025-06-01T00:00", "2025-06-01 25:61", "20250601", "1e3", "today", "",
    "2100-01-01", "2999-12-31", "1900-01-01", "1000-01-01",
]


def hostile_date() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(DATE_SPECIMENS),
        st.dates().map(dt.date.isoformat),
        st.builds("{:04d}-{:02d}-{:02d}".format, st.integers(0, 10_000), st.integers(0, 13),
                  st.integers(0, 32)),
        hostile_text(),
    )


def valid_date() -> st.SearchStrategy[str]:
    return st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)).map(dt.date.isoformat)


# --- Choices and foreign keys --------------------------------------------------------------

def choice_values(field: forms.ChoiceField) -> list[str]:
    values = []
    for value, label in field.choices:
        if isinstance(label, list | tuple):  # an optgroup
            values.extend(str(v) for v, _label in label)
        else:
            values.append(str(value))
    return [v for v in values if v != ""]


def hostile_choice(valid: list[str]) -> st.SearchStrategy[str]:
    twisted = [f(v) for v in valid[:8] for f in (str.upper, lambda v: f" {v}",
                                                 lambda v: v + "\x00", lambda v: v + "x")]
    return st.one_of(st.sampled_from(twisted or ["x"]), hostile_text(), hostile_number())


ID_SHAPES = ["abc", "-1", "0", "1.0", "1e2", "9" * 25, str(2**63), " 1 ", "1\x00", "",
             "[1]", "{}", "None", "²", "١", "１", "0x1", "1_0"]


def foreign_ids(outside: list[int]) -> st.SearchStrategy[str]:
    """Ids that exist but are not offered (other unions' objects), and ids that are not ids."""
    shapes = ID_SHAPES
    return st.one_of(st.sampled_from([str(pk) for pk in outside] or ["0"]),
                     st.sampled_from(shapes), st.integers().map(str))
