"""The annual report as PDF and HTML, and its charts, read back as a person would.

The 30-page report is rendered once per module and read back with poppler (pdftotext,
pdffonts, pdfinfo): what a reader sees on each page, which fonts were embedded, the
metadata. One more render runs in a subprocess whose fontconfig knows no font at all, with
DEBUG off and no collectstatic, as a bare Celery worker would.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from reports.charts import chart_svg
from reports.pdf import (
    chinese_numeral,
    css_string,
    document_context,
    page_footer_css,
    render_bare,
    render_html,
    render_pdf,
)
from reports.sections import Chart
from tests.reports import documents
from tests.reports.documents import annual_document, make_photos, short_document

ROOT = Path(settings.BASE_DIR)
LANGUAGE = "zh-hans"
SUBSET_FONT = re.compile(r"^[A-Z]{6}\+(?P<family>\S+)$")
VENDORED_FAMILIES = {"Noto-Sans-SC", "Noto-Sans-SC-Bold"}

needs_poppler = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdfinfo")),
    reason="poppler-utils (pdftotext, pdffonts, pdfinfo) not installed")


def poppler(tool: str, path: Path, *args: str) -> str:
    command = [tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def pages_of(path: Path, mode: str = "-layout") -> list[str]:
    """pdftotext's text, one string per page (page n is ``pages[n - 1]``)."""
    text = poppler("pdftotext", path, mode)
    return text.split("\f")[:-1]


def squeeze(text: str) -> str:
    return " ".join(text.split())


def embedded_fonts(path: Path) -> list[dict]:
    """pdffonts' rows: name, emb, sub (the columns before the object id are fixed)."""
    rows = []
    for line in poppler("pdffonts", path).splitlines()[2:]:
        parts = line.split()
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4]})
    return rows


def pdf_info(path: Path) -> dict[str, str]:
    fields = {}
    for line in poppler("pdfinfo", path).splitlines():
        key, _sep, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


def heading(number: str, title: str) -> str:
    return _("%(number)s. %(title)s") % {"number": number, "title": title}


