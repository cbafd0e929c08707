"""The 劳动竞赛与职工素质 section of the annual report: text, figures, checks and appendix."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from competitions.report import SECTIONS, competitions_and_skills
from tests.competitions.factories import activity, competition, entries, honour, proposal

YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
FIRST_HALF = (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
SECTION = SECTIONS[0]
TRADES = [f"工种{i:02d}" for i in range(23)]


@pytest.fixture(autouse=True)
def _english():
    """The texts are asserted in English, the language of the message ids."""
    with translation.override("en"):
        yield


def test_skill_contest_paragraph_gives_the_seed_figures(tree):
    """厂级技术比武参与工种23个，全厂共有401名选手参加了厂决赛，63人获得了各工种前二(三)名."""
    comp = competition(tree.union_a, tree.cadre_a, trades="\n".join(TRADES))
    rows = []
    for i in range(401):
        rank, podium = i // 23 + 1, 3 if i % 23 < 17 else 2
        rows.append((f"选手{i}", TRADES[i % 23], rank if rank <= podium else None))
    entries(comp, tree.cadre_a, rows)
    competition(tree.union_a, tree.cadre_a, day=dt.date(2024, 5, 1), title="去年的比武")
    competition(tree.union_a, tree.cadre_a, day=dt.date(2024, 9, 1), title="去年的竞赛",
                kind="labour")

    figures = competitions_and_skills(tree.street_a, *YEAR)
    previous = competitions_and_skills(tree.street_a, dt.date(2024, 1, 1),
                                       dt.date(2024, 12, 31))
    text = SECTION.paragraph(figures, previous)
    assert ("Over the year 1 labour or skill competition was held, down 50.0% on the "
            "previous year, of which skill contest (技能竞赛·技术比武): 1.") in text
    assert ("23 trades took part; 401 contestants competed; 63 contestants were placed; "
            "23 first places were won.") in text
    assert "higher bod" not in text and "proposal" not in text and "honour" not in text


def test_proposals_paragraph_gives_the_half_year_seed_figures(tree):
    """上半年共征集合理化建议77条，共评出一等奖1个、二等奖2个、三等奖3个、优秀奖40个."""
    grades = ["first"] * 1 + ["second"] * 2 + ["third"] * 3 + ["merit"] * 40 + ["none"] * 31
    for i, grade in enumerate(grades):
        proposal(tree.union_a, tree.cadre_a, day=dt.date(2025, 1 + i % 6, 10),
                 title=f"建议{i}", grade=grade, adopted=grade != "none",
                 estimated_benefit=Decimal("1000.50"), kind="innovation" if i < 5 else "proposal")
    text = SECTION.paragraph(competitions_and_skills(tree.union_a, *FIRST_HALF), None)
    assert text == (
        "In the first half of the year 77 rationalisation proposals were collected, 5 of them "
        "small innovations, awarding first prize (一等): 1 awarded, second prize (二等): 2 "
        "awarded, third prize (三等): 3 awarded, merit award (优秀): 40 awarded. "
        "46 proposals were adopted; their estimated benefit is 77,038.50 yuan.")


def test_training_and_honours_paragraphs(tree):
    activity(tree.union_a, tree.cadre_a, category="training", title="安全培训",
             sessions=12, trainees=480, hours="36.5")
    activity(tree.union_a2, tree.official_street_a, category="training", title="师德培训",
             sessions=3, trainees=90, hours="6")
    honour(tree.union_a, tree.cadre_a, level="national", title="model_worker")
    honour(tree.union_a, tree.cadre_a, level="city")
    honour(tree.union_a2, tree.official_street_a, recipient="collective", name="数学教研组",
           title="pioneer", level="city")
    text = SECTION.paragraph(competitions_and_skills(tree.street_a, *YEAR), None)
    assert text.split("\n\n") == [
        "Over the year 2 training courses were held, in 15 sessions, with 570 trainees, "
        "42.5 hours of training in all.",
        "Over the year 3 honours were won, of which national (全国): 1, city (市): 2, "
        "1 of them a collective honour.",
    ]


def test_headlines_and_tables(tree):
    higher = competition(tree.union_a, tree.cadre_a, title="市职工职业技能大赛",
                         organiser="higher", level="city", trades="焊工\n车工")
    entries(higher, tree.cadre_a, [("张三", "焊工", 2), ("李四", "车工", None),
                                   ("王五", "车工", 1)])
    competition(tree.union_a2, tree.official_street_a, kind="labour", title="劳动竞赛")
    figures = competitions_and_skills(tree.street_a, *YEAR)
    headlines = {figure.key: figure.value for figure in SECTION.headlines(figures)}
    assert headlines == {"competitions": 2, "contestants": 3, "proposals": 0, "trainees": 0,
                         "honours": 0}
    by_kind, placings = SECTION.tables(figures)  # no proposals, training, honours: no tables
    assert dict(by_kind.rows)["Total"] == 2
    assert dict(by_kind.rows)["labour competition (劳动竞赛)"] == 1
    assert dict(placings.rows)["Placings in contests of higher bodies"] == 2
    text = SECTION.paragraph(figures, None)
    assert "1 of them organised by a higher body" in text
    assert "2 placings were won in higher bodies' contests" in text


def test_checks_name_exactly_the_faulty_records(tree):
    welding = competition(tree.union_a, tree.cadre_a, title="技术比武", trades="焊工\n车工")
    entries(welding, tree.cadre_a, [("张三", "焊工", 1), ("李四", "焊工", 2),
                                    ("王五", "车工", 3)])  # third of one
    empty = competition(tree.union_a2, tree.official_street_a, title="没有参赛者的竞赛")
    competition(tree.union_a, tree.cadre_a, day=dt.date(2024, 6, 1), title="去年的空竞赛")

    problems = SECTION.checks(tree.street_a, *YEAR)
    assert [(p.record, p.url) for p in problems] == [
        ("技术比武 · 王五", reverse("competitions:entries", args=[welding.pk])),
        ("2025-06-01 没有参赛者的竞赛", reverse("competitions:entries", args=[empty.pk])),
    ]
    assert problems[0].message == "Placed 3 among only 1 entries in “车工”."
    assert SECTION.checks(tree.street_b, *YEAR) == []


def test_by_child_counts_competitions_under_each_direct_child(tree):
    competition(tree.union_a, tree.cadre_a)
    competition(tree.branch_a, tree.cadre_a)
    competition(tree.union_a2, tree.official_street_a)
    competition(tree.union_b, tree.cadre_b)
    competition(tree.union_a, tree.cadre_a, day=dt.date(2024, 6, 1))
    assert SECTION.by_child(tree.street_a, *YEAR) == {
        tree.union_a.path: {"competitions": 2}, tree.union_a2.path: {"competitions": 1}}
    assert SECTION.by_child(tree.district, *YEAR) == {
        tree.street_a.path: {"competitions": 3}, tree.street_b.path: {"competitions": 1}}


@pytest.mark.parametrize("count", [2, 12])
def test_queries_do_not_grow_with_the_records(tree, count, django_assert_num_queries):
    for i in range(count):
        comp = competition(tree.union_a, tree.cadre_a, title=f"比武{i}")
        entries(comp, tree.cadre_a, [(f"选手{i}", "", 2)])
        competition(tree.union_a, tree.cadre_a, title=f"空{i}")
    with django_assert_num_queries(2):
        assert len(SECTION.checks(tree.district, *YEAR)) == 2 * count
    with django_assert_num_queries(1):
        assert SECTION.by_child(tree.district, *YEAR) == {
            tree.street_a.path: {"competitions": 2 * count}}
