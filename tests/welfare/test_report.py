"""The welfare section comes out of records: the seed's figures entered, the same read back.

Seed 000 (a factory's and a street federation's 20__ summaries) says:
- "全年看望病号544人次;慰问离退休职工1080人次…还为44名困难职工发放补助金16300元";
- "元旦春节困难职工慰问活动中共计慰问困难职工26名,发放慰问金和慰问品39000元。夏季高温慰问企业29家,
  企业职工6072人,共发放防暑用品、饮料等慰问品共计262094元。…金秋助学…为6名大学生、1名中学生、
  1名小学生,共计8名困难职工家庭提供了助学服务,共计18500元";
- "医疗互助参保人数为10135人,其中在职参保4886人,退休参保859人,安康参保1423人,特种参保2956人,共有
  49家单位参保,其中32家企业全员参保" (the categories add up to 10,124: one person may be in
  several plans and some in none listed, so the persons are entered, not summed);
- "1—11月,新增困难职工3人,现共有困难职工26人";
- "全厂1863名职工共计捐款84186元…为四名考上大学的困难职工家庭送去了9000元资助金额".

The 1,624 visits are written in bulk as paid grants (through the services they take a
minute); every other record goes through the services, approval and payment included.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.welfare import factories as f
from welfare.models import AidGrant
from welfare.report import DRIVES_LISTED, SECTIONS, welfare_figures

YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
SECTION = SECTIONS[0]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def paid_visits(org, actor, approver, people, count, reason):
    """``count`` paid visits spread over ``people`` (members), written in one bulk insert."""
    AidGrant.objects.bulk_create([
        AidGrant(organisation=org, date=dt.date(2025, 1 + i % 12, 10), programme="visit",
                 visit_reason=reason, member=people[i % len(people)],
                 person_hash=people[i % len(people)].id_hash, goods=Decimal("100"),
                 status="paid", approved_by=approver, paid_by=actor,
                 paid_on=dt.date(2025, 1 + i % 12, 10), created_by=actor)
        for i in range(count)])


def paid(tree, org, **fields):
    actor = tree.cadre_a if org.is_within(tree.union_a) else tree.official_street_a
    return f.grant(org, actor, approver=tree.official_street_a, paid_by=actor, **fields)


@pytest.fixture
def seed(tree):
    a, cadre = tree.union_a, tree.cadre_a
    people = [f.member(a, cadre, name=f"职工{i}") for i in range(10)]
    paid_visits(a, cadre, tree.official_street_a, people, 544, "sick")
    paid_visits(tree.branch_a, cadre, tree.official_street_a, people, 1080, "retired")
    # 44 workers in difficulty, 16,300 yuan: 43 × 370 + 390.
    for i in range(44):
        paid(tree, a, programme="daily_hardship", member=f.member(a, cadre, name=f"困难{i}"),
             cash=Decimal("390") if i == 0 else Decimal("370"))
    # The street's Spring Festival round: 26 workers in difficulty, 39,000 yuan in all.
    street = tree.street_a
    for i in range(26):
        paid(tree, street, programme="spring_festival",
             member=f.member(tree.union_a2, tree.official_street_a, name=f"春节{i}"),
             cash=Decimal("1000"), goods=Decimal("500"))
    # Summer heat: 29 enterprises with 6,072 workers, 262,094 yuan of goods.
    for i in range(29):
        paid(tree, street, programme="summer_cool", collective_name=f"企业{i}",
             collective_kind="enterprise", cash=Decimal("0"),
             headcount=6072 - 28 * 200 if i == 0 else 200,
             goods=Decimal("262094") - 28 * Decimal("9000") if i == 0 else Decimal("9000"))
    # Golden Autumn: 6 university, 1 secondary, 1 primary; 8 families on the register.
    fund = f.drive(a, cadre, title="爱心助学捐款", donors=1863, total=Decimal("84186"),
                   date=dt.date(2025, 7, 1))
    levels = ["university"] * 6 + ["high", "primary"]
    for i, level in enumerate(levels):
        household = f.case(a, cadre, person=f.member(a, cadre, name=f"助学{i}"))
        paid(tree, a, programme="autumn_tuition", case=household, school_level=level,
             school="山东大学" if level == "university" else "明湖中学",
             cash=Decimal("2250") if level == "university" else Decimal("2500"),
             drive=fund if i < 4 else None, date=dt.date(2025, 8, 20))
    # Mutual medical aid: 49 units, 32 with their whole staff.
    totals = {"persons": 10135, "on_job_persons": 4886, "retired_persons": 859,
              "ankang_persons": 1423, "special_persons": 2956}
    for i in range(49):
        share = {key: value // 49 + (value % 49 if i == 0 else 0)
                 for key, value in totals.items()}
        f.enrolment(tree.union_a2, tree.official_street_a, unit=f"单位{i}", all_staff=i < 32,
                    on_job_premium=Decimal("50.10"), **share)


def test_the_seed_figures_come_back(tree, seed):
    figures = welfare_figures(tree.street_a, *YEAR)
    assert figures.visits_by_reason == {"sick": 544, "retired": 1080, "model_worker": 0,
                                        "posted_away": 0, "other": 0}
    daily = figures.programme("daily_hardship")
    assert (daily.persons, daily.visits, daily.cash) == (44, 44, Decimal("16300"))
    spring = figures.programme("spring_festival")
    assert (spring.persons, spring.amount) == (26, Decimal("39000"))
    summer = figures.programme("summer_cool")
    assert (summer.enterprises, summer.teams, summer.workers) == (29, 0, 6072)
    assert summer.collective_goods == Decimal("262094") and summer.visits == 0
    tuition = figures.programme("autumn_tuition")
    assert figures.students_by_level == {"university": 6, "high": 1, "junior": 0,
                                         "primary": 1}
    assert (tuition.persons, tuition.households, tuition.cash) == (8, 8, Decimal("18500"))
    assert figures.mutual_persons == 10135
    assert {c: persons for c, (persons, _premium) in figures.mutual_by_category.items()} == {
        "on_job": 4886, "retired": 859, "ankang": 1423, "special": 2956}
    assert (figures.mutual_units, figures.mutual_all_staff_units) == (49, 32)
    assert figures.mutual_premiums == Decimal("50.10") * 49  # no float drift
    (drive,) = figures.drives
    assert (drive.donors, drive.total, drive.paid_out) == (1863, Decimal("84186"),
                                                           Decimal("9000"))
    assert figures.cases_new == 8 and figures.cases_current == 8
    assert figures.grants_unpaid == 0 and not figures.is_empty


def test_the_paragraph_says_them(tree, seed):
    figures = welfare_figures(tree.street_a, *YEAR)
    text = SECTION.paragraph(figures, None)
    for phrase in ("visited sick workers 544 times", "visited retired workers 1,080 times",
                   "hardship allowances of 16,300 yuan to 44 workers",
                   "26 workers in difficulty were visited and given 39,000 yuan",
                   "29 enterprises with 6,072 workers",
                   "worth 262,094 yuan",
                   "6 university students and 1 secondary school student and 1 primary",
                   "8 families of workers in difficulty", "18,500 yuan",
                   "enrolled 10,135 persons", "4,886 on the job", "859 retired",
                   "1,423 in Ankang", "2,956 in special serious illness",
                   "49 units enrolled", "32 of them with their whole staff",
                   "1 donation drive raised 84,186 yuan from 1,863 donors",
                   "9,000 yuan of it was paid out"):
        assert phrase in text, phrase
    assert "model workers" not in text  # no records, no clause


def test_the_paragraph_in_chinese_reads_like_the_seed(tree, seed):
    figures = welfare_figures(tree.street_a, *YEAR)
    with translation.override("zh-hans"):
        text = SECTION.paragraph(figures, None)
    # Without the catalog entries the English templates come back; with them, the seed's
    # wording. Either way the figures are the seed's.
    for value in ("544", "1,080", "16,300", "6,072", "262,094", "18,500", "10,135", "4,886"):
        assert value in text


def test_growth_on_the_previous_year(tree, seed):
    figures = welfare_figures(tree.street_a, *YEAR)
    previous = welfare_figures(tree.street_a, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert previous.is_empty
    paid(tree, tree.union_a, programme="daily_hardship", date=dt.date(2024, 6, 1),
         member=f.member(tree.union_a, tree.cadre_a), cash=figures.amount / 2)
    previous = welfare_figures(tree.street_a, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert "up 100.0% on the previous year" in SECTION.paragraph(figures, previous)


def test_headlines_tables_chart_and_appendix(tree, seed):
    figures = welfare_figures(tree.street_a, *YEAR)
    headlines = {figure.key: figure.value for figure in SECTION.headlines(figures)}
    assert headlines["aid_visits"] == 544 + 1080 + 44 + 26 + 8
    assert headlines["collective_workers"] == 6072
    assert headlines["mutual_aid_persons"] == 10135
    assert headlines["drive_total"] == Decimal("84186")
    assert headlines["aid_cash"] == Decimal("16300") + 26 * Decimal("1000") + Decimal("18500")
    titles = [table.title for table in SECTION.tables(figures)]
    assert titles == ["Aid to persons by programme",
                      "Visits by reason and students by school level", "Collective grants",
                      "Hardship register", "Mutual medical aid", "Donation drives"]
    (chart,) = SECTION.charts(tree.street_a, *YEAR, figures)
    assert chart.kind == "bar" and len(chart.labels) == 6
    cash = dict(zip(chart.labels, chart.series["Cash (yuan)"], strict=True))
    assert cash["Golden Autumn tuition aid"] == Decimal("18500")
    by_child = SECTION.by_child(tree.street_a, *YEAR)
    assert by_child[tree.union_a.path] == {
        "aid_cash": Decimal("16300") + Decimal("18500"), "aid_persons": 10 + 44 + 8}
    assert by_child[tree.street_a.path]["aid_persons"] == 26
    assert dict(SECTION.appendix).keys() == {"aid_persons", "aid_cash"}


def test_outside_the_subtree_or_the_period_is_not_counted(tree):
    worker = f.member(tree.union_b, tree.cadre_b)
    f.grant(tree.union_b, tree.cadre_b, member=worker, approver=tree.official_district,
            paid_by=tree.cadre_b)
    mine = f.member(tree.union_a, tree.cadre_a)
    f.grant(tree.union_a, tree.cadre_a, member=mine, date=dt.date(2024, 12, 31),
            approver=tree.official_street_a, paid_by=tree.cadre_a)
    f.grant(tree.union_a, tree.cadre_a, member=mine, programme="serious_illness")  # unpaid
    figures = welfare_figures(tree.street_a, *YEAR)
    assert figures.visits == 0 and figures.grants_unpaid == 1
    assert figures.is_empty


def test_the_register_as_it_stood_at_the_end_of_the_period(tree):
    a, cadre = tree.union_a, tree.cadre_a
    kept = f.case(a, cadre, date=dt.date(2024, 5, 1), level="extreme")
    lifted = f.case(a, cadre, date=dt.date(2024, 5, 1))
    f.review(lifted, cadre, date=dt.date(2025, 4, 1), status="lifted")
    closed = f.case(a, cadre, date=dt.date(2025, 2, 1))
    f.review(closed, cadre, date=dt.date(2025, 11, 1), status="closed")
    later = f.case(a, cadre, date=dt.date(2025, 3, 1))
    f.review(later, cadre, date=dt.date(2026, 1, 5), status="lifted")  # after the period
    figures = welfare_figures(tree.union_a, *YEAR)
    assert (figures.cases_new, figures.cases_lifted, figures.cases_closed) == (2, 1, 1)
    assert (figures.cases_current, figures.cases_current_extreme) == (2, 1)  # kept, later
    # kept's first review was due 2024-10-28 and never happened: overdue.
    assert figures.cases_reviews_overdue >= 1
    text = SECTION.paragraph(figures, None)
    assert "2 workers in difficulty are on file, 1 of them in extreme hardship" in text
    assert kept.pk


def test_checks_point_at_the_records_to_fix(tree):
    a, cadre = tree.union_a, tree.cadre_a
    outsider = f.member(a, cadre, name="非困难职工")
    waiting = f.grant(a, cadre, programme="autumn_tuition", member=outsider,
                      school_level="university", school="山东大学", cash=Decimal("2000"))
    later = dt.date(2026, 2, 1)  # no review overdue within 2025
    implausible = f.case(a, cadre, monthly_income_per_head=Decimal("8000"), household_size=12,
                         next_review_date=later)
    no_premium = f.enrolment(a, cadre, on_job_premium=Decimal("0"))
    fine = f.case(a, cadre, person=f.member(a, cadre, name="好好"), next_review_date=later)
    overdue = f.case(a, cadre, person=f.member(a, cadre, name="逾期"),
                     next_review_date=dt.date(2025, 10, 1))
    problems = SECTION.checks(tree.street_a, *YEAR)
    by_record = {}
    for problem in problems:
        by_record.setdefault(problem.record, []).append(problem)
    assert {p.message for p in by_record[str(waiting)]} == {
        "A grant still awaiting approval.",
        "Golden Autumn tuition aid to a worker who is not on the hardship register."}
    assert by_record[str(waiting)][0].url == f"/welfare/grants/{waiting.pk}/"
    assert len(by_record[str(implausible)]) == 2
    assert by_record[str(implausible)][0].url == f"/welfare/cases/{implausible.pk}/edit/"
    assert [p.message for p in by_record[str(no_premium)]] == [
        "No premiums recorded for this enrolment."]
    assert str(fine) not in by_record
    (late,) = by_record[str(overdue)]
    assert late.message == "The review due on 2025-10-01 is overdue."
    assert late.url == f"/welfare/cases/{overdue.pk}/"
    # A paid grant whose payment date was lost (written around the services) is caught.
    AidGrant.objects.filter(pk=waiting.pk).update(status="paid", paid_on=None, school_level="")
    messages = {p.message for p in SECTION.checks(tree.street_a, *YEAR)
                if p.record == str(waiting)}
    assert "A paid grant without the date of payment." in messages
    assert "Golden Autumn tuition aid without the student's school level." in messages


def _records(tree, count):
    a, cadre, official = tree.union_a, tree.cadre_a, tree.official_street_a
    for i in range(count):
        worker = f.member(a, cadre)
        household = f.case(a, cadre, person=worker, date=dt.date(2025, 1, 1 + i))
        f.review(household, cadre, date=dt.date(2025, 6, 1 + i),
                 status="lifted" if i % 2 else "on_file")
        f.grant(a, cadre, member=worker, approver=official, paid_by=cadre)
        f.grant(a, cadre, programme="summer_cool", collective_name=f"班组{i}",
                collective_kind="team", headcount=10, goods=Decimal("800"))
        fund = f.drive(a, cadre, title=f"捐款{i}")
        f.grant(a, cadre, programme="autumn_tuition", case=household, school="明湖中学",
                school_level="primary", cash=Decimal("100"), drive=fund,
                approver=official, paid_by=cadre)
        f.enrolment(a, cadre, unit=f"单位{i}")


@pytest.mark.parametrize("count", [2, 12])
def test_queries_do_not_grow_with_the_records(tree, count, django_assert_num_queries):
    _records(tree, count)
    with django_assert_num_queries(7):
        figures = SECTION.compute(tree.district, *YEAR)
    assert figures.programme("daily_hardship").visits == count
    assert figures.drives_count == count and len(figures.drives) == min(count, DRIVES_LISTED)
    with CaptureQueriesContext(connection) as queries:
        assert SECTION.checks(tree.district, *YEAR)
        SECTION.by_child(tree.district, *YEAR)
        SECTION.charts(tree.district, *YEAR, figures)
    assert len(queries) == 4