def expected_headings(document) -> list[str]:
    """Every entry the contents must list, in order, as the reader sees it."""
    titles = [heading(section.number, section.title) for section in document.sections]
    count = len(titles)
    titles.append(heading(chinese_numeral(count + 1), _("Existing problems")))
    titles.append(heading(chinese_numeral(count + 2), _("Plans for next year")))
    return [*titles, _("Photos of the year's work"),
            _("Appendix: figures of the direct child unions")]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The 30-page report (final, with two photos), rendered once: its file and text."""
    folder = tmp_path_factory.mktemp("report")
    document = annual_document(make_photos(folder), draft=False)
    with translation.override(LANGUAGE):
        started = time.perf_counter()
        content = render_pdf(document)
        seconds = time.perf_counter() - started
    path = folder / "report.pdf"
    path.write_bytes(content)
    print(f"\n30-page report rendered in {seconds:.1f} s, {len(content):,} bytes")
    return {"document": document, "path": path, "content": content,
            "pages": pages_of(path), "seconds": seconds}


@pytest.fixture(autouse=True)
def _language():
    with translation.override(LANGUAGE):
        yield


def body_page_of(pages: list[str], text: str, after: int = 2) -> int:
    """The first page (numbered from 1) after the cover and contents whose lines hold text."""
    for number, page in enumerate(pages, start=1):
        if number > after and any(squeeze(line) == text for line in page.splitlines()):
            return number
    raise AssertionError(f"{text!r} is on no page after page {after}")


# --- the PDF --------------------------------------------------------------------------------

@needs_poppler
def test_the_report_runs_to_30_pages_under_2_mb_with_its_metadata(report):
    info = pdf_info(report["path"])
    assert int(info["Pages"]) == len(report["pages"]) >= 30
    assert info["Page size"].endswith("(A4)")
    assert len(report["content"]) < 2 * 1024 * 1024
    assert info["Title"] == documents.TITLE and info["Author"] == documents.AUTHOR


@needs_poppler
def test_the_cover_names_the_union_the_title_and_the_date(report):
    cover = [squeeze(line) for line in report["pages"][0].splitlines() if line.strip()]
    assert cover == [documents.ORGANISATION, documents.TITLE,
                     date_format(documents.COVER_DATE, "DATE_FORMAT")]


@needs_poppler
def test_sections_follow_in_order_and_the_contents_give_their_pages(report):
    pages = report["pages"]
    wanted = expected_headings(report["document"])
    found = [body_page_of(pages, title) for title in wanted]
    assert found == sorted(found), dict(zip(wanted, found, strict=True))
    listed = {}
    for line in pages[1].splitlines():
        match = re.match(r"^\s*(.+?)\s*\.{3,}\s*(\d+)\s*$", line)
        if match:
            listed[squeeze(match[1])] = int(match[2])
    assert _("Contents") in {squeeze(line) for line in pages[1].splitlines()}
    assert listed == dict(zip(wanted, found, strict=True))


@needs_poppler
def test_every_page_but_the_cover_has_the_running_header_and_page_x_of_y(report):
    pages = report["pages"]
    total = len(pages)
    first = squeeze(_("Page %(page)s of %(pages)s") % {"page": 1, "pages": total})
    assert first not in squeeze(pages[0])
    for number, page in enumerate(pages[1:], start=2):
        lines = [line for line in page.splitlines() if line.strip()]
        header, footer = lines[0], squeeze(lines[-1])
        assert documents.ORGANISATION in header and documents.TITLE in header, number
        assert footer == squeeze(_("Page %(page)s of %(pages)s")
                                 % {"page": number, "pages": total}), number


@needs_poppler
def test_tables_print_exact_figures_and_repeat_their_header_on_every_page(report):
    pages = report["pages"]
    text = "\n".join(pages)
    assert "1,329,770.50" in text  # the welfare table's total, Decimal yuan
    document = report["document"]
    tables = [t for s in document.sections for t in s.tables]
    headers = [squeeze(" ".join(t.columns)) for t in tables]
    headers.append(squeeze(" ".join(document.appendix_columns)))
    row = re.compile(r"街道第\d+工会")
    pages_with_rows = [n for n, page in enumerate(pages, start=1) if row.search(page)]
    consecutive = [n for n in pages_with_rows if n - 1 in pages_with_rows]
    assert consecutive, "no table runs over a page break: the test would prove nothing"
    for number in pages_with_rows:
        lines = {squeeze(line) for line in pages[number - 1].splitlines()}
        assert any(h in lines for h in headers), f"page {number} has rows without a header"


@needs_poppler
def test_the_appendix_has_one_unsplit_row_per_child(report):
    pages = report["pages"]
    start = body_page_of(pages, _("Appendix: figures of the direct child unions"))
    lines = [squeeze(line) for page in pages[start - 1:] for line in page.splitlines()]
    for name, members, aid, disputes, activities in documents.appendix_rows():
        row = f"{name} {members} {aid:,.2f} {disputes} {activities}"
        assert sum(line == row for line in lines) == 1, row


@needs_poppler
def test_headlines_show_the_change_on_the_previous_year(report):
    page = report["pages"][body_page_of(report["pages"], heading("一", "组织建设")) - 1]
    assert "12,357人" in page and "1,329,770元" in page
    assert _("up %(rate)s%% on the previous year") % {"rate": Decimal("7.4")} in page
    assert _("down %(rate)s%% on the previous year") % {"rate": Decimal("5.0")} in page


@needs_poppler
def test_chart_labels_and_values_print_as_text(report):
    text = "\n".join(report["pages"])
    for words in [*documents.CHART_TITLES, "钳工", "12月", "1,013", "19,500"]:
        assert words in text, words


@needs_poppler
def test_photos_are_printed_with_their_captions_at_most_four_to_a_page(report):
    pages = report["pages"]
    captions = [photo.caption for photo in report["document"].photos]
    on = [n for n, page in enumerate(pages, start=1) for c in captions if c in page]
    photos_page = body_page_of(pages, _("Photos of the year's work"))
    assert on == [photos_page, photos_page]
    assert not any(_("Draft") in page for page in pages)  # a final report: no mark


@needs_poppler
def test_five_photos_take_two_pages(tmp_path):
    photos = make_photos(tmp_path, count=5)
    path = tmp_path / "photos.pdf"
    path.write_bytes(render_pdf(short_document(draft=False, photos=photos)))
    pages = pages_of(path)
    on = [n for photo in photos for n, page in enumerate(pages, start=1) if photo.caption in page]
    first = on[0]
    assert on == [first] * 4 + [first + 1] and len(pages) == first + 1


@needs_poppler
def test_only_subsets_of_the_vendored_font_are_embedded(report):
    fonts = embedded_fonts(report["path"])
    assert fonts and all(f["emb"] == "yes" and f["sub"] == "yes" for f in fonts), fonts
    families = {SUBSET_FONT.match(f["name"])["family"] for f in fonts}
    assert families == VENDORED_FAMILIES


@needs_poppler
def test_bare_weasyprint_renders_the_same_html(report, tmp_path):
    """The benchmark's baseline prints the same pages from the same HTML."""
    html = render_html(short_document(draft=False), for_pdf=True)
    path = tmp_path / "bare.pdf"
    path.write_bytes(render_bare(html))
    assert documents.TITLE in "".join(pages_of(path))


