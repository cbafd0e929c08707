"""Wording and grouping helpers shared by every app's report section.

Sections write their default paragraphs in the seeds' register ("全年共调处劳动纠纷27起，
其中…"); these helpers keep numbers, money and the comparison with the previous period
worded the same way in every section. All wording goes through gettext (English message
ids, Chinese in the catalogs).
"""

from __future__ import annotations

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


def growth(current, previous) -> str:
    """'比上年增长5.2%', '比上年下降3.0%', '与上年持平', or '' when there is nothing to compare."""
    rate = change_rate(current, previous)
    if rate is None:
        return ""
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
