"""The 文体活动 figures (and its 女职工工作 part) are counted from the records."""

import datetime as dt

import pytest

from activities.models import SubEvent
from activities.report import culture_and_sports
from activities.services import sub_events_save
from tests.competitions.factories import activity

YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_sports_meeting_seed_figures(tree):
    """举办第二十届运动会…十余个项目的比赛，参加人员达1100余人次."""
    meeting = activity(tree.union_a, tree.cadre_a, title="第二十届职工运动会",
                       participants=640, person_times=1126)
    events = [SubEvent(name=name, participants=60, results="第一名：装配车间")
              for name in ["100米", "200米", "跳远", "拔河", "篮球", "乒乓球", "羽毛球",
                           "象棋", "跳绳", "接力", "趣味投篮", "踢毽子"]]
    sub_events_save(meeting, save=events, delete=[], actor=tree.cadre_a)
    activity(tree.union_a2, tree.official_street_a, category="culture", title="迎新春文艺汇演",
             participants=80, person_times=80)
    activity(tree.union_a, tree.cadre_a, category="women", title="三八妇女节插花活动",
             participants=120, person_times=120)
    activity(tree.union_a, tree.cadre_a, category="safety", title="安康杯隐患排查",
             dangers_found=35, dangers_fixed=33)

    figures = culture_and_sports(tree.street_a, *YEAR)
    assert figures.sports_events == 1 and figures.culture_events == 1 and figures.events == 2
    assert figures.sub_events == 12  # 十余个项目
    assert figures.person_times == 1206 and figures.participants == 720
    assert figures.women_activities == 1 and figures.women_person_times == 120
    assert (figures.dangers_found, figures.dangers_fixed) == (35, 33)
    assert figures.highlights[0].title == "第二十届职工运动会"
    assert not figures.is_empty and not figures.women_is_empty
    assert culture_and_sports(tree.street_b, *YEAR).is_empty


@pytest.mark.parametrize("count", [2, 20])
def test_queries_do_not_grow_with_the_records(tree, count, django_assert_num_queries):
    for i in range(count):
        made = activity(tree.union_a, tree.cadre_a, title=f"活动{i}", person_times=10)
        sub_events_save(made, save=[SubEvent(name="拔河")], delete=[], actor=tree.cadre_a)
        activity(tree.union_a, tree.cadre_a, category="women", title=f"女工{i}")
    with django_assert_num_queries(4):
        figures = culture_and_sports(tree.district, *YEAR, photos=3)
    assert figures.sports_events == count and figures.sub_events == count
