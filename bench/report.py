"""Time the annual report of a whole district in PostgreSQL: figures, PDF, WeasyPrint's share.

    DATABASE_URL=postgres://user:password@127.0.0.1:5432/unionportal \\
        .venv/bin/python bench/report.py [--reload] [--runs 3] [--scale 1.0] [--keep DIR]

The district comes from ``bench/district.py`` (8 streets, 304 grassroots unions, 100,000
members, 200,000 ledger records over 2024 and 2025) in its own database,
``unionportal_bench_district`` on the server of DATABASE_URL, created, migrated and loaded
on the first run and reused afterwards (``--reload`` loads it again). The 2025 report is
started by the district's official and given its 存在问题 and 明年打算, as an official would,
then measured exactly as the preview and the PDF job compute it (``reports.assembly``,
``reports.pdf``), in the default language. Each figure is the median of ``--runs`` runs
after one warm-up run.

1. Figures of the top node: ``gather(district, 2025)`` (every section, this year and the
   last) and its number of queries, with the same for a street and for the smallest union:
   the count must not depend on the size of the subtree. Target: 1 s. Measured twice: in
   the first year of use, when no 2024 summary was approved and last year is computed from
   the ledger too; and as in every later year, with the 2024 summaries approved, when the
   comparison reads the figures approval kept (``reports/published.py``). For the second,
   the bench gives the 2024 reports of the three nodes the state approval leaves — status
   approved, ``figures_to_publish`` kept — without walking the review of its 313 unions.
2. The full report: ``build_document`` + ``render_pdf``, its pages (pdfinfo) and size, for
   the district and for a street, whose appendix has a row per union. Target: 10 s for a
   report of 30 pages or more.
3. The whole pipeline (gather + build_document + render_pdf, which includes render_html)
   against ``render_bare`` (WeasyPrint alone, default options) on the same HTML.

Besides wall-clock time the CPU time of this process is printed, with the load average: on a
shared machine other work inflates the wall clock far more. To measure as the production
worker runs (templates without debugging), set DEBUG=false with any SECRET_KEY and
PERSONAL_DATA_KEY of 50+ random characters: the report decrypts no personal data.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import district as bench_district  # noqa: E402

TARGET_FIGURES_S = 1.0
TARGET_PDF_S = 10.0
TARGET_PAGES = 30
YEAR = 2025
PROBLEMS = (
    "一是部分非公企业工会组织覆盖面不够广，新就业形态劳动者入会率仍然偏低，基层工会规范化建设"
    "有待加强。\n\n二是基层工会干部多为兼职，业务能力参差不齐，台账记录不够及时完整。\n\n"
    "三是帮扶工作精准度有待提高，困难职工档案动态管理还需加强。")
PLANS = (
    "一是持续推进新就业形态劳动者入会集中行动，扩大工会组织覆盖面。\n\n二是深化“建功新时代”"
    "劳动竞赛和职工技能比武，培育更多劳模工匠。\n\n三是健全困难职工帮扶长效机制，做好春节送温暖、"
    "夏送清凉、金秋助学等常态化帮扶。\n\n四是加强基层工会干部培训，提高台账管理和工作总结质量。")


@dataclass
class Timing:
    median: float  # wall-clock seconds
    longest: float
    cpu: float  # median seconds of this process's CPU: what other load on the machine
    # inflates least (the database's work is not in it)


def timed(runs: int, step):
    """One warm-up call, then ``runs`` timed calls: (Timing, the last call's result)."""
    result = step()
    seconds, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = step()
        seconds.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return Timing(statistics.median(seconds), max(seconds), statistics.median(cpu)), result


def queries(step) -> tuple[int, float]:
    """How many queries ``step`` makes, and the seconds the database reports for them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        step()
    return len(captured), sum(float(query["time"]) for query in captured)


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` cut or padded to ``width`` terminal columns (a Chinese character takes two)."""
    shown, used = "", 0
    for character in text:
        size = 2 if unicodedata.east_asian_width(character) in "WF" else 1
        if used + size > width:
            break
        shown, used = shown + character, used + size
    filler = " " * (width - used)
    return filler + shown if right else shown + filler


# --- 1. figures ----------------------------------------------------------------------------

@dataclass
class FiguresResult:
    label: str
    organisation: object
    members: int
    timing: Timing
    queries: int
    sql: float  # seconds spent in the database, by its own account (one run)


def measure_figures(label: str, organisation, runs: int) -> FiguresResult:
    from members.models import Member
    from reports.assembly import gather
    from reports.periods import Period

    timing, _computed = timed(runs, lambda: gather(organisation, Period(YEAR)))
    count, sql = queries(lambda: gather(organisation, Period(YEAR)))
    return FiguresResult(label, organisation, Member.objects.within(organisation).count(),
                         timing, count, sql)


def last_year_approved(organisations, approved: bool) -> None:
    """Give the nodes' 2024 reports the state approval leaves (approved, with the figures
    it keeps), or take it away (no 2024 report at all, as in the first year of use)."""
    from reports.models import Report, ReportStatus
    from reports.periods import Period
    from reports.published import figures_to_publish

    before = Period(YEAR - 1)
    for organisation in organisations:
        Report.objects.filter(organisation=organisation, year=before.year,
                              period_kind=before.kind).delete()
        if approved:
            Report.objects.create(organisation=organisation, year=before.year,
                                  period_kind=before.kind, status=ReportStatus.APPROVED,
                                  figures=figures_to_publish(organisation, before))


def by_section(organisation, runs: int) -> list[tuple[str, Timing, int, float]]:
    """Where gather's time goes: each section computed for this year and the last."""
    from reports.periods import Period
    from reports.sections import sections

    now, before = Period(YEAR), Period(YEAR - 1)
    found = []
    for section in sections():
        def both(section=section):
            section.compute(organisation, now.start, now.end)
            section.compute(organisation, before.start, before.end)
        timing, _figures = timed(runs, both)
        found.append((section.key, timing, *queries(both)))
    return found


def print_figures_row(row: FiguresResult) -> None:
    within = row.timing.median <= TARGET_FIGURES_S
    print(f"   {pad(row.label, 34)} {row.members:>8,} {row.timing.median:>7.3f} "
          f"{row.timing.longest:>7.3f} {row.queries:>7} {row.sql:>6.3f}  "
          f"≤ {TARGET_FIGURES_S:g} s {'ok' if within else 'MISSED'}")


# --- 2. and 3. the report ------------------------------------------------------------------

@dataclass
class ReportResult:
    label: str
    organisation: object
    gather: Timing
    build: Timing
    html: Timing
    pdf: Timing  # render_pdf: render_html + WeasyPrint with the portal's options
    bare: Timing  # render_bare on the same HTML
    build_queries: int
    pages: int
    size: int
    appendix_rows: int

    @property
    def document_to_pdf(self) -> float:
        return self.build.median + self.pdf.median

    @property
    def document_to_pdf_cpu(self) -> float:
        return self.build.cpu + self.pdf.cpu

    @property
    def pipeline(self) -> float:
        return self.gather.median + self.build.median + self.pdf.median

    @property
    def ratio(self) -> float:
        return self.pipeline / self.bare.median

    @property
    def cpu_ratio(self) -> float:
        """The same ratio in this process's CPU time (gather's database work left out)."""
        return (self.gather.cpu + self.build.cpu + self.pdf.cpu) / self.bare.cpu


def started_report(organisation, official):
    """The 2025 report as its official leaves it: a draft with 存在问题 and 明年打算 written."""
    from reports.periods import Period
    from reports.services import report_start, report_texts_save

    report = report_start(organisation=organisation, period=Period(YEAR), actor=official)
    if not report.problems:
        report = report_texts_save(report, texts={}, problems=PROBLEMS, plans=PLANS,
                                   actor=official)
    return report


def measure_report(label: str, organisation, official, runs: int,
                   keep: Path | None) -> ReportResult:
    from reports.assembly import build_document, gather
    from reports.pdf import render_bare, render_html, render_pdf

    report = started_report(organisation, official)
    period = report.period
    gathered, computed = timed(runs, lambda: gather(organisation, period))
    built, document = timed(runs, lambda: build_document(report, computed=computed))
    build_queries, _sql = queries(lambda: build_document(report, computed=computed))
    html_timing, html = timed(runs, lambda: render_html(document, for_pdf=True))
    pdf_timing, pdf = timed(runs, lambda: render_pdf(document))
    bare_timing, _bare = timed(runs, lambda: render_bare(html))
    return ReportResult(label, organisation, gathered, built, html_timing, pdf_timing,
                        bare_timing, build_queries, pdf_pages(pdf, label, keep), len(pdf),
                        len(document.appendix_rows))


def pdf_pages(pdf: bytes, label: str, keep: Path | None) -> int:
    folder = keep or Path(tempfile.mkdtemp(prefix="bench-report-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"report-{label.split()[-1].strip('()')}.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True,
                          text=True).stdout
    if keep is None:
        path.unlink()
        folder.rmdir()
    return int(next(line.split()[-1] for line in info.splitlines()
                    if line.startswith("Pages:")))


# --- Printing --------------------------------------------------------------------------------

def print_setting(loaded, runs: int, load_before: tuple[float, ...]) -> None:
    from django.conf import settings
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0].split(",")[0]
    found = loaded.counts
    print(f"\n{version} · database {connection.settings_dict['NAME']} · DEBUG "
          f"{'on' if settings.DEBUG else 'off'} · language {settings.LANGUAGE_CODE}")
    print(f"{loaded.district.name}: {found['organisations']:,} organisations "
          f"({found['grassroots unions']:,} grassroots unions, {found['branch unions']:,} "
          f"branches) · {found['members']:,} members · "
          f"{bench_district.ledger_total(found):,} ledger records (2024 and 2025)")
    print(f"each figure: median of {runs} runs after one warm-up run; seconds · "
          f"{os.cpu_count()} CPUs, load average {load_before[0]:.1f} before and "
          f"{os.getloadavg()[0]:.1f} after (1 min)\n")


def print_figures(rows: list[FiguresResult], first_year: FiguresResult, sections) -> bool:
    print(f"1. Figures of the {YEAR} report: gather(node, Period({YEAR})), every section, "
          "this year and the last")
    header = (f"   {pad('node', 34)} {'members':>8} {'median':>7} {'max':>7} {'queries':>7} "
              f"{'SQL':>6}  target")
    print(header + "\n   " + "-" * (len(header) - 3))
    print(f"   {YEAR - 1} summaries approved: {YEAR - 1} read from the figures they kept")
    for row in rows:
        print_figures_row(row)
    print(f"   no {YEAR - 1} summary approved (first year of use): {YEAR - 1} computed too")
    print_figures_row(first_year)
    counts = {row.queries for row in rows}
    same = len(counts) == 1
    print(f"   query count independent of size: {'yes' if same else 'NO'} "
          f"({' = '.join(str(row.queries) for row in rows) if same else counts})")
    print(f"   {rows[0].organisation.name} by section (computed for {YEAR} and {YEAR - 1}): "
          + ", ".join(f"{key} {timing.median:.3f} ({count} q, SQL {sql:.3f})"
                      for key, timing, count, sql in sections))
    print("   SQL: the database's time for the queries of one run, as Django records it\n")
    return same and rows[0].timing.median <= TARGET_FIGURES_S


def print_reports(rows: list[ReportResult]) -> bool:
    print("2. Full report: build_document + render_pdf (render_html and WeasyPrint)")
    header = (f"   {pad('report', 34)} {'appendix':>9} {'median':>7} {'max':>7} {'CPU':>6} "
              f"{'pages':>5} {'size':>8}  target")
    print(header + "\n   " + "-" * (len(header) - 3))
    ok = True
    for row in rows:
        within = row.document_to_pdf <= TARGET_PDF_S
        ok &= within
        longest = row.build.longest + row.pdf.longest
        size = f"{row.size / 1024 / 1024:.2f} MB"
        print(f"   {pad(row.label, 34)} {row.appendix_rows:>4} rows {row.document_to_pdf:>7.2f} "
              f"{longest:>7.2f} {row.document_to_pdf_cpu:>6.2f} {row.pages:>5} {size:>8}  "
              f"≤ {TARGET_PDF_S:g} s "
              f"{'ok' if within else 'MISSED'}"
              + ("" if row.pages >= TARGET_PAGES else f" (but {row.pages} pages, "
                 f"not {TARGET_PAGES}+)"))
    for row in rows:
        if row.pages < TARGET_PAGES:
            print(f"   note: the report of {row.organisation.name} has {row.pages} pages, fewer "
                  f"than {TARGET_PAGES}; nothing was added to lengthen it.")
    print("\n3. Pipeline against WeasyPrint alone on the same HTML (render_bare)")
    header = (f"   {pad('report', 34)} {'gather':>7} {'build':>7} {'html':>7} {'pdf':>7} "
              f"{'pipeline':>8} {'bare':>7} {'ratio':>6} {'CPU ratio':>9}")
    print(header + "\n   " + "-" * (len(header) - 3))
    for row in rows:
        print(f"   {pad(row.label, 34)} {row.gather.median:>7.3f} {row.build.median:>7.3f} "
              f"{row.html.median:>7.3f} {row.pdf.median:>7.3f} {row.pipeline:>8.2f} "
              f"{row.bare.median:>7.2f} {row.ratio:>5.2f}× {row.cpu_ratio:>8.2f}×")
    print("   pipeline = gather + build + pdf; pdf = render_pdf (render_html, then WeasyPrint "
          "with the vendored font and 150 dpi images); html = render_html alone; bare = "
          "render_bare(html); build queries: "
          f"{', '.join(str(row.build_queries) for row in rows)}")
    print("   CPU: seconds of this process's CPU (median), which other load on the machine "
          "inflates least")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reload", action="store_true", help="load the district again")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each step")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="size of the district (1.0: 304 unions, 100,000 members, "
                             "200,000 ledger records)")
    parser.add_argument("--keep", type=Path, help="write the PDFs into this folder")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    load_before = os.getloadavg()
    bench_district.setup()
    from django.conf import settings
    from django.utils import translation

    loaded = bench_district.load(scale=args.scale, reload=args.reload)
    street = max(loaded.streets, key=lambda s: s.children.count())
    small = loaded.small_union
    nodes = (loaded.district, street, small)
    with translation.override(settings.LANGUAGE_CODE):
        last_year_approved(nodes, approved=False)
        first_year = measure_figures(f"{loaded.district.name} (first year)", loaded.district,
                                     args.runs)
        last_year_approved(nodes, approved=True)
        figures = [measure_figures(f"{loaded.district.name} (district)", loaded.district,
                                   args.runs),
                   measure_figures(f"{street.name} (street)", street, args.runs),
                   measure_figures(f"{small.name} (small union)", small, args.runs)]
        sections = by_section(loaded.district, args.runs)
        reports = [measure_report(f"{loaded.district.name} (district)", loaded.district,
                                  loaded.official, args.runs, args.keep),
                   measure_report(f"{street.name} (street)", street, loaded.official,
                                  args.runs, args.keep)]
    print_setting(loaded, args.runs, load_before)
    figures_ok = print_figures(figures, first_year, sections)
    reports_ok = print_reports(reports)
    sys.exit(0 if figures_ok and reports_ok else 1)


if __name__ == "__main__":
    main()
