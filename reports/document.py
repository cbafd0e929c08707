"""The assembled report, as the HTML preview, the PDF and the workbook all receive it.

``reports.assembly`` builds a ``Document`` from the registry's sections and the official's
texts; the renderers only lay it out, so the preview shows exactly what will print.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from reports.sections import Chart, Figure, Number, Table


@dataclass(frozen=True)
class Headline:
    """A headline figure with the same figure of the previous period and the change (%)."""

    figure: Figure
    previous: Number = None
    rate: Decimal | None = None


@dataclass(frozen=True)
class DocumentSection:
    number: str  # 一, 二, 三 …
    key: str
    title: str
    text: str  # paragraphs separated by blank lines
    empty: bool = False
    headlines: Sequence[Headline] = ()
    tables: Sequence[Table] = ()
    charts: Sequence[Chart] = ()


@dataclass(frozen=True)
class Photo:
    path: str  # absolute file path of the image (a stored activity photo)
    caption: str


@dataclass(frozen=True)
class Document:
    organisation: str
    title: str  # 明湖区总工会2025年工作总结
    period: str  # 2025年 / 2025年上半年
    date: dt.date  # the date printed on the cover
    author: str  # the organisation that writes it: PDF metadata author
    sections: Sequence[DocumentSection]
    problems: str = ""  # 存在问题
    plans: str = ""  # 明年打算
    appendix_columns: Sequence[str] = ()  # first column is the union's name
    appendix_rows: Sequence[Sequence] = ()
    photos: Sequence[Photo] = field(default_factory=tuple)
    draft: bool = False  # not yet approved: printed with a 草稿 mark
