"""Valid (and deliberately invalid) identity numbers for tests."""

import datetime as dt
import itertools

from members.identity import check_character

_serial = itertools.count(1)


def resident_id(birth: dt.date = dt.date(1990, 3, 7), *, male: bool = True,
                region: str = "110105") -> str:
    """A fresh valid 18-digit number: sequence numbers never repeat within a test run."""
    seq = (2 * next(_serial) + (1 if male else 0)) % 1000
    first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
    return first17 + check_character(first17)


def with_wrong_check_digit(number: str) -> str:
    wrong = "0" if number[-1] != "0" else "1"
    return number[:-1] + wrong
