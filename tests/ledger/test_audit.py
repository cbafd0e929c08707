"""The audit log shows an official who changed what in their subtree, and nothing else."""

import datetime as dt

from django.urls import reverse

from ledger.audit import audit_page
from ledger.services import ledger_delete, ledger_save
from organisations.models import Role
from tests.factories import chronicle
from tests.rights import factories as rights


def test_changes_of_the_subtree_newest_first_with_fields(tree):
    entry = chronicle(tree.union_a, tree.cadre_a, tree.day, title="职工运动会")
    entry.title = "第十届职工运动会"
    ledger_save(entry, actor=tree.cadre_a)
    rights.dispute(tree.branch_a, tree.cadre_a, subject="拖欠工资")
    chronicle(tree.union_b, tree.cadre_b, tree.day, title="乙方记录")

    rows = audit_page(tree.street_a)
    assert [row.code for row in rows][:3] == ["+", "~", "+"]  # dispute, title change, entry
    grants = rows[3:]  # the fixture's roles in street A's subtree, granted first
    assert len(grants) == 3 and {row.kind for row in grants} == {str(Role._meta.verbose_name)}
    assert "乙方记录" not in " ".join(row.record for row in rows)
    changed = rows[1]
    title = str(entry._meta.get_field("title").verbose_name)
    assert changed.who == tree.cadre_a and changed.fields == [title]
    assert changed.record.endswith("第十届职工运动会")
    assert {row.organisation for row in rows[:3]} == {tree.union_a, tree.branch_a}


def test_deletions_and_the_user_filter(tree):
    entry = chronicle(tree.union_a, tree.cadre_a, tree.day, title="将删除")
    chronicle(tree.union_a2, tree.official_street_a, tree.day, title="街道代录")
    ledger_delete(entry, actor=tree.official_street_a)
    mine = audit_page(tree.street_a, user_id=tree.official_street_a.pk)
    assert sorted(row.code for row in mine) == ["+", "-"]
    assert all(row.who == tree.official_street_a for row in mine)


def test_paging_by_time(tree):
    for i in range(3):
        chronicle(tree.union_a, tree.cadre_a, tree.day, title=f"记录{i}")
    rows = audit_page(tree.union_a)
    older = audit_page(tree.union_a, before=rows[0].when)
    assert len(older) < len(rows)
    assert audit_page(tree.union_a, before=dt.datetime(2000, 1, 1, tzinfo=dt.UTC)) == []


def test_the_page_is_for_officials_of_the_subtree(tree, client):
    chronicle(tree.union_b, tree.cadre_b, tree.day, title="乙方专用记录")
    chronicle(tree.union_a, tree.cadre_a, tree.day, title="甲方记录")
    client.force_login(tree.cadre_a)
    assert client.get(reverse("ledger:audit_log")).status_code == 403
    client.force_login(tree.official_street_a)
    page = client.get(reverse("ledger:audit_log")).content.decode()
    assert "甲方记录" in page and "乙方专用记录" not in page


def test_a_record_without_history_rows_shows_an_empty_history(tree):
    """Rows loaded in bulk (a migration, an import of old ledgers) have no history yet."""
    from ledger.history import history_rows

    entry = chronicle(tree.union_a, tree.cadre_a, tree.day, title="批量导入")
    entry.history.all().delete()
    assert history_rows(entry) == []
