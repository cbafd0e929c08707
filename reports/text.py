"""Wording and grouping helpers shared by every app's report section.

Sections write their default paragraphs in the seeds' register ("全年共调处劳动纠纷27起，
其中…"); these helpers keep numbers, money and the comparison with the previous period
worded the same way in every section. All wording goes through gettext (English message
ids, Chinese in the catalogs).
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from organisations.models import KEY_LENGTH, Organisation


def number(value) -> str:
    """An integer or Decimal with thousands separators; whole Decimals lose their cents."""
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        value = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if value == value.to_integral_value():
            return f"{int(value):,}"
        return f"{value:,.2f}"
    return f"{value:,}"


def money(amount) -> str:
    """Yuan as the seeds print them: '1,329,770元', '16,300.50元'."""
    return _("%(amount)s yuan") % {"amount": number(Decimal(amount or 0))}


def change_rate(current, previous) -> Decimal | None:
    """Change from ``previous`` to ``current`` in per cent (one decimal); None if no base."""
    if current is None or not previous:
        return None
    return (Decimal(100) * (Decimal(current) - Decimal(previous)) / Decimal(previous)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP)


_SAME_PERIOD = ContextVar("same_period_of_last_year", default=False)


@contextmanager
def comparing_same_period(same_period: bool):
    """Within it, ``growth`` compares with 上年同期 (a half-year report) not with 上年."""
    token = _SAME_PERIOD.set(same_period)
    try:
        yield
    finally:
        _SAME_PERIOD.reset(token)


def growth(current, previous) -> str:
    """'比上年增长5.2%', '比上年下降3.0%', '与上年持平' (or 比上年同期… in a half-year
    report), or '' when there is nothing to compare."""
    rate = change_rate(current, previous)
    if rate is None:
        return ""
    if _SAME_PERIOD.get():
        if rate > 0:
            return _("up %(rate)s%% on the same period of the previous year") % {"rate": rate}
        if rate < 0:
            return _("down %(rate)s%% on the same period of the previous year") % {
                "rate": -rate}
        return _("level with the same period of the previous year")
    if rate > 0:
        return _("up %(rate)s%% on the previous year") % {"rate": rate}
    if rate < 0:
        return _("down %(rate)s%% on the previous year") % {"rate": -rate}
    return _("level with the previous year")


def child_path(organisation: Organisation, field: str = "organisation__path"):
    """An expression giving, for a record of the subtree, the path of the direct child of
    ``organisation`` it lies under (grouping the subtree by child in one query).

    Every child's path is the parent's path, its own key and a slash, so the prefix of that
    length names the child; records of ``organisation`` itself get its own, shorter path.
    """
    return Substr(F(field), 1, len(organisation.checked_path) + KEY_LENGTH + 1)


# --- Sentences: every section joins its clauses alike -----------------------------------
# Chinese and English join lists and sentences differently ("、" against ", ", no space
# against a space), so even the joints go through gettext.


def _joined(parts, pattern: str) -> str:
    parts = [part for part in parts if part]
    text = parts[0] if parts else ""
    for part in parts[1:]:
        text = pattern % {"first": text, "then": part}
    return text


def listing(parts) -> str:
    """Items of an enumeration: '劳动合同纠纷5起、工资报酬纠纷10起' (empty parts skipped)."""
    return _joined(parts, _("%(first)s, %(then)s"))


def clauses(parts) -> str:
    """Clauses of one sentence: '参赛工种23个，参赛选手401人' (empty parts skipped)."""
    return _joined(parts, _("%(first)s; %(then)s"))


def sentence(text: str) -> str:
    """One sentence with its full stop, or '' for no text."""
    return _("%(sentence)s.") % {"sentence": text} if text else ""


def paragraph(sentences) -> str:
    """Sentences run on as one paragraph (no space between Chinese sentences)."""
    return _joined(sentences, _("%(first)s %(then)s"))


def paragraphs(parts) -> str:
    """The section's text: non-empty paragraphs separated by a blank line."""
    return "\n\n".join(part for part in parts if part)


def tail(pattern: str, value) -> str:
    """A clause appended to a sentence (', of which …'), or '' when ``value`` is empty."""
    return pattern % {"value": value} if value else ""


def with_growth(current, previous_figures, name: str) -> str:
    """', 比上年增长5.0%' comparing ``current`` with the same figure of the previous period."""
    if previous_figures is None:
        return ""
    return tail(_(", %(value)s"), growth(current, getattr(previous_figures, name)))


def plain(value) -> str:
    """A Decimal as written in prose: '42.5', '100', '1,200.5' (no trailing zeros)."""
    if value is None:
        return "—"
    return f"{Decimal(value).normalize():,f}"


def _kind_of_period(start: dt.date | None, end: dt.date | None) -> str:
    if start is None or end is None or start.year != end.year:
        return "other"
    return {((1, 1), (12, 31)): "year", ((1, 1), (6, 30)): "h1",
            ((7, 1), (12, 31)): "h2"}.get(((start.month, start.day), (end.month, end.day)),
                                          "other")


def over(start: dt.date | None, end: dt.date | None) -> str:
    """How the period is named before what happened in it: 全年 / 上半年 / 下半年 / 本期."""
    return {"year": _("Over the year"), "h1": _("In the first half of the year"),
            "h2": _("In the second half of the year")}.get(_kind_of_period(start, end),
                                                          _("Over the period"))


def at_end(start: dt.date | None, end: dt.date | None) -> str:
    """How the end of the period is named before a stock figure: 截至年底 / 截至6月底 / 截至期末."""
    kind = _kind_of_period(start, end)
    if kind in ("year", "h2"):
        return _("At the end of the year")
    if kind == "h1":
        return _("At the end of June")
    return _("At the end of the period")
