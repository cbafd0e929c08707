"""Excel import of members: template, check, preview, confirm, the background path.

Files are built from the real template (openpyxl), uploaded through the views, and the
problems asserted by row, column and code.
"""

from __future__ import annotations

import datetime as dt
import io
import os

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobs.models import Job, JobStatus
from members import excel
from members.choices import (
    DocumentType,
    Education,
    EmploymentForm,
    Ethnicity,
    Gender,
    ModelWorkerLevel,
)
from members.imports import import_cleanup, import_receive
from members.models import ImportStatus, Member, MemberImport
from members.services import member_create
from tests.members.ids import resident_id, with_wrong_check_digit

BIRTH = dt.date(1990, 3, 7)
HEADERS = [column.header for column in excel.COLUMNS]


# --- Helpers (also used by the other import/export tests and the access matrix) ---------

def person(union, *, birth=BIRTH, male=False, **overrides) -> dict:
    """A valid row of the template, by header; override any cell (None empties it)."""
    row = {
        "姓名": "王芳", "性别": excel.labels(Gender)["male" if male else "female"],
        "证件类型": excel.labels(DocumentType)["resident_id"],
        "证件号码": resident_id(birth, male=male), "出生日期": birth,
        "民族": excel.labels(Ethnicity)["01"], "手机号码": "13800138000",
        "学历": excel.labels(Education)["bachelor"],
        "用工形式": excel.labels(EmploymentForm)["regular"],
        "入会日期": dt.date(2020, 5, 1), "劳模级别": None, "所属工会": union.name,
    }
    row.update(overrides)
    return row


