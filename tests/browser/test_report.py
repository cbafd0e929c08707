"""The work summary at the browser: the union's official submits it, the street's official
approves it, asks for the PDF, watches its job finish, downloads it, and the file is read
back with pdftotext — once in Simplified Chinese and once in English."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from organisations.models import RoleKind
from organisations.services import role_grant
from reports.models import Report, ReportStatus
from reports.sections import sections
from tests.conftest import make_user
from tests.jobs.test_chronicle_export import pdf_text
from tests.rights.factories import dispute

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("pdftotext") is None,
                       reason="poppler-utils (pdftotext) not installed"),
]

YEAR = 2025
# A heading whose translation is known (locale/zh_Hans/LC_MESSAGES/django.po): the PDF in
# one language must not carry the other's.
KNOWN_HEADING = {"zh-hans": "民主管理", "en": "Democratic management"}


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def official_a(tree):
    user = make_user("official_a")
    role_grant(user=user, organisation=tree.union_a, kind=RoleKind.OFFICIAL)
    return user


def test_official_submits_and_the_street_approves_and_downloads_the_pdf(
        tree, official_a, visitor, language, tmp_path):
    dispute(tree.union_a, tree.cadre_a, workers_involved=12, amount=Decimal("48600"))
    page = visitor.page

    visitor.log_in(official_a)
    page.click(f"#mainnav a[href='{reverse('reports:list')}']")
    page.select_option("#report-open select[name=organisation]", str(tree.union_a.pk))
    page.fill("#report-open input[name=year]", str(YEAR))
    page.select_option("#report-open select[name=period_kind]", "year")
    visitor.step("open")
    visitor.submit("#report-open button[type=submit]")
    report = Report.objects.get(organisation=tree.union_a, year=YEAR)
    expect(page.locator("main h1")).to_contain_text(tree.union_a.name)
    expect(page.locator("#report-checks-ok")).to_be_visible()
    visitor.step("draft")
    visitor.submit("#report-submit")
    expect(page.locator("#report-approve")).to_have_count(0)  # not for the union's own
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    visitor.step("submitted")
    visitor.log_out()

    visitor.log_in(tree.official_street_a)
    page.click(f"#mainnav a[href='{reverse('reports:list')}']")
    page.click(f"#report-list a[href='{reverse('reports:detail', args=[report.pk])}']")
    visitor.step("review")
    visitor.submit("#report-approve")
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    expect(page.locator("#report-reopen")).to_be_visible()
    visitor.step("approved")

    visitor.submit("#report-pdf")
    progress = page.locator("#job [role=progressbar]")
    expect(progress).to_have_attribute("aria-valuenow", "100")
    expect(page.locator("#job-progress")).to_have_attribute("style", re.compile(r"width:\s*100%"))
    link = page.locator("#job-download")
    expect(link).to_be_visible()
    visitor.step("job-done")
    with page.expect_download() as download_info:
        link.click()
    pdf = tmp_path / "summary.pdf"
    download_info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    text = _flat(pdf_text(pdf))
    assert _flat(tree.union_a.name) in text
    with translation.override(language):
        headings = [_flat(str(section.title)) for section in sections()]
    assert all(heading in text for heading in headings), (headings, text[:2000])
    assert _flat(KNOWN_HEADING[language]) in text
    other = next(code for code in KNOWN_HEADING if code != language)
    assert _flat(KNOWN_HEADING[other]) not in text
