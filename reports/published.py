"""The figures of an approved report, kept as they were approved.

Approval locks the period, and the summary is then the published account of it: the next
report's comparison (比上年增长) reads these figures, as a hand-written summary compares
with last year's published one, instead of computing the previous period from the ledger
again — half of the work behind every preview, PDF, workbook and dashboard. A report
reopened loses them; approved again, it keeps the figures of that moment.

Only the scalar figures are kept (counts, sums, and the derived totals a section offers as
properties): they are what a comparison reads. Lists, tables and photos are not compared.
"""

from __future__ import annotations

import dataclasses
import inspect
from decimal import Decimal
from typing import Any

from organisations.models import Organisation
from reports.models import Report, ReportStatus
from reports.periods import Period
from reports.sections import sections


def figure_values(figures: Any) -> dict[str, dict]:
    """The scalar attributes of a section's figures, ready for JSON: integers (and flags)
    as they are, Decimals as strings so that no yuan goes through a float."""
    names = {field.name for field in dataclasses.fields(figures)}
    names |= {name for name, member in inspect.getmembers(type(figures))
              if isinstance(member, property)}
    kept: dict[str, dict] = {"int": {}, "decimal": {}}
    for name in sorted(names):
        value = getattr(figures, name)
        if isinstance(value, Decimal):
            kept["decimal"][name] = str(value)
        elif isinstance(value, int):  # bool included
            kept["int"][name] = value
    return kept


class PublishedFigures:
    """A section's figures as approved, read by attribute like the computed ones."""

    def __init__(self, values: dict[str, dict]):
        self.__dict__.update(values.get("int", {}))
        self.__dict__.update({name: Decimal(value)
                              for name, value in values.get("decimal", {}).items()})

    def __repr__(self) -> str:
        return f"PublishedFigures({self.__dict__!r})"


def figures_to_publish(organisation: Organisation, period: Period) -> dict[str, dict]:
    """Every section's scalar figures for the period, as approval keeps them."""
    return {section.key: figure_values(section.compute(organisation, period.start, period.end))
            for section in sections()}


def published(organisation: Organisation, period: Period) -> dict[str, PublishedFigures]:
    """The figures the organisation's approved report kept for the period, by section
    (empty when the report is not approved: the caller computes them)."""
    kept = (Report.objects.filter(organisation=organisation, year=period.year,
                                  period_kind=period.kind, status=ReportStatus.APPROVED)
            .values_list("figures", flat=True).first())
    return {key: PublishedFigures(values) for key, values in (kept or {}).items()}