def filled(rows: list[dict], organisations=()) -> bytes:
    """The template with ``rows`` written from row 2 (a text starting with = is a formula)."""
    workbook = openpyxl.load_workbook(io.BytesIO(excel.template_workbook(organisations)))
    sheet = workbook[excel.DATA_SHEET]
    for number, row in enumerate(rows, 2):
        for index, header in enumerate(HEADERS, 1):
            if row.get(header) is not None:
                sheet.cell(row=number, column=index, value=row[header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, content: bytes, name: str = "会员.xlsx"):
    return client.post(reverse("members:import_upload"),
                       {"file": SimpleUploadedFile(name, content)})


def received(tree, rows, *, actor=None, organisation=None, name="会员.xlsx") -> MemberImport:
    """An import stored and checked through the service (for tests that skip the views)."""
    organisation = organisation or tree.union_a
    return import_receive(upload=SimpleUploadedFile(name, filled(rows)),
                          organisation=organisation, actor=actor or tree.cadre_a,
                          language="zh-hans")


def problems(member_import: MemberImport) -> set[tuple[int, str, str]]:
    member_import.refresh_from_db()
    return {(e["row"], e["column"], e["code"]) for e in member_import.errors}


def latest_import() -> MemberImport:
    return MemberImport.objects.latest("created_at")


# --- Template ----------------------------------------------------------------------------

def test_openpyxl_parses_xml_through_defusedxml():
    assert openpyxl.DEFUSEDXML is True


def test_the_template_has_headers_drop_downs_formats_and_a_guide(tree, client):
    client.force_login(tree.cadre_a)
    response = client.get(reverse("members:import_template"))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == [excel.DATA_SHEET, excel.GUIDE_SHEET, excel.OPTIONS_SHEET]
    sheet, options = workbook[excel.DATA_SHEET], workbook[excel.OPTIONS_SHEET]
    assert [cell.value for cell in sheet[1]] == HEADERS == [
        "姓名", "性别", "证件类型", "证件号码", "出生日期", "民族", "手机号码", "学历",
        "用工形式", "入会日期", "劳模级别", "所属工会"]
    assert options.sheet_state == "hidden"
    lists = {}
    for validation in sheet.data_validations.dataValidation:
        column = str(validation.sqref).split(":")[0].rstrip("0123456789")
        ref = validation.formula1.split("!")[1].replace("$", "")
        lists[sheet[f"{column}1"].value] = [c.value for (c,) in options[ref]]
    choices = {"性别": Gender, "证件类型": DocumentType, "民族": Ethnicity, "学历": Education,
               "用工形式": EmploymentForm}
    for header, choice in choices.items():
        assert lists[header] == list(excel.labels(choice).values())
    assert len(lists["民族"]) == 58 and "劳模级别" in lists
    assert lists["所属工会"] == ["机械厂工会", "铸造车间分工会"]  # the scope, not union B
    assert sheet.column_dimensions["D"].number_format == "@"
    assert sheet.column_dimensions["E"].number_format == "yyyy-mm-dd"
    guide = " ".join(str(c.value) for row in workbook[excel.GUIDE_SHEET].iter_rows()
                     for c in row if c.value)
    assert "证件号码" in guide and "所属工会" in guide


def test_the_template_and_upload_need_a_cadre(tree, client):
    client.force_login(tree.viewer_a)
    assert client.get(reverse("members:import_template")).status_code == 403
    assert client.get(reverse("members:import_upload")).status_code == 403


# --- A valid file ------------------------------------------------------------------------

def test_a_valid_file_is_previewed_then_imported_in_one_go(tree, client):
    client.force_login(tree.cadre_a)
    rows = [person(tree.union_a, 姓名="李雷", male=True),
            person(tree.branch_a, 姓名="韩梅梅", 劳模级别=excel.labels(ModelWorkerLevel)["city"]),
            person(tree.union_a, 姓名="张三", 证件类型=None, 学历=None, 手机号码=None)]
    response = upload(client, filled(rows))
    member_import = latest_import()
    assert response.status_code == 302
    assert response["Location"] == reverse("members:import_preview", args=[member_import.pk])
    page = client.get(response["Location"]).content.decode()
    assert 'id="import-ready"' in page and 'id="import-confirm"' in page
    assert member_import.status == ImportStatus.CHECKED and member_import.row_count == 3
    assert Member.objects.count() == 0  # nothing before the confirmation

    response = client.post(reverse("members:import_confirm", args=[member_import.pk]))
    assert response.status_code == 302
    member_import.refresh_from_db()
    assert member_import.status == ImportStatus.IMPORTED and member_import.imported_count == 3
    assert not member_import.file  # the upload is not kept after the import
    members = {m.name: m for m in Member.objects.select_related("organisation")}
    assert members["韩梅梅"].organisation == tree.branch_a
    assert members["韩梅梅"].model_worker_level == "city"
    assert members["李雷"].gender == "male" and members["李雷"].document_number == rows[0][
        "证件号码"]
    assert members["张三"].document_type == "resident_id" and members["张三"].phone == ""
    history = Member.history.filter(history_type="+")
    assert history.count() == 3 and {h.history_user for h in history} == {tree.cadre_a}
    assert {m.created_by for m in members.values()} == {tree.cadre_a}
    assert "3" in client.get(reverse("members:import_preview", args=[member_import.pk])
                             ).content.decode()


def test_confirming_twice_imports_once(tree, client):
    client.force_login(tree.cadre_a)
    member_import = received(tree, [person(tree.union_a)])
    url = reverse("members:import_confirm", args=[member_import.pk])
    client.post(url)
    client.post(url)
    assert Member.objects.count() == 1


# --- Problems ----------------------------------------------------------------------------

def test_a_file_with_good_and_bad_rows_imports_nothing_and_lists_every_problem(tree, client):
    a = tree.union_a
    man = resident_id(BIRTH, male=True)
    rows = [
        person(a),                                                            # 2 good
        person(a, 证件号码=with_wrong_check_digit(resident_id(BIRTH, male=False))),        # 3
        person(a, 证件号码=man, 性别=excel.labels(Gender)["female"]),          # 4
        person(a, 出生日期=dt.date(1991, 1, 1)),                                # 5
        person(a, 姓名=None),                                                  # 6
        person(a, 民族="火星族"),                                               # 7
        person(a, 入会日期="2020-13-45"),                                      # 8
        person(a, 所属工会=tree.union_b.name),                                 # 9
        person(a, 手机号码="12345"),                                            # 10
        person(a, 证件号码=float(resident_id(BIRTH, male=False))),                          # 11
        person(a, 性别=None, 学历="博士后研究生", 用工形式=None),               # 12
        person(a),                                                            # 13 good
    ]
    client.force_login(tree.cadre_a)
    upload(client, filled(rows))
    member_import = latest_import()
    assert problems(member_import) == {
        (3, "证件号码", "id_check_digit"),
        (4, "性别", "id_gender_mismatch"),
        (5, "出生日期", "id_birth_mismatch"),
        (6, "姓名", "required"),
        (7, "民族", "unknown_choice"),
        (8, "入会日期", "date_format"),
        (9, "所属工会", "union_unknown"),
        (10, "手机号码", "phone_format"),
        (11, "证件号码", "id_lost_digits"),
        (12, "性别", "required"), (12, "学历", "unknown_choice"), (12, "用工形式", "required"),
    }
    assert member_import.error_count == 12 and member_import.row_count == 12
    page = client.get(reverse("members:import_preview", args=[member_import.pk])).content
    page = page.decode()
    assert page.count("<tr data-code=") == 12 and 'id="import-confirm"' not in page
    assert "火星族" in page and tree.union_b.name in page  # the values as filled in
    response = client.post(reverse("members:import_confirm", args=[member_import.pk]),
                           follow=True)
    assert Member.objects.count() == 0
    assert response.status_code == 200


def test_a_person_twice_in_the_file_is_flagged_on_both_rows(tree):
    number = resident_id(BIRTH, male=False)
    member_import = received(tree, [person(tree.union_a, 证件号码=number), person(tree.union_a),
                                    person(tree.branch_a, 证件号码=number.lower())])
    assert problems(member_import) == {(2, "证件号码", "duplicate_in_file"),
                                       (4, "证件号码", "duplicate_in_file")}
    messages = {e["row"]: e["message"] for e in member_import.errors}
    assert "4" in messages[2] and "2" in messages[4]


def test_an_active_member_elsewhere_is_found_in_one_query(tree):
    outside = member_create(actor=tree.cadre_b, organisation=tree.union_b, name="乙方会员",
                            gender="female", birth_date=BIRTH, join_date=dt.date(2019, 1, 1),
                            document_number=resident_id(BIRTH, male=False))
    inside = member_create(actor=tree.cadre_a, organisation=tree.union_a, name="甲方会员",
                           gender="female", birth_date=BIRTH, join_date=dt.date(2019, 1, 1),
                           document_number=resident_id(BIRTH, male=False))
    rows = [person(tree.union_a, 证件号码=outside.document_number),
            person(tree.union_a, 证件号码=inside.document_number)]
    rows += [person(tree.union_a) for _ in range(20)]
    with CaptureQueriesContext(connection) as queries:
        member_import = received(tree, rows)
    assert problems(member_import) == {(2, "证件号码", "member_duplicate"),
                                       (3, "证件号码", "member_duplicate")}
    messages = {e["row"]: e["message"] for e in member_import.errors}
    assert tree.union_b.name not in messages[2]  # beside the uploader: not named
    assert tree.union_a.name in messages[3]
    lookups = [q["sql"] for q in queries.captured_queries if "id_hash" in q["sql"]
               and "members_member" in q["sql"] and "SELECT" in q["sql"]]
    assert len(lookups) == 1 and " IN (" in lookups[0]


def test_a_person_registered_between_preview_and_confirm_stops_the_whole_import(tree, client):
    rows = [person(tree.union_a, 姓名=f"会员{i}") for i in range(3)]
    member_import = received(tree, rows)
    assert member_import.status == ImportStatus.CHECKED and not member_import.error_count
    member_create(actor=tree.cadre_b, organisation=tree.union_b, name="抢先登记",
                  gender="female", birth_date=BIRTH, join_date=dt.date(2019, 1, 1),
                  document_number=rows[1]["证件号码"])
    client.force_login(tree.cadre_a)
    client.post(reverse("members:import_confirm", args=[member_import.pk]))
    assert Member.objects.count() == 1
    assert problems(member_import) == {(3, "证件号码", "member_duplicate")}
    assert member_import.status == ImportStatus.CHECKED and member_import.message
    page = client.get(reverse("members:import_preview", args=[member_import.pk])).content
    assert b'id="import-message"' in page and b'id="import-confirm"' not in page


def test_the_problem_list_downloads_as_xlsx(tree, client):
    member_import = received(tree, [person(tree.union_a, 民族="火星族")])
    client.force_login(tree.cadre_a)
    response = client.get(reverse("members:import_report", args=[member_import.pk]))
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.worksheets[1].iter_rows(values_only=True))
    assert rows[1][:2] == (2, "民族") and rows[1][4] == "unknown_choice"


