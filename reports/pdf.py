"""The annual report laid out as HTML and printed as an A4 PDF with WeasyPrint.

One template (``reports/document.html`` around ``reports/_document_body.html``) serves the
HTML preview and the PDF, so the preview shows what will print. The PDF-only parts (cover,
table of contents, running header, page footer, draft watermark) are switched on with
``for_pdf``.

The PDF must render in a Celery worker: no request, DEBUG off, and no collectstatic run. So
every resource of the PDF is an absolute ``file://`` URL into the repository's own
``static/`` folder (stylesheets, the vendored Noto Sans SC font) or into the stored photos,
and the fetcher refuses anything but ``file:`` and ``data:`` URLs. The font is declared with
``@font-face`` and loaded through one ``FontConfiguration`` per render; WeasyPrint embeds
only the glyphs used (harfbuzz subsetting), which keeps a 30-page report well under 2 MB.
"""

from __future__ import annotations

import base64
import io
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from reports.document import Document, DocumentSection, Headline, Photo
from reports.sections import Chart, Table
from reports.text import number

logger = logging.getLogger(__name__)

STATIC_DIR = Path(settings.BASE_DIR) / "static"
TEMPLATE = "reports/document.html"
PREVIEW_PHOTO_PIXELS = 640  # the preview embeds photos as small JPEG thumbnails
PDF_IMAGE_DPI = 150  # photos above this resolution are scaled down in the PDF
PHOTOS_PER_PAGE = 4
NUMERALS = "零一二三四五六七八九"
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Cell:
    text: str
    numeric: bool = False


@dataclass(frozen=True)
class TableLayout:
    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[Cell]]


@dataclass(frozen=True)
class HeadlineLayout:
    label: str
    value: str  # "1,329人"
    previous: str  # "上年：1,200人", or ""
    change: str  # "比上年增长10.8%", or ""
    direction: str  # "up", "down", "level" or "" (for colouring)


@dataclass(frozen=True)
class ChartLayout:
    title: str
    uri: str  # data: URI of the SVG


@dataclass(frozen=True)
class SectionLayout:
    anchor: str
    number: str
    title: str
    paragraphs: Sequence[str]
    empty: bool = False
    headlines: Sequence[HeadlineLayout] = ()
    tables: Sequence[TableLayout] = ()
    charts: Sequence[ChartLayout] = ()


@dataclass(frozen=True)
class PhotoLayout:
    uri: str
    caption: str


@dataclass(frozen=True)
class ReportLayout:
    """What the templates print: every number already worded, every URL already made."""

    document: Document
    for_pdf: bool
    sections: Sequence[SectionLayout]
    photos: Sequence[PhotoLayout]
    appendix: TableLayout | None
    contents: Sequence[tuple[str, str]]  # (anchor, heading)
    stylesheets: Sequence[str]
    page_footer: SafeString  # a CSS content value: "第 " counter(page) " 页 …"

    @property
    def photo_pages(self) -> list[Sequence[PhotoLayout]]:
        """The photos four by four: each group is one page of the PDF (a 2 × 2 grid)."""
        return [self.photos[i:i + PHOTOS_PER_PAGE]
                for i in range(0, len(self.photos), PHOTOS_PER_PAGE)]


def chinese_numeral(value: int) -> str:
    """一 … 九十九: the numbering of report sections (一、二、…)."""
    if not 0 < value < 100:
        raise ValueError(f"no section numeral for {value}")
    tens, units = divmod(value, 10)
    text = ("" if tens < 2 else NUMERALS[tens]) + ("十" if tens else "")
    return text + (NUMERALS[units] if units else "")


def css_string(text: str) -> str:
    """A CSS string literal: quotes, backslashes, line breaks and ``<`` escaped."""
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
               .replace("<", "\\3c "))
    return f'"{escaped}"'


def page_footer_css() -> SafeString:
    """The translated "Page x of y" as a CSS ``content`` value with the page counters."""
    marker = "\x00"
    text = _("Page %(page)s of %(pages)s") % {
        "page": f"{marker}page{marker}", "pages": f"{marker}pages{marker}"}
    parts = []
    for index, piece in enumerate(text.split(marker)):
        if index % 2:
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece))
    return mark_safe(" ".join(parts))  # built from escaped CSS strings and counters


def cell(value) -> Cell:
    """A table cell: numbers with thousands separators (right-aligned), None as a dash."""
    if value is None or (isinstance(value, int | Decimal | float)
                         and not isinstance(value, bool)):
        return Cell(number(value), numeric=True)
    return Cell(str(value))


def table_layout(table: Table) -> TableLayout:
    return TableLayout(table.title, list(table.columns),
                       [[cell(value) for value in row] for row in table.rows])


def change_wording(rate: Decimal | None) -> tuple[str, str]:
    """'比上年增长5.2%' from a headline's rate, with its direction; ('', '') without one."""
    if rate is None:
        return "", ""
    if rate > 0:
        return _("up %(rate)s%% on the previous year") % {"rate": rate}, "up"
    if rate < 0:
        return _("down %(rate)s%% on the previous year") % {"rate": -rate}, "down"
    return _("level with the previous year"), "level"


def headline_layout(headline: Headline) -> HeadlineLayout:
    figure = headline.figure
    change, direction = change_wording(headline.rate)
    previous = ""
    if headline.previous is not None:
        previous = _("Previous year: %(value)s") % {
            "value": f"{number(headline.previous)}{figure.unit}"}
    return HeadlineLayout(figure.label, f"{number(figure.value)}{figure.unit}", previous,
                          change, direction)


