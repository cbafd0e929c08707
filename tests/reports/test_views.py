"""The review pages: what each role sees and can do, the files, the dashboard."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from jobs.models import Job, JobStatus
from organisations.models import Level
from organisations.services import organisation_create
from reports.completeness import board
from reports.models import Report, ReportStatus
from reports.services import report_start
from tests.reports.helpers import PERIOD, official_of, submitted
from tests.rights import factories as rights


@pytest.fixture
def official_a(tree):
    return official_of(tree.union_a, "official_a")


def _open(client, user, organisation, year=2025, kind="year"):
    client.force_login(user)
    response = client.post(reverse("reports:open"), {
        "organisation": organisation.pk, "year": year, "period_kind": kind})
    assert response.status_code == 302
    return Report.objects.get(organisation=organisation, year=year, period_kind=kind)


def test_a_cadre_opens_and_edits_the_texts(tree, client):
    report = _open(client, tree.cadre_a, tree.union_a)
    page = client.get(reverse("reports:edit", args=[report.pk]))
    assert page.status_code == 200
    fields = {name: field.initial for name, field in page.context["form"].fields.items()}
    data = {name: value or "" for name, value in fields.items()}
    data["problems"] = "基层工会干部兼职多"
    response = client.post(reverse("reports:edit", args=[report.pk]), data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.problems == "基层工会干部兼职多"
    assert not report.texts.exists()  # unchanged defaults are not stored


def test_a_viewer_cannot_edit_and_a_cadre_cannot_submit(tree, client):
    report = report_start(organisation=tree.union_a, period=PERIOD, actor=tree.cadre_a)
    client.force_login(tree.viewer_a)
    assert client.post(reverse("reports:edit", args=[report.pk]), {}).status_code == 403
    client.force_login(tree.cadre_a)
    assert client.post(reverse("reports:submit", args=[report.pk])).status_code == 403
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_a_failed_logic_check_blocks_submission_and_links_to_the_record(tree, client,
                                                                       official_a):
    motion = rights.motion(tree.union_a, tree.cadre_a, reply="已答复",
                           reply_date=dt.date(2025, 6, 1))  # answered, never reviewed
    report = _open(client, official_a, tree.union_a)
    page = client.get(reverse("reports:detail", args=[report.pk]))
    problems = page.context["problems"]
    assert [problem.url for _s, problem in problems] == [
        reverse("rights:motion_update", args=[motion.pk])]
    assert problems[0][1].url.encode() in page.content

    response = client.post(reverse("reports:submit", args=[report.pk]), follow=True)
    with translation.override("zh-hans"):  # the portal's language
        refusal = gettext("%(count)d logic checks fail: correct the records listed before "
                          "submitting.") % {"count": 1}
    assert [str(m) for m in response.context["messages"]] == [refusal]
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_the_street_reviews_and_approves(tree, client, official_a):
    report = submitted(tree.union_a, official_a)
    client.force_login(tree.official_street_a)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert 'id="report-approve"' in page
    client.post(reverse("reports:approve", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED and report.approved_by == tree.official_street_a


def test_the_preview_shows_the_document(tree, client):
    rights.dispute(tree.union_a, tree.cadre_a, date=dt.date(2025, 5, 1), outcome="settled",
                   closed_on=dt.date(2025, 5, 9))
    report = _open(client, tree.cadre_a, tree.union_a)
    page = client.get(reverse("reports:preview", args=[report.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    document = page.context["document"]
    assert document.title in text
    for section in document.sections:
        assert section.title in text


def test_marking_a_child_as_not_reporting_from_the_parent_page(tree, client):
    parent = _open(client, tree.official_street_a, tree.street_a)
    client.post(reverse("reports:not_reporting", args=[parent.pk, tree.union_a2.pk]),
                {"reason": "企业停产"})
    child = Report.objects.get(organisation=tree.union_a2)
    assert child.status == ReportStatus.NOT_REPORTING and child.reason == "企业停产"
    client.post(reverse("reports:not_reporting", args=[parent.pk, tree.district.pk]),
                {"reason": "x"})
    assert not Report.objects.filter(organisation=tree.district).exists()  # not a child: 404


def test_the_workbook_is_formula_safe(tree, client, django_capture_on_commit_callbacks):
    sly = organisation_create(parent=tree.street_a, name='=HYPERLINK("http://x","y")',
                              level=Level.GRASSROOTS)
    rights.dispute(sly, tree.official_street_a, date=dt.date(2025, 5, 1), outcome="settled",
                   closed_on=dt.date(2025, 5, 9))
    report = _open(client, tree.official_street_a, tree.street_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:workbook", args=[report.pk]))
    job = Job.objects.get(kind="annual_report_xlsx")
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.status == JobStatus.DONE, job.error
    book = load_workbook(io.BytesIO(job.file.read()))
    assert len(book.sheetnames) == len(report_sections()) + 1  # one per section, appendix
    appendix = book[book.sheetnames[-1]]
    cells = [cell for row in appendix.iter_rows() for cell in row if cell.value == sly.name]
    assert cells and all(cell.data_type == "s" for cell in cells)


def report_sections():
    from reports.sections import sections

    return sections()


def test_the_dashboard_compares_with_last_year_and_shows_the_children(tree, client,
                                                                     official_a):
    for year, count in ((2024, 2), (2025, 3)):
        for i in range(count):
            rights.dispute(tree.union_a, tree.cadre_a, date=dt.date(year, 3, 1 + i),
                           outcome="settled", closed_on=dt.date(year, 3, 20))
    submitted(tree.union_a, official_a)
    client.force_login(tree.official_street_a)
    page = client.get(reverse("reports:dashboard") + "?year=2025")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-figure="disputes">3' in text and "50.0%" in text
    rows = {row.organisation.name: row for row in page.context["children"]}
    assert rows[tree.union_a.name].status == ReportStatus.SUBMITTED
    assert rows[tree.union_a2.name].report is None


def test_the_board_marks_overdue_children_and_empty_sections(tree, official_a):
    rights.dispute(tree.union_a2, tree.official_street_a, date=dt.date(2025, 4, 1))
    submitted(tree.union_a, official_a)
    rows = {row.organisation.name: row for row in
            board(tree.street_a, PERIOD, today=dt.date(2026, 3, 1))}
    a, a2 = rows[tree.union_a.name], rows[tree.union_a2.name]
    assert not a.overdue and a2.overdue and a2.has_records and not a.has_records
    assert a.empty_sections and len(a2.empty_sections) == len(a.empty_sections) - 1
    early = {row.organisation.name: row for row in
             board(tree.street_a, PERIOD, today=dt.date(2026, 1, 20))}
    assert not early[tree.union_a2.name].overdue
