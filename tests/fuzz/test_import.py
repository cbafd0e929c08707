"""The member import under hostile files: a refusal with a message, per-row problems, or
every row imported — never an exception, never some rows of a file.

Workbooks are written with openpyxl from the import template: near-valid rows with hostile
cells (huge and non-finite numbers, formulas, dates as text and out of any calendar, mixed
scripts, cells far longer than a column, values of the wrong type), shuffled and missing
headers, extra sheets. Control characters, which openpyxl refuses to write, are put into
the sheet's XML afterwards. Files that are not workbooks at all: random bytes, a zip
signature before junk, valid workbooks cut short or with bytes flipped, a zip bomb.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from members import excel
from members.excel import FileRefused
from members.imports import import_confirm, import_receive, ready
from members.models import ImportStatus, Member, MemberImport
from tests.fuzz import hostile
from tests.fuzz.conftest import examples
from tests.fuzz.harness import assert_storable, new_rows, row_counts
from tests.members.test_import import HEADERS, person

CONTROL_MARK = "CTRLMARK"
XML_CONTROLS = [b"&#1;", b"&#0;", b"\x01", b"\x00", b"\x1b", b"_x0000_", b"_x0001_",
                b"&#xFFFE;", b"\xff\xfe", b"\xed\xa0\x80"]


def _legal(text: str) -> str:
    """Text openpyxl can write (it refuses XML's illegal characters)."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


CELLS = st.one_of(
    st.none(),
    hostile.hostile_text(60).map(_legal),
    st.sampled_from(["=1+1", "=HYPERLINK(\"http://x\",\"y\")", "+A1", "-1", "@SUM(A1)",
                     "=" + "A" * 300, f"{CONTROL_MARK}", f"王{CONTROL_MARK}芳"]),
    st.integers(), st.integers(-10**20, 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False, places=3),
    st.dates(), st.datetimes(), st.times(), st.booleans(),
    st.sampled_from(hostile.DATE_SPECIMENS + ["19900307", "1990年3月7日", "3/7/1990"]),
    st.builds(lambda n: "张" * n, st.sampled_from([51, 32_767, 40_000])),
)


@st.composite
def rows(draw, union):
    """Near-valid rows: a valid person with up to three cells replaced."""
    made = []
    for _ in range(draw(st.integers(0, 4))):
        row = person(union, male=draw(st.booleans()))
        for header in draw(st.sets(st.sampled_from(HEADERS), max_size=3)):
            row[header] = draw(CELLS)
        made.append(row)
    return made


@st.composite
def workbooks(draw, union) -> bytes:
    """The template (headers kept, dropped, doubled or moved down) with hostile rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = draw(st.sampled_from([excel.DATA_SHEET, "Sheet1", "会员信息 "]))
    headers = list(HEADERS)
    if draw(st.booleans()):
        headers = draw(st.permutations(headers))
    if draw(st.booleans()):
        for gone in draw(st.sets(st.sampled_from(HEADERS), max_size=2)):
            headers[headers.index(gone)] = None
    top = draw(st.integers(1, 12))
    for index, header in enumerate(headers, 1):
        sheet.cell(row=top, column=index, value=header)
    for number, row in enumerate(draw(rows(union)), top + 1):
        for index, header in enumerate(headers, 1):
            value = row.get(header) if header else draw(CELLS)
            if value is not None:  # a text beginning with = becomes a formula
                sheet.cell(row=number, column=index, value=value)
    if draw(st.booleans()):
        book.create_sheet("其他")["A1"] = draw(st.sampled_from(["=1", "说明", 3]))
    buffer = io.BytesIO()
    book.save(buffer)
    return _with_controls(buffer.getvalue(), draw(st.sampled_from(XML_CONTROLS)))


def _with_controls(content: bytes, control: bytes) -> bytes:
    """Put a control character (or its escapes) where the mark was written."""
    if CONTROL_MARK.encode() not in content:
        return content
    source, out = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item).replace(CONTROL_MARK.encode(), control))
    return out.getvalue()


def mutated(content: bytes) -> st.SearchStrategy[bytes]:
    """A valid workbook cut short, or with some bytes overwritten."""
    cut = st.integers(0, len(content)).map(lambda n: content[:n])
    flipped = st.lists(st.tuples(st.integers(0, len(content) - 1), st.integers(0, 255)),
                       min_size=1, max_size=8).map(lambda edits: _patched(content, edits))
    return st.one_of(cut, flipped)


def _patched(content: bytes, edits) -> bytes:
    data = bytearray(content)
    for position, value in edits:
        data[position] = value
    return bytes(data)


def junk() -> st.SearchStrategy[bytes]:
    return st.one_of(st.binary(max_size=2_000), st.binary(max_size=500).map(
        lambda b: excel.ZIP_SIGNATURE + b), st.sampled_from([
            b"", b"PK", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512,  # an old .xls
            "姓名,性别\n王芳,女\n".encode("gb18030"), b"<?xml version='1.0'?><x/>",
            _zip({"[Content_Types].xml": b"<Types/>"}), _zip({"a.txt": b"x"}),
            _zip({"[Content_Types].xml": b"<Types><Override ContentType='" +
                  excel.XLSX_WORKBOOK.encode() + b"'/></Types>"}),
        ]))


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


# --- The parser alone ----------------------------------------------------------------------

class Upload(io.BytesIO):
    """What check_upload needs of an uploaded file: a size and a seekable body."""

    @property
    def size(self) -> int:
        return len(self.getvalue())


def parse(content: bytes, union, actor):
    """Refusal, or the checked rows; nothing else may come out."""
    try:
        excel.check_upload(Upload(content))
        raw_rows = excel.read_rows(io.BytesIO(content), limit=excel.max_rows())
    except FileRefused as refused:
        assert refused.messages and refused.messages[0].strip(), refused.code
        return None
    result = excel.check_rows(raw_rows, root=union, actor=actor)
    for error in result.errors:
        assert error.message.strip() and error.row >= 1, error
        assert "\x00" not in error.value + error.message
    return result


def _template(union) -> bytes:
    buffer = io.BytesIO()
    book = openpyxl.load_workbook(io.BytesIO(excel.template_workbook([union])))
    sheet = book[excel.DATA_SHEET]
    for index, header in enumerate(HEADERS, 1):
        sheet.cell(row=2, column=index, value=person(union)[header])
    book.save(buffer)
    return buffer.getvalue()


def test_the_parser_refuses_or_reads_any_file(campaign):
    union, actor = campaign.union_a, campaign.cadre_a
    valid = _template(union)

    @settings(max_examples=examples(4))
    @given(content=st.one_of(workbooks(union), mutated(valid), junk()))
    def hostile_file(content):
        parse(content, union, actor)

    hostile_file()


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/sharedStrings.xml", b"\x00" * (excel.MAX_PART + 1))
    with pytest.raises(FileRefused) as refused:
        excel.check_upload(Upload(out.getvalue()))
    assert refused.value.code == "zip_bomb"


# --- Receiving and confirming: all rows or none --------------------------------------------

def receive_and_confirm(content: bytes, union, actor) -> None:
    """Through the services, in a savepoint rolled back after."""
    with transaction.atomic():
        try:
            _all_or_nothing(content, union, actor)
        finally:
            transaction.set_rollback(True)


def _all_or_nothing(content: bytes, union, actor) -> None:
    before, members = row_counts(), Member.objects.count()
    try:
        member_import = import_receive(upload=SimpleUploadedFile("会员.xlsx", content),
                                       organisation=union, actor=actor, language="zh-hans")
    except FileRefused as refused:
        assert refused.messages[0].strip()
        assert Member.objects.count() == members
        return
    if ready(member_import):
        member_import = import_confirm(member_import=member_import, actor=actor,
                                       language="zh-hans")
    member_import.refresh_from_db()
    added = Member.objects.count() - members
    if member_import.status == ImportStatus.IMPORTED:
        assert added == member_import.row_count == member_import.imported_count
    else:
        assert added == 0, f"{added} members written by a {member_import.status} import"
        assert member_import.error_count or member_import.message
    for row in new_rows(before, row_counts()):
        assert_storable(row)


def test_an_import_writes_every_row_or_none(campaign):
    union, actor = campaign.union_a, campaign.cadre_a

    @settings(max_examples=examples(1.5))
    @given(content=st.one_of(workbooks(union), mutated(_template(union)), junk()))
    def hostile_import(content):
        receive_and_confirm(content, union, actor)

    hostile_import()


def test_the_upload_page_answers_any_file_with_a_message(campaign, client):
    """The page redisplays the form with the refusal (a refused file is recorded as such,
    without its file), or goes to the preview; Django itself answers 400 to a multipart
    header it will not read (a file name of kilobytes)."""
    client.force_login(campaign.cadre_a)
    url = reverse("members:import_upload")
    names = hostile.file_names(300)

    @settings(max_examples=examples(0.5))
    @given(content=st.one_of(workbooks(campaign.union_a), junk()), name=names)
    def hostile_upload(content, name):
        with transaction.atomic():
            try:
                members = Member.objects.count()
                response = client.post(url, {"file": SimpleUploadedFile(name, content)})
                assert response.status_code in (200, 302, 400), response.status_code
                assert Member.objects.count() == members
                if response.status_code != 302:
                    assert not MemberImport.objects.exclude(status=ImportStatus.REFUSED,
                                                            file="").exists()
                for made in MemberImport.objects.all():
                    assert_storable(made)
            finally:
                transaction.set_rollback(True)

    hostile_upload()


def test_cells_of_every_type_are_read_or_refused_by_column():
    """Each column's reader answers any cell openpyxl can hand it with a value or its own
    message (``CellError``), nothing else."""
    unions = excel.Unions.__new__(excel.Unions)
    unions.by_name, unions.by_code = {}, {}

    @settings(max_examples=examples(8))
    @given(column=st.sampled_from(excel.COLUMNS), cell=st.one_of(
        CELLS, st.decimals(allow_nan=True, allow_infinity=True),
        st.datetimes(dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31)),
        st.just(Decimal("1e400"))))
    def hostile_cell(column, cell):
        try:
            excel.clean_cell(column, cell, unions)
        except excel.CellError as error:
            assert error.message.strip() and error.code

    hostile_cell()
