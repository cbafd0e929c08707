"""Report periods: a calendar year or its first half (上半年 summaries are common)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _


class PeriodKind:
    YEAR = "year"
    FIRST_HALF = "h1"
    ALL = (YEAR, FIRST_HALF)


@dataclass(frozen=True)
class Period:
    year: int
    kind: str = PeriodKind.YEAR

    def __post_init__(self):
        if self.kind not in PeriodKind.ALL:
            raise ValueError(f"unknown period kind {self.kind!r}")

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        if self.kind == PeriodKind.FIRST_HALF:
            return dt.date(self.year, 6, 30)
        return dt.date(self.year, 12, 31)

    @property
    def through_month(self) -> int:
        """The last month the period covers: what approving its report locks."""
        return self.end.month

    def previous(self) -> Period:
        """The same period a year earlier: figures are compared 比上年 / 比上年同期."""
        return Period(self.year - 1, self.kind)

    @property
    def label(self) -> str:
        """'2025年', '2025年上半年' in Chinese; through gettext like every interface text."""
        if self.kind == PeriodKind.FIRST_HALF:
            return _("first half of %(year)d") % {"year": self.year}
        return _("year %(year)d") % {"year": self.year}

    def __str__(self) -> str:
        return self.label
