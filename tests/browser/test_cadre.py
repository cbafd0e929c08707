"""A union's cadre at the browser: logs in, enters an aid grant through its form, imports
members from an Excel file, and sees the problems of a bad file — each in Simplified
Chinese and in English."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from members.models import Member
from tests.members.factories import make_member
from tests.members.ids import with_wrong_check_digit
from tests.members.test_import import filled, person
from welfare.models import AidGrant

pytestmark = pytest.mark.browser


def ends_with(path: str) -> re.Pattern:
    return re.compile(re.escape(path) + "$")


def test_cadre_adds_an_aid_grant(tree, visitor):
    worker = make_member(tree.union_a, tree.cadre_a, name="王大力")
    page = visitor.page
    visitor.log_in(tree.cadre_a)
    visitor.step("dashboard")

    visitor.open_ledger(reverse("welfare:index"))
    page.click(f"a[href='{reverse('welfare:grant_list')}']")
    page.click(f"main a.btn[href='{reverse('welfare:grant_create')}']")
    page.select_option("#id_organisation", str(tree.union_a.pk))
    page.select_option("#id_programme", "daily_hardship")
    page.select_option("#id_member", str(worker.pk))
    page.fill("#id_cash", "800")
    page.fill("#id_note", "春节前走访")
    visitor.step("grant-form")
    visitor.submit("#grant-form button[name=submit]")

    grant = AidGrant.objects.get()
    assert (grant.member, grant.cash, grant.status, grant.created_by) == (
        worker, Decimal("800"), "applied", tree.cadre_a)
    expect(page).to_have_url(ends_with(reverse("welfare:grant_detail", args=[grant.pk])))
    expect(page.locator("#record-fields")).to_contain_text("王大力")
    expect(page.locator(".alert-success")).to_be_visible()
    visitor.step("grant-saved")

    page.click(f"a[href='{reverse('welfare:grant_list')}']")
    row = page.locator("#records tbody tr", has_text="王大力")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("800")
    visitor.step("grant-list")


def _workbook(tmp_path, name: str, rows: list[dict]) -> str:
    path = tmp_path / name
    path.write_bytes(filled(rows))
    return str(path)


# The check digit's message, as the import was uploaded in each language.
CHECK_DIGIT = {"zh-hans": "校验码", "en": "check digit"}


def test_cadre_imports_members_from_excel(tree, visitor, language, tmp_path):
    good = _workbook(tmp_path, "会员名单.xlsx", [
        person(tree.union_a, **{"姓名": "周晓梅"}),
        person(tree.union_a, male=True, birth=dt.date(1985, 11, 2), **{"姓名": "孙立军"}),
    ])
    bad_number = with_wrong_check_digit(person(tree.union_a)["证件号码"])
    bad = _workbook(tmp_path, "有误名单.xlsx", [
        person(tree.union_a, **{"姓名": "钱多多", "证件号码": bad_number}),
        person(tree.union_a, **{"姓名": None}),
    ])
    page = visitor.page
    visitor.log_in(tree.cadre_a)

    page.click(f"#mainnav a[href='{reverse('members:list')}']")
    page.click(f"a[href='{reverse('members:import_upload')}']")
    page.set_input_files("#import-upload input[type=file]", good)
    visitor.step("upload")
    visitor.submit("#import-upload button")
    expect(page.locator("#import-ready")).to_be_visible()
    expect(page.locator("#import-unions")).to_contain_text(tree.union_a.name)
    assert not Member.objects.exists()  # the preview imports nothing
    visitor.step("preview")
    visitor.submit("#import-confirm button")
    expect(page.locator("#import-done")).to_be_visible()
    assert set(Member.objects.values_list("name", flat=True)) == {"周晓梅", "孙立军"}
    visitor.step("imported")

    page.click(f"#mainnav a[href='{reverse('members:list')}']")
    for name in ("周晓梅", "孙立军"):
        expect(page.locator("main table tbody tr", has_text=name)).to_have_count(1)
    visitor.step("members")

    visitor.open("members:import_upload")
    page.set_input_files("#import-upload input[type=file]", bad)
    visitor.submit("#import-upload button")
    expect(page.locator("#import-problems")).to_be_visible()
    errors = page.locator("#import-errors tbody tr")
    rows = [[cell.strip() for cell in errors.nth(i).locator("td").all_inner_texts()]
            for i in range(errors.count())]
    assert {(row[0], row[1]) for row in rows} >= {("2", "证件号码"), ("3", "姓名")}, rows
    # the number as filled in is shown masked, ending with its last four digits
    number_row = next(row for row in rows if row[0] == "2")
    assert number_row[2].endswith(bad_number[-4:]) and CHECK_DIGIT[language] in number_row[3]
    assert bad_number not in page.content()
    expect(page.locator("#import-confirm")).to_have_count(0)
    visitor.step("problems")
    assert Member.objects.count() == 2  # nothing of the bad file