def chart_layout(chart: Chart) -> ChartLayout:
    from reports.charts import chart_svg

    svg = chart_svg(chart).encode()
    return ChartLayout(chart.title,
                       "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii"))


def paragraphs(text: str) -> list[str]:
    return [part.strip() for part in _PARAGRAPH_BREAK.split(text or "") if part.strip()]


def section_layout(section: DocumentSection, index: int) -> SectionLayout:
    return SectionLayout(
        anchor=f"section-{index}", number=section.number, title=section.title,
        paragraphs=paragraphs(section.text), empty=section.empty,
        headlines=[headline_layout(h) for h in section.headlines],
        tables=[table_layout(t) for t in section.tables],
        charts=[chart_layout(c) for c in section.charts],
    )


def closing_sections(document: Document, first: int) -> list[SectionLayout]:
    """存在问题 and 明年打算, numbered after the last section, when the official wrote them."""
    closing = []
    for key, title, text in (("problems", _("Existing problems"), document.problems),
                             ("plans", _("Plans for next year"), document.plans)):
        if paragraphs(text):
            number_ = chinese_numeral(first + len(closing))
            closing.append(SectionLayout(anchor=f"section-{key}", number=number_, title=title,
                                         paragraphs=paragraphs(text)))
    return closing


def photo_layouts(photos: Sequence[Photo], *, for_pdf: bool,
                  photo_url: Callable[[Photo], str] | None = None) -> list[PhotoLayout]:
    """Photos the renderer can reach: a file URL for the PDF (scaled down by WeasyPrint),
    ``photo_url(photo)`` or a small embedded thumbnail for the preview. A photo whose file
    has gone is left out (and logged) rather than failing the whole report."""
    laid_out = []
    for photo in photos:
        path = Path(photo.path)
        if not path.is_file():
            logger.warning("report photo missing: %s", path)
            continue
        if for_pdf:
            uri = path.resolve().as_uri()
        elif photo_url is not None:
            uri = photo_url(photo)
        else:
            uri = thumbnail_uri(path)
        if uri:
            laid_out.append(PhotoLayout(uri, photo.caption))
    return laid_out


def thumbnail_uri(path: Path) -> str:
    """A JPEG thumbnail as a data: URI ('' when the file is not an image Pillow reads)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            image.thumbnail((PREVIEW_PHOTO_PIXELS, PREVIEW_PHOTO_PIXELS))
            buffer = io.BytesIO()
            image.convert("RGB").save(buffer, format="JPEG", quality=80)
    except (OSError, UnidentifiedImageError):
        logger.warning("report photo unreadable: %s", path)
        return ""
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def appendix_layout(document: Document) -> TableLayout | None:
    if not document.appendix_rows:
        return None
    return TableLayout(_("Appendix: figures of the direct child unions"),
                       list(document.appendix_columns),
                       [[cell(value) for value in row] for row in document.appendix_rows])


def heading(number_: str, title: str) -> str:
    return _("%(number)s. %(title)s") % {"number": number_, "title": title}


def stylesheet_urls(*, for_pdf: bool) -> list[str]:
    """file:// URLs into the repository for the PDF (no collectstatic needed), static URLs
    for the preview (which leaves out the print sheet with its @page rules and font)."""
    if for_pdf:
        return [(STATIC_DIR / "reports" / name).as_uri() for name in ("report.css", "print.css")]
    return [static("reports/report.css")]


def report_layout(document: Document, *, for_pdf: bool,
                  photo_url: Callable[[Photo], str] | None = None) -> ReportLayout:
    """Everything the templates print, for the PDF or the preview."""
    sections = [section_layout(s, i) for i, s in enumerate(document.sections, start=1)]
    sections += closing_sections(document, first=len(sections) + 1)
    photos = photo_layouts(document.photos, for_pdf=for_pdf, photo_url=photo_url)
    appendix = appendix_layout(document)
    contents = [(s.anchor, heading(s.number, s.title)) for s in sections]
    if photos:
        contents.append(("photos", _("Photos of the year's work")))
    if appendix:
        contents.append(("appendix", appendix.title))
    return ReportLayout(document=document, for_pdf=for_pdf, sections=sections, photos=photos,
                        appendix=appendix, contents=contents,
                        stylesheets=stylesheet_urls(for_pdf=for_pdf),
                        page_footer=page_footer_css())


def document_context(document: Document, *, for_pdf: bool,
                     photo_url: Callable[[Photo], str] | None = None) -> dict:
    """The context ``reports/_document_body.html`` needs: ``{"report": ReportLayout}``."""
    return {"report": report_layout(document, for_pdf=for_pdf, photo_url=photo_url)}


def render_html(document: Document, *, for_pdf: bool) -> str:
    """The whole report as one HTML page (the PDF's source, or a standalone preview)."""
    return render_to_string(TEMPLATE, document_context(document, for_pdf=for_pdf))


def render_pdf(document: Document) -> bytes:
    """The report as an A4 PDF (in the active language)."""
    return write_pdf(render_html(document, for_pdf=True))


def write_pdf(html: str) -> bytes:
    """Print report HTML: local files only, the vendored font, photos scaled to 150 dpi."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=("file", "data"))
    font_config = FontConfiguration()
    return HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=fetcher).write_pdf(
        font_config=font_config, dpi=PDF_IMAGE_DPI)


def render_bare(html: str) -> bytes:
    """WeasyPrint alone on the same HTML, default options: the benchmark's baseline."""
    from weasyprint import HTML

    return HTML(string=html).write_pdf()
