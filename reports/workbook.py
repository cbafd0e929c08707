"""The report's figures as an .xlsx workbook: one sheet per section, and the appendix.

Every string is written as a string cell, whatever it begins with: a union name or a text
starting with ``=`` never becomes a formula in the official's spreadsheet.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from reports.document import Document, DocumentSection

BOLD = Font(bold=True)
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def cell(sheet, row: int, column: int, value, *, bold: bool = False):
    target = sheet.cell(row=row, column=column)
    target.value = value
    if isinstance(value, str):
        target.data_type = "s"  # never a formula
    if bold:
        target.font = BOLD
    return target


def _row(sheet, row: int, values, *, bold: bool = False) -> int:
    for column, value in enumerate(values, start=1):
        cell(sheet, row, column, _plain(value), bold=bold)
    return row + 1


def _plain(value):
    """Numbers stay numbers (Decimal money too); anything else (lazy text) becomes str."""
    if value is None or isinstance(value, int | float | Decimal):
        return value
    return str(value)


def sheet_title(number: str, title: str, used: set[str]) -> str:
    """Excel allows 31 characters without []:*?/\\ and unique names."""
    name = SHEET_NAME_FORBIDDEN.sub("", f"{number} {title}")[:31]
    candidate, suffix = name, 2
    while candidate in used:
        candidate = f"{name[:28]}({suffix})"
        suffix += 1
    used.add(candidate)
    return candidate


def _section_sheet(sheet, section: DocumentSection) -> None:
    row = _row(sheet, 1, [f"{section.number}、{section.title}"], bold=True)
    if section.empty:
        _row(sheet, row + 1, [section.text])
        return
    row = _row(sheet, row + 1, [_("Figure"), _("This period"), _("Previous period"),
                                _("Change (%)")], bold=True)
    for headline in section.headlines:
        row = _row(sheet, row, [headline.figure.label, headline.figure.value,
                                headline.previous, headline.rate])
    for table in section.tables:
        row = _row(sheet, row + 1, [table.title], bold=True)
        row = _row(sheet, row, list(table.columns), bold=True)
        for values in table.rows:
            row = _row(sheet, row, list(values))


def workbook(document: Document) -> bytes:
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for section in document.sections:
        _section_sheet(book.create_sheet(sheet_title(section.number, section.title, used)),
                       section)
    if document.appendix_rows:
        sheet = book.create_sheet(sheet_title("", _("Appendix"), used))
        row = _row(sheet, 1, list(document.appendix_columns), bold=True)
        for values in document.appendix_rows:
            row = _row(sheet, row, list(values))
    book.properties.title, book.properties.creator = document.title, document.author
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
