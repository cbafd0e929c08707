"""Files the import refuses as a whole, files from LibreOffice, and how cells are read."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile

import openpyxl
import pytest
from django.urls import reverse

from members import excel
from members.models import ImportStatus, Member, MemberImport
from tests.members.ids import resident_id
from tests.members.test_import import BIRTH, filled, person, upload

needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                       reason="LibreOffice (soffice) not installed")
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


def refusal(client, content: bytes, name: str = "会员.xlsx") -> str:
    """Upload and return the refusal's error code, read from the page's form error."""
    response = upload(client, content, name)
    assert response.status_code in (200, 413), response.status_code
    assert not MemberImport.objects.filter(status=ImportStatus.CHECKED).exists()
    errors = response.context["form"].errors
    return " ".join(str(message) for messages in errors.values() for message in messages)


def refused_code(content: bytes) -> str:
    try:
        excel.check_upload(_Upload(content))
        excel.read_rows(io.BytesIO(content), limit=excel.max_rows())
    except excel.FileRefused as refused:
        return refused.code
    return "accepted"


class _Upload(io.BytesIO):
    """What check_upload needs of an uploaded file: a size and a seekable body."""

    @property
    def size(self) -> int:
        return len(self.getvalue())


def test_a_csv_renamed_xlsx_and_a_png_are_not_workbooks(tree, client):
    client.force_login(tree.cadre_a)
    csv = "姓名,性别,证件号码\n王芳,女,110105199003071234\n".encode()
    for content in (csv, PNG):
        message = refusal(client, content, "会员.xlsx")
        assert message == str(excel.not_xlsx().messages[0])
        assert refused_code(content) == "not_xlsx"
    assert MemberImport.objects.count() == 0


def test_a_zip_that_is_not_a_spreadsheet_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://'
                         'schemas.openxmlformats.org/package/2006/content-types"><Override '
                         'PartName="/word/document.xml" ContentType="application/vnd.openxml'
                         'formats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    assert refused_code(buffer.getvalue()) == "not_xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "no content types")
    assert refused_code(buffer.getvalue()) == "not_xlsx"


def test_an_xml_bomb_in_the_content_types_is_refused():
    bomb = ('<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><Types>&b;</Types>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", bomb)
    assert refused_code(buffer.getvalue()) == "not_xlsx"


def test_a_zip_bomb_is_refused_from_its_directory(tree):
    content = filled([person(tree.union_a)])
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            archive.writestr(item, source.read(item))
        archive.writestr("xl/media/padding.bin", bytes(excel.MAX_UNZIPPED + 1))
    assert len(buffer.getvalue()) < excel.max_bytes()  # small packed, huge unpacked
    assert refused_code(buffer.getvalue()) == "zip_bomb"


def test_huge_shared_strings_are_refused(tree):
    """openpyxl holds the shared strings in memory whole, even in read-only mode."""
    content = filled([person(tree.union_a)])
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            if item.filename != "xl/sharedStrings.xml":
                archive.writestr(item, source.read(item))
        archive.writestr("xl/sharedStrings.xml", b"<sst>" + b"<si><t>a</t></si>" * (
            excel.MAX_PART // 17 + 1) + b"</sst>")
    assert refused_code(buffer.getvalue()) == "zip_bomb"


def test_a_file_over_the_size_limit_is_refused(tree, client, settings):
    settings.MEMBER_IMPORT_MAX_BYTES = 20_000
    content = filled([person(tree.union_a)])
    assert len(content) < 20_000
    assert refused_code(content) == "accepted"
    padded = content + bytes(30_000)  # still a zip (the directory is found from the end)
    assert refused_code(padded) == "too_large"
    client.force_login(tree.cadre_a)
    assert "MB" in refusal(client, padded)
    response = upload(client, content + bytes(200_000))  # refused before the body is read
    assert response.status_code == 413


def test_too_many_rows_are_refused(tree, settings):
    settings.MEMBER_IMPORT_MAX_ROWS = 3
    assert refused_code(filled([person(tree.union_a) for _ in range(3)])) == "accepted"
    assert refused_code(filled([person(tree.union_a) for _ in range(4)])) == "too_many_rows"


def test_formulas_are_refused_and_their_cells_named(tree, client):
    rows = [person(tree.union_a), person(tree.union_a, 姓名="=CONCAT(\"王\",\"芳\")",
                                         手机号码="=1+1")]
    client.force_login(tree.cadre_a)
    message = refusal(client, filled(rows))
    assert "会员信息!A3" in message and "会员信息!G3" in message
    workbook = openpyxl.load_workbook(io.BytesIO(filled([person(tree.union_a)])))
    workbook[excel.GUIDE_SHEET]["E1"] = "=SUM(1,2)"
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert refused_code(buffer.getvalue()) == "formulas"  # in any sheet


def test_a_sheet_without_the_columns_is_refused(tree):
    workbook = openpyxl.Workbook()
    workbook.active.append(["姓名", "性别"])
    workbook.active.append(["王芳", "女"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert refused_code(buffer.getvalue()) == "missing_columns"
    assert refused_code(filled([])) == "empty"


def test_a_title_row_above_the_headers_and_extra_columns_are_fine(tree):
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Sheet1")
    sheet.append(["机械厂工会会员花名册"])
    sheet.append(["序号", *excel.EXPORT_HEADERS[:12], "备注"])
    row = person(tree.union_a)
    sheet.append([1, *[row[c.header] for c in excel.COLUMNS], "无"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows = excel.read_rows(io.BytesIO(buffer.getvalue()), limit=10)
    assert [r.number for r in rows] == [3] and rows[0].values["name"] == "王芳"


# --- LibreOffice ---------------------------------------------------------------------------

def libreoffice(content: bytes, tmp_path, target: str) -> bytes:
    """``content`` (an .xlsx) opened and saved again by LibreOffice in format ``target``."""
    source, out = tmp_path / "in" / "members.xlsx", tmp_path / "out"
    source.parent.mkdir()
    source.write_bytes(content)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--headless", "--convert-to", target, "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=180)
    return next(out.iterdir()).read_bytes()


@needs_libreoffice
def test_a_file_saved_by_libreoffice_is_imported(tree, client, tmp_path):
    rows = [person(tree.union_a, 姓名=f"会员{i}", male=i % 2 == 0) for i in range(6)]
    rows[0]["出生日期"] = "1990/3/7"  # typed as text: accepted as well
    rows[1]["入会日期"] = "20200501"
    saved = libreoffice(filled(rows), tmp_path, "xlsx:Calc MS Excel 2007 XML")
    with zipfile.ZipFile(io.BytesIO(saved)) as archive:
        assert "LibreOffice" in archive.read("docProps/app.xml").decode()
    client.force_login(tree.cadre_a)
    upload(client, saved)
    member_import = MemberImport.objects.get()
    assert member_import.status == ImportStatus.CHECKED, member_import.message
    assert member_import.errors == [] and member_import.row_count == 6
    client.post(reverse("members:import_confirm", args=[member_import.pk]))
    members = {m.name: m for m in Member.objects.all()}
    assert len(members) == 6 and members["会员1"].join_date == dt.date(2020, 5, 1)
    assert {m.birth_date for m in members.values()} == {BIRTH}
    assert members["会员0"].document_number == rows[0]["证件号码"]


# --- Cells ---------------------------------------------------------------------------------

@pytest.mark.parametrize("raw", [
    dt.datetime(1990, 3, 7), dt.date(1990, 3, 7), "1990-03-07", "1990/3/7", "19900307",
    19900307, "1990.3.7", "1990年3月7日", " 1990-3-7 ", "1990-03-07 00:00:00", 32939, 32939.0,
])
def test_dates_are_read_in_the_usual_ways(raw):
    assert excel.clean_date(raw) == dt.date(1990, 3, 7)


@pytest.mark.parametrize("raw", ["1990-02-30", "07/03/1990", "三月", "1990-3", True, -5])
def test_impossible_dates_are_problems(raw):
    with pytest.raises(excel.CellError) as error:
        excel.clean_date(raw)
    assert error.value.code == "date_format"


def test_id_numbers_typed_as_numbers():
    number = resident_id(BIRTH)
    if number.endswith("X"):
        number = resident_id(BIRTH)
    assert excel.clean_document_number(int(number)) == number  # exact in the file
    assert excel.clean_document_number(f" {number[:6]} {number[6:]} ") == number
    assert excel.clean_document_number("11010519900307123x") == "11010519900307123X"
    assert excel.clean_document_number(12345678.0) == "12345678"  # a short permit number
    with pytest.raises(excel.CellError) as error:
        excel.clean_document_number(float(number))  # what Excel keeps of an 18-digit number
    assert error.value.code == "id_lost_digits"


def test_choices_accept_the_labels_of_every_language_and_the_codes():
    column = excel.COLUMN_BY_KEY["ethnicity"]
    han = excel.labels(column.choices)["01"]
    assert excel.clean_choice(column, han) == "01"
    assert excel.clean_choice(column, f" {han} ") == "01"
    assert excel.clean_choice(column, "01") == "01"
    gender = excel.COLUMN_BY_KEY["gender"]
    assert excel.clean_choice(gender, "Female") == "female"
