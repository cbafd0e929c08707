"""The 劳动竞赛与职工素质 figures are counted from the records, as the seeds quote them."""

import datetime as dt
from decimal import Decimal

import pytest

from competitions.report import competitions_and_skills
from tests.competitions.factories import activity, competition, entries, honour, proposal

YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
FIRST_HALF = (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
TRADES = [f"工种{i:02d}" for i in range(23)]


def test_skill_contest_seed_figures(tree):
    """厂级技术比武参与工种23个，全厂共有401名选手参加了厂决赛，63人获得了各工种前二(三)名."""
    comp = competition(tree.union_a, tree.cadre_a, trades="\n".join(TRADES))
    rows = []
    for i in range(401):
        trade = TRADES[i % 23]
        rank = i // 23 + 1  # 401 = 23 * 17 + 10: trades 0-9 have 18 contestants
        # the first 17 trades award three places, the last 6 two: 17 * 3 + 6 * 2 = 63
        podium = 3 if i % 23 < 17 else 2
        rows.append((f"选手{i}", trade, rank if rank <= podium else None))
    entries(comp, tree.cadre_a, rows)

    figures = competitions_and_skills(tree.street_a, *YEAR)
    assert figures.competitions == 1 and figures.competitions_by_kind["skill"] == 1
    assert figures.trades == 23
    assert figures.participants == 401
    assert figures.winners == 63
    assert figures.first_places == 23
    assert figures.higher_placings == 0
    assert not figures.is_empty
    # the sibling street sees none of it
    assert competitions_and_skills(tree.street_b, *YEAR).is_empty


def test_proposal_seed_figures(tree):
    """上半年共征集合理化建议77条，共评出一等奖1个、二等奖2个、三等奖3个、优秀奖40个."""
    grades = ["first"] * 1 + ["second"] * 2 + ["third"] * 3 + ["merit"] * 40 + ["none"] * 31
    for i, grade in enumerate(grades):
        proposal(tree.union_a if i % 2 else tree.branch_a, tree.cadre_a,
                 day=dt.date(2025, 1 + i % 6, 10), title=f"建议{i}", grade=grade,
                 adopted=grade != "none", estimated_benefit=Decimal("1000.50"))
    proposal(tree.union_a, tree.cadre_a, day=dt.date(2025, 8, 1), grade="first")  # 下半年

    figures = competitions_and_skills(tree.union_a, *FIRST_HALF)
    assert figures.proposals == 77
    assert figures.proposals_by_grade == {"first": 1, "second": 2, "third": 3, "merit": 40,
                                          "none": 31}
    assert figures.proposals_awarded == 46 and figures.proposals_adopted == 46
    assert figures.proposals_benefit == Decimal("77038.50")
    assert competitions_and_skills(tree.union_a, *YEAR).proposals == 78


def test_higher_contests_training_and_honours(tree):
    higher = competition(tree.union_a, tree.cadre_a, title="市职工职业技能大赛",
                         organiser="higher", level="city", trades="焊工\n车工")
    entries(higher, tree.cadre_a, [("张三", "焊工", 2), ("李四", "车工", None),
                                   ("王五", "车工", 1)])
    activity(tree.union_a, tree.cadre_a, category="training", title="安全培训",
             sessions=12, trainees=480, hours="36.5")
    activity(tree.union_a2, tree.official_street_a, category="training", title="师德培训",
             sessions=3, trainees=90, hours="6")
    honour(tree.union_a, tree.cadre_a, level="national", title="model_worker")
    honour(tree.union_a, tree.cadre_a, level="city")
    honour(tree.union_a2, tree.official_street_a, recipient="collective", name="数学教研组",
           title="pioneer", level="city")

    figures = competitions_and_skills(tree.street_a, *YEAR)
    assert figures.higher_contests_entered == 1
    assert figures.higher_placings == 2 and figures.first_places == 1
    assert figures.trades == 2 and figures.participants == 3 and figures.winners == 2
    assert (figures.trainings, figures.training_sessions, figures.trainees) == (2, 15, 570)
    assert figures.training_hours == Decimal("42.5")
    assert figures.honours == 3 and figures.honours_collective == 1
    assert figures.honours_by_level["city"] == 2 and figures.honours_by_level["national"] == 1


@pytest.mark.parametrize("count", [2, 20])
def test_queries_do_not_grow_with_the_records(tree, count, django_assert_num_queries):
    for i in range(count):
        comp = competition(tree.union_a, tree.cadre_a, title=f"比武{i}")
        entries(comp, tree.cadre_a, [(f"选手{i}", "", 1)])
        proposal(tree.union_a, tree.cadre_a, grade="merit")
        honour(tree.union_a, tree.cadre_a)
        activity(tree.union_a, tree.cadre_a, category="training", sessions=1)
    with django_assert_num_queries(5):
        figures = competitions_and_skills(tree.district, *YEAR)
    assert figures.competitions == count and figures.honours == count