# --- no system font, DEBUG off, no collectstatic -------------------------------------------

RENDER_IN_WORKER = """
import sys
import django
django.setup()
from django.utils import translation
from reports.pdf import render_pdf
from tests.reports.documents import short_document
with translation.override(sys.argv[2]):
    content = render_pdf(short_document(draft=True))
open(sys.argv[1], "wb").write(content)
"""


@needs_poppler
def test_a_machine_without_fonts_prints_every_character(tmp_path):
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">'
                    f"\n<fontconfig><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>\n")
    (tmp_path / "static").mkdir()
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "DEBUG": "false",
           "SECRET_KEY": secrets.token_urlsafe(50), "PERSONAL_DATA_KEY": secrets.token_urlsafe(50),
           "STATIC_ROOT": str(tmp_path / "static"), "VAR_DIR": str(tmp_path / "var"),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    env.setdefault("DJANGO_SETTINGS_MODULE", "unionportal.settings")
    if shutil.which("fc-list"):
        listed = subprocess.run(["fc-list"], env=env, capture_output=True, text=True).stdout
        assert listed.strip() == "", "the fonts.conf still lets fontconfig find fonts"
    path = tmp_path / "bare-machine.pdf"
    subprocess.run([sys.executable, "-c", RENDER_IN_WORKER, str(path), LANGUAGE], env=env,
                   cwd=tmp_path, check=True, capture_output=True, timeout=300)
    raw_pages = pages_of(path, "-raw")
    cover = raw_pages[0]
    written = documents.ORGANISATION + documents.TITLE + date_format(
        documents.COVER_DATE, "DATE_FORMAT")
    missing = {char for char in written if re.match(r"[\u3400-\u9fff]", char)} - set(cover)
    assert not missing
    assert "东关街道" in "".join(raw_pages) and documents.CHART_TITLES[0] in "".join(raw_pages)
    # the watermark on every page (rotated, its characters may come out one per line)
    assert all(_("Draft") in "".join(page.split()) for page in raw_pages)
    families = {SUBSET_FONT.match(f["name"])["family"] for f in embedded_fonts(path)}
    assert families == VENDORED_FAMILIES


# --- the HTML preview -----------------------------------------------------------------------

def test_the_preview_is_the_body_alone_with_scoped_styles_and_embedded_thumbnails(tmp_path):
    document = annual_document(make_photos(tmp_path), draft=True)
    html = render_html(document, for_pdf=False)
    assert 'class="report-document is-draft"' in html and 'class="cover"' not in html
    assert "/static/reports/report.css" in html and "print.css" not in html
    assert "file:" not in html and html.count('src="data:image/jpeg;base64,') == 2
    assert html.count('src="data:image/svg+xml;base64,') == 3
    css = re.sub(r"/\*.*?\*/", "", (ROOT / "static/reports/report.css").read_text(), flags=re.S)
    selectors = re.findall(r"(?:^|})\s*([^{}@/][^{}]*?)\s*{", css)
    assert selectors and all(s.startswith(".report-document") for part in selectors
                             for s in map(str.strip, part.split(","))), selectors


