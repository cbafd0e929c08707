"""The district bench's generator at a tiny scale: it creates what it claims, validly.

bench/report.py (and the load bench after it) measure on this data, so a figure is worth
only what the data is: a tree whose materialised paths are the portal's own, members whose
encrypted numbers are real ID numbers, records that pass their models' ``clean``, in both
years the report compares. The generator writes with COPY and PostgreSQL-only SQL, so the
tests that load run where the suite runs on PostgreSQL (``.ci/run``) and are skipped on
SQLite; the plan's own checks run everywhere.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from bench import district
from reports.completeness import ledger_models

ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
SCALE = 0.005
SAMPLE = 5


@pytest.fixture
def loaded(db):
    if not ON_POSTGRESQL:
        pytest.skip("the district generator loads with COPY: needs DATABASE_URL on PostgreSQL")
    return district.load(scale=SCALE, log=lambda line: None)


def test_the_full_scale_plan_is_the_size_the_issue_asks_for():
    planned = district.plan(1.0)
    assert planned["grassroots unions"] >= 300
    assert planned["members"] >= 100_000
    assert district.ledger_total(planned) >= 200_000


def test_every_ledger_model_has_a_generator():
    labels = {model._meta.label_lower for model in ledger_models()}
    assert labels == {label for label, _generate in district.GENERATORS}
    assert labels <= set(district.plan(SCALE))


def test_the_tiny_district_has_the_planned_shape_and_the_portals_paths(loaded):
    from organisations.models import Organisation

    # 8 streets, each with a community federation, 3 unions (one in the community) and the
    # first union's 2 branches; 500 members.
    assert loaded.counts["organisations"] == 1 + 8 + 8 + 24 + 16
    assert loaded.counts["grassroots unions"] == 24
    assert loaded.counts["branch unions"] == 16
    assert loaded.counts["members"] == 500
    assert district.counts() == district.plan(SCALE) == loaded.counts
    assert len(loaded.streets) == 8 and len(loaded.unions) == 24
    # The bench's small union: the query count of its report is compared with the district's.
    assert loaded.small_union.members.count() <= district.SMALL_UNION_MEMBERS
    for node in Organisation.objects.select_related("parent"):
        parent_path = node.parent.path if node.parent else ""
        assert node.path == f"{parent_path}{node.node_key}/"
        assert node.parent is None or node.level > node.parent.level
    assert Organisation.objects.subtree(loaded.district).count() == loaded.counts[
        "organisations"]


def test_members_and_records_are_valid(loaded):
    """Members carry real encrypted ID numbers; records and their children pass clean."""
    from members.identity import parse_18_digit
    from members.models import Member
    from members.personal_data import lookup_hash

    members = list(Member.objects.order_by("?")[:50])
    for member in members:
        number = member.document_number
        facts = parse_18_digit(number)
        assert (facts.birth_date, facts.gender) == (member.birth_date, member.gender)
        assert member.id_hash == lookup_hash(number) and member.id_last4 == number[-4:]
        member.full_clean()
    assert Member.objects.values("id_hash").distinct().count() == loaded.counts["members"]
    records_are_valid_and_span_both_years()
    children_of_records_are_valid()


def records_are_valid_and_span_both_years():
    for model in ledger_models():
        records = model.objects.order_by("pk")
        for record in list(records[:SAMPLE]) + list(records.order_by("-pk")[:SAMPLE]):
            record.full_clean()
        days = records.values_list("date", flat=True)
        assert min(days) >= dt.date(2024, 1, 1) and max(days) <= dt.date(2025, 12, 31)
        if records.count() >= 20:
            assert {day.year for day in days} == {2024, 2025}, model


def children_of_records_are_valid():
    from activities.models import ActivityPhoto, SubEvent
    from competitions.models import CompetitionEntry
    from rights.models import Resolution

    for model in (CompetitionEntry, SubEvent, Resolution):
        children = list(model.objects.order_by("pk")[:SAMPLE])
        assert children, model
        for child in children:
            child.full_clean()
    photos = ActivityPhoto.objects.all()
    assert photos.count() == district.PHOTOS
    assert all(Path(photo.image.path).is_file() for photo in photos)


def test_both_years_have_figures_in_every_section(loaded):
    from reports.assembly import gather
    from reports.periods import Period

    for item in gather(loaded.district, Period(2025)):
        assert not item.figures.is_empty, item.section.key
        assert not item.previous.is_empty, item.section.key


def test_a_second_load_reuses_the_rows_and_reload_loads_again(loaded):
    from ledger.models import ChronicleEntry

    first = ChronicleEntry.objects.order_by("pk").values_list("pk", flat=True).first()
    again = district.load(scale=SCALE, log=lambda line: None)
    assert again.reused and ChronicleEntry.objects.filter(pk=first).exists()
    fresh = district.load(scale=SCALE, reload=True, log=lambda line: None)
    assert not fresh.reused and fresh.counts == district.plan(SCALE)
