"""The registry of report sections: each domain app contributes its own.

An app's ``report`` module computes its figures (a frozen dataclass with ``is_empty``) for a
subtree and a period in a fixed number of queries, and declares at its end::

    SECTIONS = [
        Section(key="rights", order=50, title=_("Rights protection"),
                compute=rights_protection, paragraph=rights_paragraph,
                headlines=rights_headlines, tables=rights_tables, ...),
    ]

The reports app never reaches into another app's models: it calls these functions, numbers
the sections (一、二、…), substitutes the "no records" sentence for an empty section, puts
the change from the previous period next to each headline figure, and hands the result to
the HTML preview, the PDF and the workbook alike.

Every callable receives figures already computed; only ``compute``, ``charts``,
``checks`` and ``by_child`` may query, each in a number of queries that does not grow with
the number of records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import import_module
from typing import Any

from django.apps import apps

Number = int | Decimal | None


@dataclass(frozen=True)
class Figure:
    """A headline figure: shown on the dashboard and compared with the previous period.

    ``key`` is stable across periods (the comparison pairs figures by key); ``unit`` is a
    translated measure word (人, 起, 元, 家, 人次).
    """

    key: str
    label: str
    value: Number
    unit: str = ""


@dataclass(frozen=True)
class Table:
    """A table of the section, printed in the PDF and written as rows of the workbook.

    Cells are str, int, Decimal or None (printed as an em dash); money is Decimal yuan.
    """

    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[Any]]


@dataclass(frozen=True)
class Chart:
    """Data for a chart, drawn as SVG by the reports app with a plotting library.

    ``kind`` is "bar" or "line"; ``series`` maps a series name to one value per label.
    """

    title: str
    kind: str
    labels: Sequence[str]
    series: dict[str, Sequence[Number]]
    unit: str = ""


@dataclass(frozen=True)
class Problem:
    """A failed logic check (逻辑检查): what is wrong and the page of the record to fix."""

    message: str
    url: str = ""
    record: str = ""


@dataclass(frozen=True)
class Section:
    """What one app contributes to the annual report.

    - ``compute(organisation, start, end) -> figures``; figures have ``is_empty``.
    - ``paragraph(figures, previous) -> str``: the default text in the seeds' formal
      register; ``previous`` is the same computation for the previous period (or None) so
      the text can say 比上年增长 x% (see ``reports.text``). Paragraphs are separated by
      blank lines.
    - ``headlines(figures) -> [Figure]``.
    - ``tables(figures) -> [Table]``.
    - ``charts(organisation, start, end, figures) -> [Chart]`` (may query, fixed count).
    - ``checks(organisation, start, end) -> [Problem]`` (may query, fixed count).
    - ``by_child(organisation, start, end) -> {child path: {column key: value}}``: one row
      per direct child union in the appendix; ``reports.text.child_path`` gives the
      expression grouping a subtree's records by direct child in one query.
      ``appendix`` lists the (column key, label) pairs it fills.
    - ``photos(organisation, start, end, limit) -> [(file path, caption)]``: at most
      ``limit`` photos for the report (one query).
    """

    key: str
    order: int
    title: str
    compute: Callable[[Any, dt.date, dt.date], Any]
    paragraph: Callable[[Any, Any], str]
    headlines: Callable[[Any], list[Figure]] = lambda figures: []
    tables: Callable[[Any], list[Table]] = lambda figures: []
    charts: Callable[[Any, dt.date, dt.date, Any], list[Chart]] = (
        lambda organisation, start, end, figures: [])
    checks: Callable[[Any, dt.date, dt.date], list[Problem]] = (
        lambda organisation, start, end: [])
    by_child: Callable[[Any, dt.date, dt.date], dict[str, dict[str, Number]]] = (
        lambda organisation, start, end: {})
    appendix: Sequence[tuple[str, str]] = field(default_factory=tuple)
    photos: Callable[[Any, dt.date, dt.date, int], list[tuple[str, str]]] = (
        lambda organisation, start, end, limit: [])


def sections() -> list[Section]:
    """Every app's sections in report order (apps declare ``SECTIONS`` in ``report``)."""
    found: list[Section] = []
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.report")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.report":
                raise
            continue
        found.extend(getattr(module, "SECTIONS", ()))
    keys = [section.key for section in found]
    duplicated = {key for key in keys if keys.count(key) > 1}
    if duplicated:
        raise ImportError(f"report sections declared twice: {sorted(duplicated)}")
    return sorted(found, key=lambda section: (section.order, section.key))
