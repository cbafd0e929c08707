"""A locked year refuses changes through the service layer, the portal's form and the admin."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ledger.models import ChronicleEntry
from ledger.services import ledger_delete, ledger_save
from organisations.services import PeriodLocked, period_lock, period_unlock
from tests.factories import chronicle


@pytest.fixture
def locked(tree):
    """An entry of union A in 2025, then 2025 locked by A's street federation."""
    entry = chronicle(tree.union_a, tree.cadre_a, tree.day, title="劳动竞赛启动")
    period_lock(organisation=tree.street_a, year=2025, actor=tree.official_street_a)
    return entry


def test_service_refuses_create_update_and_delete(tree, locked):
    with pytest.raises(PeriodLocked, match="2025"):
        chronicle(tree.union_a, tree.cadre_a, dt.date(2025, 9, 1))
    locked.title = "改过的标题"
    with pytest.raises(PeriodLocked):
        ledger_save(locked, actor=tree.cadre_a)
    with pytest.raises(PeriodLocked):
        ledger_delete(locked, actor=tree.cadre_a)
    locked.refresh_from_db()
    assert locked.title == "劳动竞赛启动"


def test_moving_a_record_into_or_out_of_a_locked_year_is_refused(tree, locked):
    open_entry = chronicle(tree.union_a, tree.cadre_a, dt.date(2026, 2, 1))
    open_entry.date = dt.date(2025, 12, 31)
    with pytest.raises(PeriodLocked):
        ledger_save(open_entry, actor=tree.cadre_a)
    locked.date = dt.date(2026, 1, 2)
    with pytest.raises(PeriodLocked):
        ledger_save(locked, actor=tree.cadre_a)


def test_lock_covers_the_subtree_only(tree, locked):
    chronicle(tree.union_b, tree.cadre_b, tree.day)  # sibling street: open
    chronicle(tree.union_a, tree.cadre_a, dt.date(2024, 5, 1))  # other year: open
    assert ChronicleEntry.objects.count() == 3


def test_unlock_needs_a_reason_and_reopens(tree, locked):
    with pytest.raises(ValidationError) as info:
        period_unlock(organisation=tree.street_a, year=2025, actor=tree.official_street_a,
                      reason=" ")
    assert info.value.code == "reason_required"
    period_unlock(organisation=tree.street_a, year=2025, actor=tree.official_street_a,
                  reason="补录遗漏的记录")
    chronicle(tree.union_a, tree.cadre_a, dt.date(2025, 9, 1))


def test_only_officials_lock(tree):
    with pytest.raises(PermissionDenied):
        period_lock(organisation=tree.union_a, year=2025, actor=tree.cadre_a)


def test_portal_form_shows_the_lock_and_writes_nothing(tree, locked, client):
    client.force_login(tree.cadre_a)
    response = client.post(reverse("ledger:chronicle_create"), {
        "organisation": tree.union_a.pk, "date": "2025-10-01", "title": "新记录",
        "description": "",
    })
    assert response.status_code == 200
    assert "2025" in response.context["form"].non_field_errors()[0]
    assert not ChronicleEntry.objects.filter(title="新记录").exists()

    response = client.post(reverse("ledger:chronicle_update", args=[locked.pk]), {
        "organisation": tree.union_a.pk, "date": "2025-06-01", "title": "偷改",
    })
    assert response.context["form"].non_field_errors()
    response = client.post(reverse("ledger:chronicle_delete", args=[locked.pk]), follow=True)
    assert any("2025" in str(m) for m in response.context["messages"])
    locked.refresh_from_db()
    assert locked.title == "劳动竞赛启动"


def test_admin_refuses_change_delete_and_bulk_delete(tree, locked, client):
    client.force_login(tree.superuser)
    change = reverse("admin:ledger_chronicleentry_change", args=[locked.pk])
    response = client.post(change, {
        "organisation": tree.union_a.pk, "date": "2025-06-01", "title": "管理员改",
        "description": "",
    })
    assert response.status_code == 200
    assert "2025" in str(response.context["adminform"].form.non_field_errors())

    delete = reverse("admin:ledger_chronicleentry_delete", args=[locked.pk])
    response = client.post(delete, {"post": "yes"}, follow=True)
    assert any("2025" in str(m) for m in response.context["messages"])

    changelist = reverse("admin:ledger_chronicleentry_changelist")
    response = client.post(changelist, {"action": "delete_through_services",
                                        "_selected_action": [locked.pk]}, follow=True)
    assert any("Nothing was deleted" in str(m) or "2025" in str(m)
               for m in response.context["messages"])
    locked.refresh_from_db()
    assert locked.title == "劳动竞赛启动"


def test_admin_saves_open_years_through_the_service(tree, client):
    client.force_login(tree.superuser)
    response = client.post(reverse("admin:ledger_chronicleentry_add"), {
        "organisation": tree.union_a.pk, "date": "2026-03-01", "title": "管理员补录",
        "description": "",
    })
    assert response.status_code == 302
    entry = ChronicleEntry.objects.get(title="管理员补录")
    assert entry.created_by == tree.superuser
    assert entry.history.first().history_user == tree.superuser
