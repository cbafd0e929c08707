"""Members in Excel: the import template, reading an upload safely, checking its rows, and
writing the register out.

The template's headers and drop-down values are Chinese by design: they are the data format
cadres fill in. Everything a person reads about a problem is a translated message.

An upload is hostile until proven otherwise: its zip directory is checked (signature,
declared content type, uncompressed sizes) before openpyxl sees it; openpyxl then reads it
in read-only mode, through defusedxml, and formulas are refused, never evaluated. The row
rules are not written here: every row goes through ``members.services.member_check``, so the
form, the admin and the import refuse the same mistakes with the same words. Only the
one-active-membership rule is checked differently: for the whole file in one query.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import logging
import re
import warnings
import zipfile
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from functools import cache

import openpyxl
from defusedxml import ElementTree as SafeElementTree
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet.datavalidation import DataValidation

from members import identity
from members.choices import (
    DocumentType,
    Education,
    EmploymentForm,
    Ethnicity,
    Gender,
    MemberStatus,
    ModelWorkerLevel,
)
from members.models import Member
from members.personal_data import mask_id
from members.services import member_check
from organisations.models import Organisation, Role

log = logging.getLogger(__name__)

DATA_SHEET = "会员信息"
GUIDE_SHEET = "填写说明"
OPTIONS_SHEET = "选项"
XLSX_WORKBOOK = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
ZIP_SIGNATURE = b"PK\x03\x04"
MAX_UNZIPPED = 100 * 1024 * 1024  # a 20,000-row member list unpacks to about 20 MB
MAX_PART = 20 * 1024 * 1024  # a part openpyxl holds in memory whole (shared strings, styles)
MAX_ZIP_ENTRIES = 1000
MAX_COLUMNS = 40  # cells further right are not read
HEADER_ROWS = 10  # the header row may sit below a title, within the first rows
BLANK_ROWS = 1000  # formatted but empty rows tolerated below the data
SHOWN_FORMULAS = 10
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def max_bytes() -> int:
    return settings.MEMBER_IMPORT_MAX_BYTES


def max_rows() -> int:
    return settings.MEMBER_IMPORT_MAX_ROWS


# --- Columns -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    key: str  # a Member field, or "document_number" / "organisation"
    header: str  # the Chinese header of the template (a data format, not translated)
    kind: str  # text, id, digits, date, choice, union
    required: bool
    note: str
    choices: type[models.TextChoices] | None = None
    default: object = ""
    width: int = 14


PICK = gettext_lazy("Choose from the list.")
DATE_NOTE = gettext_lazy("A date such as 1990-03-07 (1990/3/7 and 19900307 are accepted too).")
COLUMNS = (
    Column("name", "姓名", "text", True, gettext_lazy("As on the identity document."),
           width=12),
    Column("gender", "性别", "choice", True, PICK, Gender, width=8),
    Column("document_type", "证件类型", "choice", False,
           gettext_lazy("Choose from the list; left empty, it is a resident ID card."),
           DocumentType, default=DocumentType.RESIDENT_ID, width=16),
    Column("document_number", "证件号码", "id", True,
           gettext_lazy("Typed as text (the column is formatted so). A resident ID number "
                        "has 18 characters; its check digit, birth date and gender are "
                        "verified."), width=22),
    Column("birth_date", "出生日期", "date", True, DATE_NOTE, width=12),
    Column("ethnicity", "民族", "choice", True, PICK, Ethnicity, width=10),
    Column("phone", "手机号码", "digits", False,
           gettext_lazy("11 digits beginning with 1."), width=14),
    Column("education", "学历", "choice", False, PICK, Education, width=16),
    Column("employment_form", "用工形式", "choice", True, PICK, EmploymentForm, width=18),
    Column("join_date", "入会日期", "date", True, DATE_NOTE, width=12),
    Column("model_worker_level", "劳模级别", "choice", False, PICK, ModelWorkerLevel,
           width=16),
    Column("organisation", "所属工会", "union", True,
           gettext_lazy("The full name or the unified social credit code of a union within "
                        "your scope (choose from the list)."), width=30),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
HEADER_ALIASES = {"身份证号码": "document_number", "身份证号": "document_number",
                  "工会名称": "organisation", "手机": "phone"}


@cache
def labels(choices: type[models.TextChoices]) -> dict[str, str]:
    """Value -> Simplified Chinese label: the drop-down values of the template."""
    with translation.override("zh-hans"):
        return {value: str(label) for value, label in choices.choices}


@cache
def _choice_lookup(choices: type[models.TextChoices]) -> dict[str, str]:
    """Folded text -> value: the Chinese labels, the Traditional and English ones, the codes,
    and an ethnicity without its final 族."""
    lookup = {}
    for language in ("en", "zh-hant", "zh-hans"):
        with translation.override(language):
            for value, label in choices.choices:
                lookup[_fold(str(label))] = value
                lookup[_fold(str(label)).removesuffix("族")] = value
    lookup.update({_fold(value): value for value in choices.values})
    return lookup


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


# --- The template ------------------------------------------------------------------------

HEADER_FILL = PatternFill("solid", fgColor="F8D7DA")


def template_workbook(organisations: Iterable[Organisation]) -> bytes:
    """The import template: the data sheet with drop-downs, the guide, the hidden options."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = DATA_SHEET
    _write_headers(sheet)
    _write_guide(workbook.create_sheet(GUIDE_SHEET))
    options = workbook.create_sheet(OPTIONS_SHEET)
    options.sheet_state = "hidden"
    _add_drop_downs(sheet, options, [org.name for org in organisations])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_headers(sheet) -> None:
    """Headers in row 1; dates and ID numbers get their format on the whole column, so what
    a cadre types there becomes a real date, and an ID number stays text."""
    for index, column in enumerate(COLUMNS, 1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = Font(bold=True, color="B02A37" if column.required else "000000")
        cell.fill = HEADER_FILL
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = column.width
        if column.kind == "date":
            dimension.number_format = "yyyy-mm-dd"
        elif column.kind in ("id", "digits"):
            dimension.number_format = "@"
    sheet.freeze_panes = "A2"


def _add_drop_downs(sheet, options, union_names: list[str]) -> None:
    """A list validation per choice column, its values on the hidden options sheet (an
    inline list is limited to 255 characters: the 58 ethnicities do not fit)."""
    last_row = max_rows() + 1
    option_column = 0
    for index, column in enumerate(COLUMNS, 1):
        if column.kind == "choice":
            values = list(labels(column.choices).values())
        elif column.kind == "union":
            values = union_names
        else:
            continue
        if not values:
            continue
        option_column += 1
        letter = get_column_letter(option_column)
        for row, value in enumerate(values, 1):
            _text_cell(options.cell(row=row, column=option_column), value)
        validation = DataValidation(
            type="list", formula1=f"'{OPTIONS_SHEET}'!${letter}$1:${letter}${len(values)}",
            allow_blank=True, showErrorMessage=True, errorTitle=column.header,
            error=_("Choose a value from the drop-down list."))
        validation.add(f"{get_column_letter(index)}2:{get_column_letter(index)}{last_row}")
        sheet.add_data_validation(validation)


def _write_guide(sheet) -> None:
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 10
    sheet.column_dimensions["C"].width = 90
    notes = [
        _("Fill in one member per row of the sheet “%(sheet)s”, from row 2 on; keep the "
          "first row as it is.") % {"sheet": DATA_SHEET},
        _("Do not use formulas: a file with formulas is refused."),
        _("At most %(rows)s members and %(mb)s MB per file.")
        % {"rows": max_rows(), "mb": max_bytes() // (1024 * 1024)},
        _("Every member is imported as on the register. If any row has a problem, nothing "
          "is imported: the preview lists every problem by row and column."),
    ]
    for row, note in enumerate(notes, 1):
        sheet.cell(row=row, column=1, value=note)
    header_row = len(notes) + 2
    for index, title in enumerate((_("column"), _("required"), _("how to fill it in")), 1):
        sheet.cell(row=header_row, column=index, value=title).font = Font(bold=True)
    for row, column in enumerate(COLUMNS, header_row + 1):
        sheet.cell(row=row, column=1, value=column.header)
        sheet.cell(row=row, column=2, value=_("yes") if column.required else _("no"))
        sheet.cell(row=row, column=3, value=str(column.note))


def _text_cell(cell, value: str):
    """A string cell, whatever it begins with (``=`` would otherwise make a formula)."""
    cell.value = value
    cell.data_type = "s"
    return cell


# --- The file as a whole -----------------------------------------------------------------

class FileRefused(ValidationError):
    """The whole file is refused, not a row of it; the message says why in plain words."""


def _refuse(code: str, message: str) -> FileRefused:
    return FileRefused(message, code=code)


def not_xlsx() -> FileRefused:
    return _refuse("not_xlsx", _(
        "This file is not an Excel workbook (.xlsx). Save it in Excel or WPS as “Excel "
        "workbook (*.xlsx)”, without a password, and upload it again."))


def too_large(size: int) -> FileRefused:
    return _refuse("too_large", _(
        "The file is %(size).1f MB; the limit is %(limit).1f MB. Split it into several files.")
        % {"size": size / 1024 / 1024, "limit": max_bytes() / 1024 / 1024})


def check_upload(upload) -> None:
    """Refuse what is not a plausible xlsx before any XML of it is parsed.

    The name of the file proves nothing: the content must be a zip whose
    ``[Content_Types].xml`` declares a spreadsheetml workbook, and whose declared unpacked
    sizes stay small (a zip bomb unpacks a few kilobytes into gigabytes). The declared sizes
    can be trusted: zipfile never inflates an entry beyond its declared size. Worksheets are
    streamed; the parts openpyxl reads whole (shared strings, styles) are capped one by one.
    """
    if upload.size > max_bytes():
        raise too_large(upload.size)
    upload.seek(0)
    if upload.read(4) != ZIP_SIGNATURE:
        raise not_xlsx()
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            _check_archive(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError,
            SafeElementTree.ParseError, zlib.error,  # a damaged entry
            NotImplementedError,  # a compression method or zip version it cannot read
            RuntimeError):  # an encrypted entry
        raise not_xlsx() from None
    finally:
        upload.seek(0)


def _check_archive(archive: zipfile.ZipFile) -> None:
    entries = archive.infolist()
    held_whole = [e for e in entries if not e.filename.startswith("xl/worksheets/")]
    if (len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > MAX_UNZIPPED
            or any(e.file_size > MAX_PART for e in held_whole)):
        raise _refuse("zip_bomb", _(
            "The file unpacks to more than %(limit)s MB, far more than a member list needs: "
            "it is refused.") % {"limit": MAX_UNZIPPED // (1024 * 1024)})
    try:
        types = SafeElementTree.fromstring(archive.read("[Content_Types].xml"))
    except KeyError:
        raise not_xlsx() from None
    declared = {element.get("ContentType") for element in types.iter()}
    if XLSX_WORKBOOK not in declared:
        raise not_xlsx()


# --- Reading rows ------------------------------------------------------------------------

@dataclass(frozen=True)
class RawRow:
    number: int  # the row number in the sheet, as the spreadsheet shows it
    values: dict  # column key -> cell value as openpyxl reads it


def read_rows(source, *, limit: int) -> list[RawRow]:
    """The member rows of the data sheet (blank rows skipped), at most ``limit`` of them.

    Refuses the file (``FileRefused``) with more rows than ``limit`` (code
    ``too_many_rows``), with a formula in any sheet, without the required columns, or empty.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Data Validation extension is not supported"...
        try:
            workbook = openpyxl.load_workbook(source, read_only=True, data_only=False,
                                              keep_links=False)
        except Exception:  # whatever openpyxl cannot open is not a workbook to us
            log.info("unreadable member import", exc_info=True)
            raise not_xlsx() from None
        try:
            return _read_workbook(workbook, limit)
        except FileRefused:
            raise
        except Exception:  # a broken part inside the zip
            log.info("unreadable member import sheet", exc_info=True)
            raise not_xlsx() from None
        finally:
            workbook.close()


def _read_workbook(workbook, limit: int) -> list[RawRow]:
    sheets = workbook.worksheets
    if not sheets:
        raise not_xlsx()
    data = workbook[DATA_SHEET] if DATA_SHEET in workbook.sheetnames else sheets[0]
    formulas: list[str] = []
    rows = _read_data_sheet(data, limit, formulas)
    scanned = limit + HEADER_ROWS + BLANK_ROWS
    for sheet in sheets:
        if sheet is not data:  # formulas are refused in every sheet, not only the data
            for _row in itertools.islice(_iter_cells(sheet, limit, formulas), scanned):
                pass
    if formulas:
        raise _formulas_refused(formulas)
    if not rows:
        raise _refuse("empty", _("The file contains no member rows."))
    return rows


def _iter_cells(sheet, limit: int, formulas: list[str]):
    """Rows of cells, at most ``limit`` plus some slack, noting formula cells.

    The sheet's declared dimension is ignored (a crafted file could claim a million rows):
    rows end where the XML ends, and columns after ``MAX_COLUMNS`` are not read.
    """
    sheet.reset_dimensions()
    for number, cells in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), 1):
        if number > limit + HEADER_ROWS + BLANK_ROWS:
            raise _too_many_rows(limit, formulas)
        for cell in cells:
            if cell.data_type == "f":
                formulas.append(f"{sheet.title}!{cell.coordinate}")
        yield number, cells


def _read_data_sheet(sheet, limit: int, formulas: list[str]) -> list[RawRow]:
    headers, rows = None, []
    for number, cells in _iter_cells(sheet, limit, formulas):
        values = [cell.value for cell in cells]
        if headers is None:
            headers = _header_map(values, number)
            continue
        if all(_blank(value) for value in values):
            continue
        if len(rows) == limit:
            raise _too_many_rows(limit, formulas)
        rows.append(RawRow(number, {key: values[i] for key, i in headers.items()}))
    if headers is None:
        _header_map([], HEADER_ROWS)  # raises: no column names anywhere
    return rows


def _header_map(values: list, number: int) -> dict[str, int] | None:
    """Column key -> index, from the first row that names the columns; None before it."""
    found = {}
    for index, value in enumerate(values):
        text = re.sub(r"[\s*＊]", "", str(value)) if value is not None else ""
        key = HEADER_ALIASES.get(text) or next(
            (c.key for c in COLUMNS if c.header == text), None)
        if key and key not in found:
            found[key] = index
    missing = [c.header for c in COLUMNS if c.required and c.key not in found]
    if len(found) >= 2 and not missing:
        return found
    if number < HEADER_ROWS and len(found) < 2:
        return None
    raise _refuse("missing_columns", _(
        "The sheet has no column %(columns)s. Use the import template: its first row holds "
        "the column names.") % {"columns": "、".join(missing)})


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _too_many_rows(limit: int, formulas: list[str]) -> FileRefused:
    if formulas:
        return _formulas_refused(formulas)
    return _refuse("too_many_rows", _(
        "The file has more than %(limit)s rows of members; import at most %(limit)s at a "
        "time.") % {"limit": limit})


def _formulas_refused(formulas: list[str]) -> FileRefused:
    shown = "、".join(formulas[:SHOWN_FORMULAS])
    if len(formulas) > SHOWN_FORMULAS:
        shown = _("%(cells)s and %(n)s more") % {"cells": shown,
                                                 "n": len(formulas) - SHOWN_FORMULAS}
    return _refuse("formulas", _(
        "The file contains formulas, in %(cells)s. Replace them by their values (copy, then "
        "paste as values) and upload the file again.") % {"cells": shown})


# --- Cells -------------------------------------------------------------------------------

class CellError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


DATE_TEXT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                       r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
DATE_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
EXCEL_SERIALS = (1, 2_958_466)  # 1900-01-01 ... 9999-12-31


def _text(raw) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat(" ")
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return str(raw).strip()


def clean_document_number(raw) -> str:
    """The number as text. A number cell is exact only below 10^15: a spreadsheet keeps 15
    significant digits, so an 18-digit ID typed into a number cell has lost its last ones."""
    if isinstance(raw, float) and (not raw.is_integer() or abs(raw) >= 1e15):
        raise CellError("id_lost_digits", _(
            "The document number was stored as a number and its last digits are lost: format "
            "the column as text and type the number again."))
    return identity.normalise(_text(raw))


def clean_date(raw) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if float(raw).is_integer() and 10_000_000 <= raw <= 99_999_999:
            raw = str(int(raw))
        elif EXCEL_SERIALS[0] <= raw < EXCEL_SERIALS[1]:
            return from_excel(raw).date()
    text = _text(raw)
    match = DATE_TEXT.fullmatch(text) or DATE_COMPACT.fullmatch(text)
    try:
        if match:
            return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        pass
    raise CellError("date_format", _(
        "“%(value)s” is not a date: write it as 1990-03-07.") % {"value": text[:40]})


def clean_choice(column: Column, raw) -> str:
    text = _text(raw)
    value = _choice_lookup(column.choices).get(_fold(text))
    if value is None:
        raise CellError("unknown_choice", _(
            "“%(value)s” is not one of the choices of %(column)s: pick one from the drop-down "
            "list.") % {"value": text[:40], "column": column.header})
    return value


def clean_phone(raw) -> str:
    return re.sub(r"[\s-]", "", _text(raw))


class Unions:
    """The unions a file's rows may name: the uploader's subtree, by name or credit code."""

    def __init__(self, root: Organisation):
        self.by_name: dict[str, list[Organisation]] = defaultdict(list)
        self.by_code: dict[str, Organisation] = {}
        for union in Organisation.objects.subtree(root).only("pk", "name", "credit_code",
                                                             "path"):
            self.by_name[union.name].append(union)
            if union.credit_code:
                self.by_code[union.credit_code] = union

    def find(self, raw) -> Organisation:
        text = re.sub(r"\s+", "", _text(raw))
        union = self.by_code.get(text.upper())
        if union is not None:
            return union
        found = self.by_name.get(text, [])
        if len(found) > 1:
            raise CellError("union_ambiguous", _(
                "Several unions in your scope are named “%(name)s”: give its unified social "
                "credit code instead.") % {"name": text[:60]})
        if not found:
            raise CellError("union_unknown", _(
                "“%(name)s” is not a union within your scope: choose one from the drop-down "
                "list.") % {"name": text[:60]})
        return found[0]


def clean_cell(column: Column, raw, unions: Unions):
    """The value to store, or CellError in the column's own words."""
    if _blank(raw):
        if column.required:
            raise CellError("required", _("Fill in %(column)s.") % {"column": column.header})
        return column.default
    if column.kind == "id":
        return clean_document_number(raw)
    if column.kind == "date":
        return clean_date(raw)
    if column.kind == "choice":
        return clean_choice(column, raw)
    if column.kind == "union":
        return unions.find(raw)
    if column.kind == "digits":
        return clean_phone(raw)
    return _text(raw)


def shown_value(column: Column | None, raw) -> str:
    """The cell as the preview shows it: an ID number masked, anything long cut."""
    text = _text(raw)[:60]
    if column is not None and column.kind == "id" and len(text) >= 8:
        return mask_id(text)
    return text


# --- Rows --------------------------------------------------------------------------------

@dataclass(frozen=True)
class RowError:
    row: int
    column: str  # the Chinese header; "" for the row as a whole
    code: str
    message: str
    value: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class CheckResult:
    row_count: int
    members: list[Member]  # one per row, in file order; written only if there is no error
    errors: list[RowError]

    @property
    def unions(self) -> dict[str, int]:
        return dict(Counter(m.organisation.name for m in self.members
                            if m.organisation_id is not None))


def check_row(raw: RawRow, unions: Unions, actor) -> tuple[Member, list[RowError]]:
    """One row through the cells' parsing, then the register's own rules."""
    values, errors = {}, []
    for column in COLUMNS:
        cell = raw.values.get(column.key)
        try:
            values[column.key] = clean_cell(column, cell, unions)
        except CellError as error:
            errors.append(RowError(raw.number, column.header, error.code, error.message,
                                   shown_value(column, cell)))
    member = Member(status=MemberStatus.ACTIVE, **{
        key: value for key, value in values.items()
        if key not in ("document_number", "organisation")})
    number = values.get("document_number") or None
    if number:
        member.set_document_number(number)
    try:
        # Checked without its union: the union was just found in the uploader's subtree,
        # and full_clean would look the foreign key up again, one query per row (half the
        # time of a large file). Its only error then is "union missing", dropped below.
        member_check(member, number, actor, check_duplicates=False)
    except ValidationError as error:
        failed = {e.column for e in errors}
        errors.extend(e for e in _rule_errors(raw, error) if e.column not in failed)
    member.organisation = values.get("organisation")
    return member, errors


def _rule_errors(raw: RawRow, error: ValidationError) -> Iterable[RowError]:
    for field, field_errors in error.error_dict.items():
        if field == "organisation":
            continue
        column = COLUMN_BY_KEY.get(field)
        header = column.header if column else ""
        for item in field_errors:
            yield RowError(raw.number, header, item.code or "invalid", " ".join(item.messages),
                           shown_value(column, raw.values.get(field)) if column else "")


def check_rows(rows: list[RawRow], *, root: Organisation, actor,
               progress: Callable[[float], None] | None = None) -> CheckResult:
    """Every row's problems, then the file's: duplicates within it and active members."""
    unions = Unions(root)
    members, errors = [], []
    for index, raw in enumerate(rows, 1):
        member, row_errors = check_row(raw, unions, actor)
        members.append(member)
        errors.extend(row_errors)
        if progress is not None and index % 500 == 0:
            progress(index / len(rows))
    numbers = [raw.number for raw in rows]
    errors.extend(_duplicates_in_file(numbers, members))
    errors.extend(_active_elsewhere(numbers, members, actor))
    order = {column.header: i for i, column in enumerate(COLUMNS)}
    errors.sort(key=lambda e: (e.row, order.get(e.column, -1)))
    return CheckResult(row_count=len(rows), members=members, errors=errors)


def _duplicates_in_file(numbers: list[int], members: list[Member]) -> Iterable[RowError]:
    by_hash = defaultdict(list)
    for number, member in zip(numbers, members, strict=True):
        if member.id_hash:
            by_hash[member.id_hash].append(number)
    header = COLUMN_BY_KEY["document_number"].header
    for rows in by_hash.values():
        if len(rows) < 2:
            continue
        for row in rows:
            others = [str(r) for r in rows if r != row]
            shown = "、".join(others[:5]) + ("…" if len(others) > 5 else "")
            yield RowError(row, header, "duplicate_in_file", _(
                "The same document number is also in row %(rows)s of this file: one person, "
                "one row.") % {"rows": shown})


def _active_elsewhere(numbers: list[int], members: list[Member], actor) -> Iterable[RowError]:
    """One query for the whole file; the other union is named only if the actor sees it."""
    hashes = {member.id_hash for member in members if member.id_hash}
    if not hashes:
        return
    existing = {
        id_hash: (name, path) for id_hash, name, path in Member.objects.active()
        .filter(id_hash__in=hashes).values_list("id_hash", "organisation__name",
                                                "organisation__path")
    }
    visible = [role.organisation.path for role in Role.objects.of_user(actor)]
    header = COLUMN_BY_KEY["document_number"].header
    for number, member in zip(numbers, members, strict=True):
        if member.id_hash in existing:
            name, path = existing[member.id_hash]
            sees = actor.is_superuser or any(path.startswith(v) for v in visible)
            where = name if sees else _("another union")
            yield RowError(number, header, "member_duplicate", _(
                "This person is already an active member of %(where)s: one person has one "
                "active membership. Ask that union to transfer the member instead.")
                % {"where": where})


# --- Writing the register out ------------------------------------------------------------

EXPORT_HEADERS = [column.header for column in COLUMNS] + ["状态", "状态日期"]


def safe_text(value: str) -> str:
    """Text a spreadsheet would run as a formula (= + - @, tab, CR first) gets a leading
    apostrophe, so it is shown, never evaluated, even after a round trip through CSV."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _export_cell(sheet, value):
    if isinstance(value, str):
        return _text_cell(WriteOnlyCell(sheet), safe_text(value))
    return value


def _export_values(member: Member, unmasked: bool) -> list:
    number = member.document_number
    return [
        member.name, labels(Gender).get(member.gender, member.gender),
        labels(DocumentType).get(member.document_type, ""),
        number if unmasked else mask_id(number), member.birth_date,
        labels(Ethnicity).get(member.ethnicity, ""),
        member.phone if unmasked else member.masked_phone,
        labels(Education).get(member.education, ""),
        labels(EmploymentForm).get(member.employment_form, ""), member.join_date,
        labels(ModelWorkerLevel).get(member.model_worker_level, ""),
        member.organisation.name, labels(MemberStatus).get(member.status, ""),
        member.status_date,
    ]


def export_workbook(members: Iterable[Member], *, unmasked: bool, total: int = 0,
                    progress: Callable[[float], None] | None = None) -> tuple[bytes, int]:
    """The members as an .xlsx streamed row by row (write-only: memory stays flat whatever
    the count); ID numbers and phones masked unless ``unmasked``. Returns (content, rows)."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(DATA_SHEET)
    for index, column in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.append([_export_cell(sheet, header) for header in EXPORT_HEADERS])
    count = 0
    for member in members:
        sheet.append([_export_cell(sheet, v) for v in _export_values(member, unmasked)])
        count += 1
        if progress is not None and total and count % 1000 == 0:
            progress(count / total)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), count


def report_workbook(*, title: str, summary: list[tuple[str, object]],
                    errors: list[dict]) -> bytes:
    """A check's outcome for download: the summary, then every problem by row and column."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Summary"))
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 60
    sheet.append([_export_cell(sheet, title)])
    for label, value in summary:
        sheet.append([_export_cell(sheet, label), _export_cell(sheet, value)])
    problems = workbook.create_sheet(_("Problems"))
    for letter, width in zip("ABCDE", (8, 12, 90, 24, 20), strict=True):
        problems.column_dimensions[letter].width = width
    problems.append([_export_cell(problems, h) for h in (
        _("row"), _("column"), _("problem"), _("value as filled in"), _("code"))])
    for error in errors:
        problems.append([error["row"], *(_export_cell(problems, error[key]) for key in (
            "column", "message", "value", "code"))])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