def test_the_body_can_be_included_in_a_portal_page(tmp_path):
    context = document_context(annual_document(draft=False), for_pdf=False)
    page = Template('<main>{% include "reports/_document_body.html" %}</main>').render(
        Context(context))
    assert page.count(heading("一", "组织建设")) == 1 and _("Contents") not in page
    assert "1,329,770.50" in page and "姚家街道第40工会" in page


def test_the_footer_is_the_translated_words_around_the_page_counters():
    footer = str(page_footer_css())
    assert "counter(page)" in footer and "counter(pages)" in footer
    words = _("Page %(page)s of %(pages)s") % {"page": "counter(page)",
                                                 "pages": "counter(pages)"}
    assert footer.replace('"', "").replace(" ", "") == words.replace(" ", "")


def test_css_strings_cannot_break_out():
    assert css_string('a"b\\c</style>') == '"a\\"b\\\\c\\3c /style>"'


@pytest.mark.parametrize(("value", "numeral"), [
    (1, "一"), (7, "七"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三")])
def test_sections_are_numbered_in_chinese(value, numeral):
    assert chinese_numeral(value) == numeral


# --- charts ---------------------------------------------------------------------------------

MEMBERS = Chart("各街道会员人数", "bar", ["东关街道", "文化路街道", "甸柳街道"],
                {"2024年": [1200, 980, 1510], "2025年": [1329, 1002, Decimal("1620")]}, unit="人")


def svg_texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(node.itertext()) for node in root.iter("{http://www.w3.org/2000/svg}text")]


def test_a_bar_chart_has_its_labels_values_series_and_unit_as_text():
    svg = chart_svg(MEMBERS)
    texts = svg_texts(svg)
    for words in ["各街道会员人数", "东关街道", "文化路街道", "甸柳街道", "2024年", "2025年", "人",
                  "1,200", "980", "1,510", "1,329", "1,002", "1,620"]:
        assert words in texts, words
    assert "font-family: 'Noto Sans SC'" in svg
    assert len(svg.encode()) < 30_000


def test_a_line_chart_marks_each_value_and_leaves_a_gap_for_none():
    chart = Chart("各月帮扶金额", "line", ["1月", "2月", "3月", "4月"],
                  {"帮扶金额": [Decimal("10500.50"), None, 13500, 15000]}, unit="元")
    texts = svg_texts(chart_svg(chart))
    assert {"各月帮扶金额", "1月", "4月", "10,500.50", "13,500", "15,000", "元"} <= set(texts)
    assert "—" not in texts


def test_the_same_figures_give_the_same_bytes():
    first = chart_svg(MEMBERS)
    assert chart_svg(MEMBERS) == first
    assert "dc:date" not in first and "<?xml" not in first
    changed = Chart(MEMBERS.title, "bar", MEMBERS.labels,
                    {**MEMBERS.series, "2025年": [1329, 1003, 1620]}, unit="人")
    assert chart_svg(changed) != first


def test_a_chart_with_a_wrong_kind_or_series_is_refused():
    with pytest.raises(ValueError, match="kind"):
        chart_svg(Chart("t", "pie", ["a"], {"s": [1]}))
    with pytest.raises(ValueError, match="values"):
        chart_svg(Chart("t", "bar", ["a", "b"], {"s": [1]}))


# --- the chronicle PDF uses the same font ---------------------------------------------------

@needs_poppler
def test_the_chronicle_pdf_embeds_the_vendored_font(tree, client,
                                                    django_capture_on_commit_callbacks):
    from jobs.models import Job, JobStatus
    from tests.factories import chronicle

    chronicle(tree.union_a, tree.cadre_a, tree.day, title="技能比武决赛")
    client.force_login(tree.official_street_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("ledger:chronicle_export") + "?year=2025")
    job = Job.objects.get()
    assert job.status == JobStatus.DONE, job.error
    path = Path(job.file.path)
    assert "技能比武决赛" in "".join(pages_of(path))
    families = {SUBSET_FONT.match(f["name"])["family"] for f in embedded_fonts(path)}
    assert families <= VENDORED_FAMILIES and "Noto-Sans-SC" in families
