"""The report is assembled from the registry: numbering, empty sections, the official's
texts, the comparison with last year, the appendix, and a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.assembly import build_document, gather, no_records_text, numeral
from reports.periods import Period, PeriodKind
from reports.sections import sections
from reports.services import report_start, report_texts_save
from tests.rights import factories as rights

PERIOD = Period(2025)


def test_numerals_of_headings():
    assert [numeral(i) for i in (1, 2, 9, 10, 11, 15, 20, 21)] == [
        "一", "二", "九", "十", "十一", "十五", "二十", "二十一"]


def test_periods():
    half = Period(2025, PeriodKind.FIRST_HALF)
    assert (half.start, half.end, half.through_month) == (dt.date(2025, 1, 1),
                                                         dt.date(2025, 6, 30), 6)
    assert PERIOD.previous() == Period(2024)
    with pytest.raises(ValueError):
        Period(2025, "h2")


def test_every_app_contributes_its_sections_in_order():
    keys = [section.key for section in sections()]
    assert len(keys) == len(set(keys))
    assert {"members", "rights"} <= set(keys)
    assert [s.order for s in sections()] == sorted(s.order for s in sections())


def test_a_section_without_records_says_so_and_prints_no_figures(tree):
    report = report_start(organisation=tree.union_a, period=PERIOD, actor=tree.cadre_a)
    document = build_document(report)
    assert [s.number for s in document.sections][:3] == ["一", "二", "三"]
    for section in document.sections:
        assert section.empty and section.text == no_records_text()
        assert not section.tables and not section.charts and not section.headlines
    assert document.draft


def _disputes(organisation, actor, year, count):
    for i in range(count):
        day = dt.date(year, 1 + i % 12, 5)
        rights.dispute(organisation, actor, date=day, dispute_type="wages",
                       outcome="settled", closed_on=day + dt.timedelta(days=3))


def test_the_official_text_replaces_the_default_and_emptying_it_restores(tree):
    _disputes(tree.union_a, tree.cadre_a, 2025, 3)
    report = report_start(organisation=tree.union_a, period=PERIOD, actor=tree.cadre_a)
    default = {s.key: s.text for s in build_document(report).sections}["rights"]
    assert "3" in default

    written = "全年调处劳动纠纷三起，均调处成功。"
    report = report_texts_save(report, texts={"rights": written},
                      problems="基层工会力量薄弱", plans="加强培训", actor=tree.cadre_a)
    document = build_document(report)
    assert {s.key: s.text for s in document.sections}["rights"] == written
    assert (document.problems, document.plans) == ("基层工会力量薄弱", "加强培训")

    report_texts_save(report, texts={"rights": ""}, problems="", plans="", actor=tree.cadre_a)
    assert {s.key: s.text for s in build_document(report).sections}["rights"] == default


def test_headlines_carry_the_change_from_last_year(tree):
    _disputes(tree.union_a, tree.cadre_a, 2024, 4)
    _disputes(tree.union_a, tree.cadre_a, 2025, 5)
    rights_section = next(item for item in gather(tree.union_a, PERIOD)
                          if item.section.key == "rights")
    disputes = next(h for h in rights_section.headlines() if h.figure.key == "disputes")
    assert (disputes.figure.value, disputes.previous, str(disputes.rate)) == (5, 4, "25.0")


def test_the_appendix_has_one_row_per_direct_child(tree):
    _disputes(tree.union_a, tree.cadre_a, 2025, 2)
    _disputes(tree.branch_a, tree.cadre_a, 2025, 1)  # under union_a
    _disputes(tree.union_b, tree.cadre_b, 2025, 7)  # another street
    report = report_start(organisation=tree.street_a, period=PERIOD,
                          actor=tree.official_street_a)
    document = build_document(report)
    names = [row[0] for row in document.appendix_rows]
    assert names == sorted([tree.union_a.name, tree.union_a2.name])
    column = list(document.appendix_columns).index(
        next(label for key, label in _appendix_labels() if key == "disputes"))
    by_name = {row[0]: row[column] for row in document.appendix_rows}
    assert by_name == {tree.union_a.name: 3, tree.union_a2.name: 0}


def _appendix_labels():
    return [(key, str(label)) for section in sections() for key, label in section.appendix]


def _document_queries(report) -> int:
    with CaptureQueriesContext(connection) as queries:
        build_document(report)
    return len(queries)


def test_assembly_queries_do_not_grow_with_the_records(tree):
    report = report_start(organisation=tree.street_a, period=PERIOD,
                          actor=tree.official_street_a)
    _disputes(tree.union_a, tree.cadre_a, 2025, 1)
    few = _document_queries(report)
    _disputes(tree.union_a, tree.cadre_a, 2025, 12)
    _disputes(tree.union_a2, tree.official_street_a, 2024, 12)
    _disputes(tree.branch_a, tree.cadre_a, 2025, 12)
    assert _document_queries(report) == few


def test_a_half_year_compares_with_the_same_period_of_last_year(tree):
    from django.utils import translation

    _disputes(tree.union_a, tree.cadre_a, 2024, 2)
    _disputes(tree.union_a, tree.cadre_a, 2025, 4)  # Jan–Apr: all in the first half
    half = Period(2025, PeriodKind.FIRST_HALF)
    with translation.override("en"):
        rights_section = next(item for item in gather(tree.union_a, half)
                              if item.section.key == "rights")
        assert "on the same period of the previous year" in rights_section.default_text()
        year = next(item for item in gather(tree.union_a, PERIOD) if item.section.key == "rights")
        text = year.default_text()
    assert "on the previous year" in text and "same period" not in text


def test_a_long_list_of_problems_is_cut_with_a_count(tree):
    from reports.assembly import PROBLEMS_SHOWN, problems

    for i in range(PROBLEMS_SHOWN + 3):  # answered, never reviewed: a failed check each
        rights.motion(tree.union_a, tree.cadre_a, number=str(i + 1), reply="已答复",
                      reply_date=dt.date(2025, 6, 1))
    found = [problem for section, problem in problems(tree.union_a, PERIOD)
             if section.key == "democracy"]
    assert len(found) == PROBLEMS_SHOWN + 1
    assert all(problem.url for problem in found[:-1])
    assert "3" in found[-1].message and not found[-1].url
