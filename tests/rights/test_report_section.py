"""The 民主管理 and 维权服务 sections of the annual report: the seed's figures entered as records
come back in the seed's sentences, with headlines, tables, chart, checks and appendix."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from rights.models import LabourDispute
from rights.report import SECTIONS, democratic_management, rights_protection
from tests.rights import factories as f
from tests.rights.test_report import YEAR, congress, disputes  # noqa: F401 (fixtures)

DEMOCRACY, PROTECTION = SECTIONS
PREVIOUS = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


@pytest.fixture(autouse=True)
def _english():
    """The texts are asserted in English, the language of the message ids."""
    with translation.override("en"):
        yield


def test_dispute_paragraph_gives_the_seed_figures_in_their_clauses(tree, disputes):  # noqa: F811
    """共调处劳动纠纷27起…其中劳动合同5件，工资纠纷10件，工伤纠纷7件，其他5件，涉及职工120名，
    涉案金额1329770元。调出率100%，成功率100%."""
    figures = rights_protection(tree.street_a, *YEAR)
    disputes_text, petitions_text = PROTECTION.paragraph(figures, None).split("\n\n")
    assert disputes_text == (
        "Over the year 27 labour disputes were mediated, of which 5 labour contract disputes, "
        "10 wage disputes, 7 work injury disputes, 5 other disputes, involving 120 workers, "
        "with 1,329,770 yuan at stake, a closing rate of 100%, a mediation success rate of "
        "100%.")
    assert petitions_text == ("Over the year 27 petitions from workers were received, from 27 "
                              "petitioners, 27 of them handled.")


def test_dispute_paragraph_compares_and_skips_zero_clauses(tree):
    a, cadre = tree.union_a, tree.cadre_a
    for day in (dt.date(2024, 3, 1), dt.date(2024, 4, 1)):
        f.dispute(a, cadre, date=day)
    f.dispute(a, cadre, dispute_type="injury", workers_involved=3, channel="legal_aid",
              outcome="arbitration", closed_on=dt.date(2025, 6, 20))
    text = PROTECTION.paragraph(rights_protection(a, *YEAR), rights_protection(a, *PREVIOUS))
    assert text == (
        "Over the year 1 labour dispute was mediated, down 50.0% on the previous year, of "
        "which 1 work injury dispute, involving 3 workers, a closing rate of 100%. 1 case was "
        "handled through legal aid; 1 case was referred to arbitration.")


def test_motions_paragraph_gives_the_seed_figures(tree, congress):  # noqa: F811
    """共收到提案、建议35份…除已经落实或正在落实的3条及…做过详细解释的13条外，同意立案9条，答复7条."""
    sessions, motions = DEMOCRACY.paragraph(democratic_management(tree.street_a, *YEAR),
                                            None).split("\n\n")
    assert sessions == ("Over the year 1 session of a workers' congress was held, attended "
                        "by 112 delegates, at which 3 resolutions were put to the vote, 2 of "
                        "them adopted.")
    assert motions == (
        "Over the year 35 motions were received, of which 9 were accepted as motions, 7 were "
        "handled as opinions, 13 were explained to their submitters, 6 have not been reviewed "
        "yet. At the end of the year 7 motions had been answered; 3 had been or were being "
        "implemented; 9 were past their reply deadline without an answer.")


def test_contracts_paragraph(tree):
    street, official = tree.street_a, tree.official_street_a
    f.contract(street, official, title="东关区域集体合同", contract_type="comprehensive",
               scope="regional", enterprises_covered=12, workers_covered=900)
    f.contract(street, official, title="东关区域工资专项集体协议", scope="regional",
               enterprises_covered=12, workers_covered=900)
    f.contract(tree.union_a, tree.cadre_a, title="女职工专项", contract_type="women",
               date=dt.date(2023, 5, 1), end_date=dt.date(2026, 4, 30), workers_covered=300)
    assert DEMOCRACY.paragraph(democratic_management(street, *YEAR), None) == (
        "Over the year 2 collective contracts were signed, of which Comprehensive collective "
        "contract: 1 signed, Special collective agreement on wages: 1 signed. At the end of "
        "the year 3 collective contracts were in force, covering 2,100 workers.")


def test_headlines_tables_and_chart(tree, disputes, congress):  # noqa: F811
    protection = rights_protection(tree.street_a, *YEAR)
    assert {h.key: h.value for h in PROTECTION.headlines(protection)} == {
        "disputes": 27, "dispute_workers": 120, "dispute_amount": Decimal("1329770"),
        "petitions": 27}
    by_type = PROTECTION.tables(protection)[0]
    assert by_type.rows == [["Labour contract", 5], ["Wages", 10], ["Work injury", 7],
                            ["Social insurance", 0], ["Other", 5], ["Total", 27]]
    [chart] = PROTECTION.charts(tree.street_a, *YEAR, protection)
    assert chart.kind == "bar" and chart.labels == [row[0] for row in by_type.rows[:-1]]
    assert list(chart.series.values()) == [[5, 10, 7, 0, 5]]

    democracy = democratic_management(tree.street_a, *YEAR)
    assert {h.key: h.value for h in DEMOCRACY.headlines(democracy)} == {
        "congress_sessions": 1, "motions": 35, "contracts_signed": 0, "contract_workers": 0}
    outcomes = dict(DEMOCRACY.tables(democracy)[1].rows)
    assert outcomes["Accepted as a motion"] == 9 and outcomes["Not reviewed yet"] == 6
    assert outcomes["Total"] == 35


def test_checks_name_exactly_the_faulty_records(tree):
    a, cadre = tree.union_a, tree.cadre_a
    unresolved = f.dispute(a, cadre, subject="未写结果", outcome="settled",
                           closed_on=dt.date(2025, 6, 5))
    # written before the rule or straight into the database: the check still finds it
    LabourDispute.objects.filter(pk=unresolved.pk).update(outcome="")
    f.dispute(a, cadre, subject="调解成功", outcome="settled", closed_on=dt.date(2025, 6, 5))
    f.dispute(a, cadre, subject="尚在调解")
    unreviewed = f.motion(a, cadre, number="8", title="答复了却没审查", reply="已答复",
                          reply_date=dt.date(2025, 6, 1))
    f.motion(a, cadre, number="9", review_outcome="opinion", reply="已答复",
             reply_date=dt.date(2025, 6, 1))
    f.motion(a, cadre, number="10")  # neither reviewed nor answered yet: nothing to fix

    [dispute_problem] = PROTECTION.checks(tree.district, *YEAR)
    assert dispute_problem.record == "2025-06-01 未写结果"
    assert dispute_problem.url == reverse("rights:dispute_update", args=[unresolved.pk])
    assert dispute_problem.message == "Closed on 2025-06-05 without an outcome."
    [motion_problem] = DEMOCRACY.checks(tree.district, *YEAR)
    assert motion_problem.record == "8 答复了却没审查"
    assert motion_problem.url == reverse("rights:motion_update", args=[unreviewed.pk])
    assert PROTECTION.checks(tree.street_b, *YEAR) == DEMOCRACY.checks(tree.street_b, *YEAR) == []


def test_by_child_counts_disputes_and_motions(tree, disputes, congress):  # noqa: F811
    f.motion(tree.union_b, tree.cadre_b, number="1")
    assert PROTECTION.by_child(tree.street_a, *YEAR) == {
        tree.union_a.path: {"disputes": 18}, tree.union_a2.path: {"disputes": 9}}
    assert DEMOCRACY.by_child(tree.district, *YEAR) == {
        tree.street_a.path: {"motions": 35}, tree.street_b.path: {"motions": 1}}
    assert dict(PROTECTION.appendix).keys() == {"disputes"}
    assert dict(DEMOCRACY.appendix).keys() == {"motions"}


@pytest.mark.parametrize("count", [2, 12])
def test_queries_do_not_grow_with_the_records(tree, count, django_assert_num_queries):
    a, cadre = tree.union_a, tree.cadre_a
    for i in range(count):
        made = f.dispute(a, cadre, outcome="settled", closed_on=dt.date(2025, 6, 5))
        LabourDispute.objects.filter(pk=made.pk).update(outcome="")
        f.motion(a, cadre, number=str(i), reply="已答复", reply_date=dt.date(2025, 6, 1))
    figures = rights_protection(tree.district, *YEAR)
    with django_assert_num_queries(0):
        PROTECTION.charts(tree.district, *YEAR, figures)
    with django_assert_num_queries(1):
        assert len(PROTECTION.checks(tree.district, *YEAR)) == count
    with django_assert_num_queries(1):
        assert len(DEMOCRACY.checks(tree.district, *YEAR)) == count
    with django_assert_num_queries(1):
        assert PROTECTION.by_child(tree.district, *YEAR) == {
            tree.street_a.path: {"disputes": count}}
    with django_assert_num_queries(1):
        assert DEMOCRACY.by_child(tree.district, *YEAR) == {
            tree.street_a.path: {"motions": count}}
