import pytest
from django.urls import reverse

from ledger.history import history_rows
from ledger.models import ChronicleEntry
from tests.factories import chronicle


@pytest.fixture
def cadre(tree, client):
    client.force_login(tree.cadre_a)
    return client


def test_cadre_adds_edits_and_deletes_an_entry(tree, cadre):
    response = cadre.post(reverse("ledger:chronicle_create"), {
        "organisation": tree.branch_a.pk, "date": "2026-04-28", "title": "五一表彰大会",
        "description": "表彰劳动模范3名",
    })
    entry = ChronicleEntry.objects.get(title="五一表彰大会")
    assert response.status_code == 302 and entry.organisation == tree.branch_a
    assert entry.created_by == tree.cadre_a

    cadre.post(reverse("ledger:chronicle_update", args=[entry.pk]), {
        "organisation": tree.branch_a.pk, "date": "2026-04-29", "title": "五一表彰大会",
        "description": "表彰劳动模范4名",
    })
    entry.refresh_from_db()
    assert entry.description == "表彰劳动模范4名"

    rows = history_rows(entry)
    assert [r.who for r in rows] == [tree.cadre_a, tree.cadre_a]
    changed = {c.field: (c.old, c.new) for c in rows[0].changes}
    assert changed["description"] == ("表彰劳动模范3名", "表彰劳动模范4名")
    assert str(changed["date"][0]) == "2026-04-28"

    page = cadre.get(reverse("ledger:chronicle_detail", args=[entry.pk]))
    assert "表彰劳动模范3名" in page.content.decode()  # old value shown in the history

    cadre.post(reverse("ledger:chronicle_delete", args=[entry.pk]))
    assert not ChronicleEntry.objects.filter(pk=entry.pk).exists()
    assert ChronicleEntry.history.filter(id=entry.pk, history_type="-").get().history_user \
        == tree.cadre_a


def test_invalid_form_keeps_input_and_writes_nothing(tree, cadre):
    response = cadre.post(reverse("ledger:chronicle_create"), {
        "organisation": tree.union_a.pk, "date": "2026-13-01", "title": "",
    })
    form = response.context["form"]
    assert {"date", "title"} <= set(form.errors)
    assert ChronicleEntry.objects.count() == 0


def test_list_is_paginated_with_a_bounded_number_of_queries(
        tree, cadre, django_assert_max_num_queries):

    for day in range(1, 29):
        chronicle(tree.union_a, tree.cadre_a, tree.day.replace(day=day), title=f"记录{day}")
    with django_assert_max_num_queries(8):
        response = cadre.get(reverse("ledger:chronicle_list"), {"year": 2025})
    assert len(response.context["page"].object_list) == 28
