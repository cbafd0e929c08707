"""The 宣传教育与文体活动 section of the annual report: text, figures, checks, appendix, photos."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from activities.models import SubEvent
from activities.photos import photos_attach
from activities.report import SECTIONS
from activities.services import sub_events_save
from tests.activities.images import jpeg_bytes
from tests.competitions.factories import activity

YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
SECTION = SECTIONS[0]


@pytest.fixture(autouse=True)
def _english():
    """The texts are asserted in English, the language of the message ids."""
    with translation.override("en"):
        yield


@pytest.fixture
def year_of_activities(tree):
    """举办第二十届运动会…十余个项目的比赛，参加人员达1100余人次 (seed 000), and the rest."""
    meeting = activity(tree.union_a, tree.cadre_a, title="第二十届职工运动会",
                       participants=640, person_times=1126)
    sub_events_save(meeting, save=[SubEvent(name=f"项目{i}") for i in range(12)], delete=[],
                    actor=tree.cadre_a)
    activity(tree.union_a2, tree.official_street_a, category="culture", title="迎新春文艺汇演",
             participants=80, person_times=80)
    activity(tree.union_a, tree.cadre_a, category="women", title="三八妇女节插花活动",
             participants=120, person_times=120)
    activity(tree.union_a, tree.cadre_a, category="safety", title="安康杯隐患排查",
             dangers_found=35, dangers_fixed=33)
    activity(tree.union_a, tree.cadre_a, category="publicity", title="工会信息报送",
             items_reported=12)
    activity(tree.union_b, tree.cadre_b, title="别的街道的运动会", participants=999,
             person_times=999)
    return meeting


def test_paragraph_gives_the_figures_of_the_year(tree, year_of_activities):
    figures = SECTION.compute(tree.street_a, *YEAR)
    assert SECTION.paragraph(figures, None).split("\n\n") == [
        "Over the year 2 cultural and sports events were held, of which 1 cultural event, "
        "1 sports event, with 12 competition events, drawing 720 participants, 1,206 "
        "participations in all. Over the year 1 activity for women workers was held, drawing "
        "120 participants, 120 participations in all. The activity with the most participants "
        "was “第二十届职工运动会”, with 1,126 participations.",
        "Over the year 1 work safety inspection was carried out, finding 35 hidden dangers, "
        "of which 33 have been fixed. Over the year 12 news items on the union's work were "
        "reported.",
    ]
    assert figures.photos == []  # photos come through the section's ``photos``


def test_growth_and_skipped_clauses(tree):
    activity(tree.union_a, tree.cadre_a, day=dt.date(2024, 5, 1), title="去年的运动会")
    activity(tree.union_a, tree.cadre_a, title="拔河比赛", participants=40, person_times=40)
    activity(tree.union_a, tree.cadre_a, title="篮球赛", participants=20, person_times=60)
    previous = SECTION.compute(tree.union_a, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    text = SECTION.paragraph(SECTION.compute(tree.union_a, *YEAR), previous)
    assert text.startswith("Over the year 2 cultural and sports events were held, up 100.0% "
                           "on the previous year, of which 2 sports events, drawing 60 "
                           "participants, 100 participations in all.")
    assert "cultural event" not in text and "women" not in text and "\n\n" not in text


def test_publicity_alone_is_not_an_empty_section(tree):
    activity(tree.union_a, tree.cadre_a, category="publicity", title="信息报送", items_reported=3)
    figures = SECTION.compute(tree.union_a, *YEAR)
    assert not figures.is_empty
    assert SECTION.paragraph(figures, None) == (
        "Over the year 3 news items on the union's work were reported.")
    assert SECTION.compute(tree.union_a2, *YEAR).is_empty


def test_headlines_and_tables(tree, year_of_activities):
    figures = SECTION.compute(tree.street_a, *YEAR)
    assert {f.key: f.value for f in SECTION.headlines(figures)} == {
        "activities": 2, "activity_person_times": 1206, "women_activities": 1,
        "publicity_items": 12}
    culture, women, safety, largest = SECTION.tables(figures)
    assert dict(culture.rows)["Competition events"] == 12
    assert dict(women.rows)["Participations"] == 120
    assert dict(safety.rows)["Hidden dangers fixed"] == 33
    assert largest.rows[0][1:2] == ["第二十届职工运动会"] and largest.rows[0][3] == 1126


def test_checks_name_exactly_the_faulty_records(tree):
    no_trainees = activity(tree.union_a, tree.cadre_a, category="training", title="无学员培训",
                           sessions=1, trainees=0, hours="4")
    no_hours = activity(tree.union_a2, tree.official_street_a, category="training",
                        title="无学时培训", day=dt.date(2025, 5, 11), sessions=1, trainees=30)
    activity(tree.union_a, tree.cadre_a, category="training", title="完整的培训", sessions=2,
             trainees=40, hours="8")
    activity(tree.union_a, tree.cadre_a, category="training", title="去年的培训",
             day=dt.date(2024, 5, 10))
    too_few = activity(tree.union_a, tree.cadre_a, title="人次少于人数", day=dt.date(2025, 6, 1),
                       participants=50, person_times=30)
    activity(tree.union_a, tree.cadre_a, title="正常的活动", participants=50, person_times=80)

    problems = SECTION.checks(tree.street_a, *YEAR)
    assert [(p.record, p.url) for p in problems] == [
        ("2025-05-10 无学员培训", reverse("activities:update", args=[no_trainees.pk])),
        ("2025-05-11 无学时培训", reverse("activities:update", args=[no_hours.pk])),
        ("2025-06-01 人次少于人数", reverse("activities:update", args=[too_few.pk])),
    ]
    assert [p.message for p in problems[:2]] == ["A training with no trainees recorded.",
                                                 "A training with no hours recorded."]
    assert problems[2].message.startswith("30 participations for 50 participants")
    assert SECTION.checks(tree.street_b, *YEAR) == []


def test_by_child_counts_cultural_and_sports_events(tree, year_of_activities):
    activity(tree.branch_a, tree.cadre_a, category="culture", title="车间合唱")
    assert SECTION.by_child(tree.street_a, *YEAR) == {
        tree.union_a.path: {"activities": 2}, tree.union_a2.path: {"activities": 1}}
    assert SECTION.by_child(tree.district, *YEAR) == {
        tree.street_a.path: {"activities": 3}, tree.street_b.path: {"activities": 1}}


def test_photos_come_captioned_and_limited(tree, year_of_activities):
    upload = [SimpleUploadedFile(f"p{i}.jpg", jpeg_bytes(), content_type="image/jpeg")
              for i in range(3)]
    photos_attach(activity=year_of_activities, files=upload, actor=tree.cadre_a,
                  caption="拔河比赛")
    found = SECTION.photos(tree.street_a, *YEAR, 2)
    assert [caption for _path, caption in found] == ["拔河比赛", "拔河比赛"]
    assert all(path.endswith(".jpg") or path.endswith(".jpeg") for path, _c in found)
    assert SECTION.photos(tree.street_b, *YEAR, 4) == []


@pytest.mark.parametrize("count", [2, 12])
def test_queries_do_not_grow_with_the_records(tree, count, django_assert_num_queries):
    for i in range(count):
        activity(tree.union_a, tree.cadre_a, title=f"活动{i}", participants=5, person_times=1)
        activity(tree.union_a, tree.cadre_a, category="training", title=f"培训{i}")
    with django_assert_num_queries(2):
        assert len(SECTION.checks(tree.district, *YEAR)) == 2 * count
    with django_assert_num_queries(1):
        assert SECTION.by_child(tree.district, *YEAR) == {
            tree.street_a.path: {"activities": count}}
    with django_assert_num_queries(1):
        SECTION.photos(tree.district, *YEAR, 4)
