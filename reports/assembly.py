"""Assembling a report from the registry: figures, texts, comparison, appendix, photos.

Everything the preview, the PDF and the workbook show comes from ``gather`` and
``build_document``, so the three never disagree. The number of queries depends on the
number of sections, never on the number of records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from organisations.models import Organisation
from reports.document import Document, DocumentSection, Headline, Photo
from reports.periods import Period, PeriodKind
from reports.published import published
from reports.sections import Problem, Section, sections
from reports.text import change_rate, comparing_same_period

CHINESE_NUMERALS = "一二三四五六七八九十"
PHOTO_LIMIT = 4
PROBLEMS_SHOWN = 20


def numeral(index: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十 (report headings rarely pass twenty)."""
    if index <= 10:
        return CHINESE_NUMERALS[index - 1]
    tens, units = divmod(index, 10)
    return (CHINESE_NUMERALS[tens - 1] if tens > 1 else "") + "十" + (
        CHINESE_NUMERALS[units - 1] if units else "")


@dataclass(frozen=True)
class Computed:
    """One section's figures for the period and for the period before."""

    section: Section
    figures: Any
    previous: Any
    period: Period

    @property
    def empty(self) -> bool:
        return bool(self.figures.is_empty)

    def headlines(self) -> list[Headline]:
        before = {figure.key: figure.value for figure in self.section.headlines(self.previous)}
        return [Headline(figure, before.get(figure.key), change_rate(figure.value,
                                                                     before.get(figure.key)))
                for figure in self.section.headlines(self.figures)]

    def default_text(self) -> str:
        if self.empty:
            return no_records_text()
        with comparing_same_period(self.period.kind != PeriodKind.YEAR):
            return self.section.paragraph(self.figures, self.previous)


def no_records_text() -> str:
    return _("No records of this kind were entered for the period, so this section reports "
             "no figures.")


def gather(organisation: Organisation, period: Period) -> list[Computed]:
    """Every section's figures for the period and the same period a year earlier: as its
    approved report kept them, or computed when it has none."""
    before = period.previous()
    kept = published(organisation, before)
    return [Computed(section,
                     section.compute(organisation, period.start, period.end),
                     kept.get(section.key)
                     or section.compute(organisation, before.start, before.end), period)
            for section in sections()]


def problems(organisation: Organisation, period: Period) -> list[tuple[Section, Problem]]:
    """The logic checks (逻辑检查) of every section: what must be fixed before submission.

    At most PROBLEMS_SHOWN a section are named; one more line says how many are left
    (a district-wide list of thousands would hide the first to fix)."""
    found = []
    for section in sections():
        failed = section.checks(organisation, period.start, period.end)
        found += [(section, problem) for problem in failed[:PROBLEMS_SHOWN]]
        if len(failed) > PROBLEMS_SHOWN:
            found.append((section, Problem(ngettext(
                "and %(count)s more problem in this section",
                "and %(count)s more problems in this section", len(failed) - PROBLEMS_SHOWN)
                % {"count": len(failed) - PROBLEMS_SHOWN})))
    return found


def appendix(organisation: Organisation, period: Period) -> tuple[list[str], list[list]]:
    """One row per direct child union: the appendix columns every section contributes."""
    columns: list[tuple[str, str, dict]] = []
    for section in sections():
        if not section.appendix:
            continue
        values = section.by_child(organisation, period.start, period.end)
        columns.extend((key, label, values) for key, label in section.appendix)
    children = list(Organisation.objects.filter(parent=organisation).order_by("name"))
    header = [_("Union")] + [label for _key, label, _values in columns]
    rows = [[child.name] + [values.get(child.path, {}).get(key) or 0
                            for key, _label, values in columns]
            for child in children]
    return header, rows


def photos(organisation: Organisation, period: Period) -> list[Photo]:
    found: list[Photo] = []
    for section in sections():
        left = PHOTO_LIMIT - len(found)
        if left <= 0:
            break
        found.extend(Photo(path, caption) for path, caption in
                     section.photos(organisation, period.start, period.end, left))
    return found


def title(organisation: Organisation, period: Period) -> str:
    """明湖区总工会2025年工作总结 / …2025年上半年工作总结."""
    return _("%(organisation)s %(period)s work summary") % {
        "organisation": organisation.name, "period": period.label}


def build_document(report, *, computed: list[Computed] | None = None,
                   on_date: dt.date | None = None) -> Document:
    """The report as it prints: the official's texts where written, defaults elsewhere."""
    organisation, period = report.organisation, report.period
    computed = computed if computed is not None else gather(organisation, period)
    texts = {text.key: text.text for text in report.texts.all()}
    document_sections = [
        DocumentSection(
            number=numeral(index), key=item.section.key, title=str(item.section.title),
            text=texts.get(item.section.key) or item.default_text(), empty=item.empty,
            headlines=[] if item.empty else item.headlines(),
            tables=[] if item.empty else item.section.tables(item.figures),
            charts=[] if item.empty else item.section.charts(
                organisation, period.start, period.end, item.figures),
        )
        for index, item in enumerate(computed, start=1)
    ]
    header, rows = appendix(organisation, period)
    return Document(
        organisation=organisation.name, title=title(organisation, period),
        period=period.label, date=on_date or timezone.localdate(), author=organisation.name,
        sections=document_sections, problems=report.problems, plans=report.plans,
        appendix_columns=header if rows else (), appendix_rows=rows,
        photos=photos(organisation, period), draft=not report.is_final,
    )