# --- Large files: the background job ----------------------------------------------------

def test_a_large_file_is_checked_and_imported_by_jobs(tree, client, settings,
                                                      django_capture_on_commit_callbacks):
    settings.MEMBER_IMPORT_SYNC_ROWS = 5
    rows = [person(tree.union_a, 姓名=f"会员{i}") for i in range(12)]
    client.force_login(tree.cadre_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, filled(rows))
    member_import = latest_import()
    check = Job.objects.get(kind="member_import_check")
    assert member_import.job == check and check.status == JobStatus.DONE, check.error
    assert member_import.status == ImportStatus.CHECKED and member_import.row_count == 12
    assert response["Location"] == reverse("members:import_preview", args=[member_import.pk])
    assert client.get(reverse("jobs:status", args=[check.pk])).json()["progress"] == 100

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members:import_confirm", args=[member_import.pk]))
    job = Job.objects.get(kind="member_import")
    assert job.status == JobStatus.DONE, job.error
    member_import.refresh_from_db()
    assert member_import.status == ImportStatus.IMPORTED and Member.objects.count() == 12
    assert job.file.name.endswith(".xlsx") and not member_import.file


def test_the_preview_follows_a_running_job(tree, client, settings):
    settings.MEMBER_IMPORT_SYNC_ROWS = 1
    client.force_login(tree.cadre_a)
    upload(client, filled([person(tree.union_a), person(tree.union_a)]))  # job not run yet
    member_import = latest_import()
    assert member_import.status == ImportStatus.CHECKING
    page = client.get(reverse("members:import_preview", args=[member_import.pk])).content
    assert reverse("jobs:status", args=[member_import.job_id]).encode() in page


