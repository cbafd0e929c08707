"""Excel export of the member list: a background job, masked per role, logged, and safe to
open (a name that looks like a formula stays text)."""

from __future__ import annotations

import csv as csv_module
import datetime as dt
import io
import shutil

import openpyxl
import pytest
from django.urls import reverse

from jobs.models import Job, JobStatus
from members import excel
from members.personal_data import mask_id, mask_phone
from organisations.models import AccessAction, AccessLog, Role
from tests.members.factories import make_member
from tests.members.test_import_files import libreoffice

FORMULA_LIKE = ["=1+2", "+SUM(1,2)", "-3+4", "@SUM(1,2)", "\t=1+2", "=HYPERLINK(\"x\")"]


@pytest.fixture
def export(client, django_capture_on_commit_callbacks):
    """Export as ``user`` with the list's query string; the finished job and its rows."""
    def run(user, query: str = ""):
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("members:export") + query)
        job = Job.objects.filter(kind="member_export").latest("created_at")
        assert response.status_code == 302
        assert response["Location"] == reverse("jobs:detail", args=[job.pk])
        job.refresh_from_db()
        assert job.status == JobStatus.DONE, job.error
        content = b"".join(client.get(reverse("jobs:download", args=[job.pk])))
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        return job, content, workbook[excel.DATA_SHEET]

    return run


def by_name(sheet) -> dict[str, dict]:
    rows = list(sheet.iter_rows(values_only=True))
    return {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}


def test_formula_like_text_is_written_as_text(tree, export, tmp_path):
    for name in FORMULA_LIKE:
        make_member(tree.union_a, tree.cadre_a, name=name)
    make_member(tree.union_a, tree.cadre_a, name="李雷")
    _job, content, sheet = export(tree.cadre_a)
    cells = {c.value: c for row in sheet.iter_rows(min_row=2, max_col=1) for c in row}
    for name in FORMULA_LIKE:
        cell = cells["'" + name]
        assert cell.data_type == "s"  # a string, not a formula
    assert cells["李雷"].data_type == "s"
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    if shutil.which("soffice"):
        csv = libreoffice(content, tmp_path, "csv:Text - txt - csv (StarCalc):44,34,76")
        names = {row[0] for row in csv_module.reader(io.StringIO(csv.decode("utf-8")))}
        # The literal text, never a computed value (3) or an error:
        assert names == {"姓名", "李雷", *("'" + name for name in FORMULA_LIKE)}


def test_numbers_are_masked_unless_the_role_shows_them_and_every_export_is_logged(
        tree, export):
    member = make_member(tree.union_a, tree.cadre_a, name="王芳", gender="female")
    make_member(tree.union_b, tree.cadre_b, name="乙方会员")
    _job, _content, sheet = export(tree.viewer_a)
    rows = by_name(sheet)
    assert set(rows) == {"王芳"}  # the scope only
    assert rows["王芳"]["证件号码"] == mask_id(member.document_number)
    assert rows["王芳"]["手机号码"] == mask_phone(member.phone)
    assert rows["王芳"]["所属工会"] == tree.union_a.name
    assert rows["王芳"]["出生日期"].date() == member.birth_date
    log = AccessLog.objects.get(user=tree.viewer_a)
    assert log.action == AccessAction.EXPORT and log.records == 1
    assert log.organisation == tree.union_a

    Role.objects.filter(user=tree.official_district).update(sees_personal_data=True)
    _job, _content, sheet = export(tree.official_district)
    rows = by_name(sheet)
    assert set(rows) == {"王芳", "乙方会员"}
    assert rows["王芳"]["证件号码"] == member.document_number
    assert rows["王芳"]["手机号码"] == member.phone
    log = AccessLog.objects.get(user=tree.official_district)
    assert log.action == AccessAction.EXPORT and log.records == 2
    assert log.organisation == tree.district


def test_the_list_filters_apply(tree, export):
    make_member(tree.union_a, tree.cadre_a, name="王芳", gender="female",
                birth_date=dt.date(1990, 3, 7))
    make_member(tree.union_a, tree.cadre_a, name="李雷", gender="male",
                join_date=dt.date(2018, 4, 1))
    make_member(tree.branch_a, tree.cadre_a, name="王强", gender="male")
    assert set(by_name(export(tree.cadre_a, "?gender=male")[2])) == {"李雷", "王强"}
    assert set(by_name(export(tree.cadre_a, "?name=王")[2])) == {"王芳", "王强"}
    assert set(by_name(export(tree.cadre_a, "?join_year=2018")[2])) == {"李雷"}
    query = f"?organisation={tree.branch_a.pk}"
    assert set(by_name(export(tree.cadre_a, query)[2])) == {"王强"}
    query = f"?organisation={tree.union_b.pk}"  # outside the scope: not a filter
    assert set(by_name(export(tree.cadre_a, query)[2])) == {"王芳", "李雷", "王强"}
    assert AccessLog.objects.filter(action=AccessAction.EXPORT).count() == 5


def test_the_export_page_names_the_filters(tree, client):
    client.force_login(tree.viewer_a)
    page = client.get(reverse("members:export") + "?gender=female&join_year=2020").content
    page = page.decode()
    assert 'id="export-members"' in page and "2020" in page
    assert "gender=female" in page  # posted with the same query string