# --- Files kept for a day ----------------------------------------------------------------

def test_uploads_are_private_and_deleted_after_a_day(tree):
    member_import = received(tree, [person(tree.union_a)])
    path = member_import.file.path
    assert "/private/member_imports/" in path and member_import.file.storage.exists(
        member_import.file.name)
    assert import_cleanup(dt.datetime.now(dt.UTC) + dt.timedelta(hours=23)) == 0
    assert import_cleanup(dt.datetime.now(dt.UTC) + dt.timedelta(days=1, minutes=1)) == 1
    member_import.refresh_from_db()
    assert member_import.status == ImportStatus.EXPIRED and not member_import.file
    assert not os.path.exists(path)


def test_a_refused_file_is_not_kept(tree, client):
    with pytest.raises(excel.FileRefused):
        received(tree, [person(tree.union_a, 姓名="=1+1")])
    member_import = latest_import()
    assert member_import.status == ImportStatus.REFUSED and not member_import.file
    client.force_login(tree.cadre_a)
    page = client.get(reverse("members:import_preview", args=[member_import.pk])).content
    assert "会员信息!A2".encode() in page  # the refusal, naming the cell
    assert client.get(reverse("members:import_upload")).status_code == 200


def test_a_person_registered_during_the_write_stops_the_whole_import(tree, monkeypatch):
    """The race the re-check cannot see: another union registers a person after the confirm's
    check and before its write. The database's unique index refuses, nothing is written,
    and the import shows the problem found on checking once more."""
    from members import imports

    rows = [person(tree.union_a, 姓名=f"会员{i}") for i in range(3)]
    member_import = received(tree, rows)
    real_check = excel.check_rows
    calls = []

    def check_then_someone_registers(*args, **kwargs):
        result = real_check(*args, **kwargs)
        if not calls:
            member_create(actor=tree.cadre_b, organisation=tree.union_b, name="抢先登记",
                          gender="female", birth_date=BIRTH, join_date=dt.date(2019, 1, 1),
                          document_number=rows[2]["证件号码"])
        calls.append(result)
        return result

    monkeypatch.setattr(imports.excel, "check_rows", check_then_someone_registers)
    imports.import_commit(member_import, actor=tree.cadre_a)
    assert len(calls) == 2 and Member.objects.count() == 1
    assert problems(member_import) == {(4, "证件号码", "member_duplicate")}
    assert member_import.status == ImportStatus.CHECKED and member_import.message
