"""Who sees what: the active role decides the subtree; roles decide what may be written."""

import pytest
from django.urls import reverse

from ledger.models import ChronicleEntry
from organisations.models import Organisation, RoleKind
from organisations.scope import SESSION_KEY
from organisations.services import role_grant
from tests.factories import chronicle


@pytest.fixture
def entries(tree):
    return {
        org: chronicle(getattr(tree, org), actor, tree.day, title=f"{org}-记录")
        for org, actor in [("union_a", tree.cadre_a), ("branch_a", tree.cadre_a),
                           ("union_a2", tree.official_street_a), ("union_b", tree.cadre_b)]
    }


def titles(response):
    return sorted(e.title for e in response.context["page"])


def test_grassroots_cadre_sees_only_its_union_and_below(tree, entries, client):
    client.force_login(tree.cadre_a)
    response = client.get(reverse("ledger:chronicle_list"), {"year": 2025})
    assert titles(response) == ["branch_a-记录", "union_a-记录"]
    tree_page = client.get(reverse("organisations:tree"))
    assert [o.name for o in tree_page.context["organisations"]] == ["机械厂工会", "铸造车间分工会"]


def test_street_official_sees_its_subtree_not_its_sibling(tree, entries, client):
    client.force_login(tree.official_street_a)
    response = client.get(reverse("ledger:chronicle_list"), {"year": 2025})
    assert titles(response) == ["branch_a-记录", "union_a-记录", "union_a2-记录"]


def test_district_official_sees_everything_below(tree, entries, client):
    client.force_login(tree.official_district)
    response = client.get(reverse("ledger:chronicle_list"), {"year": 2025})
    assert len(titles(response)) == 4


def test_queryset_api_agrees(tree, entries):
    assert ChronicleEntry.objects.within(tree.street_b).count() == 1
    assert ChronicleEntry.objects.visible_to(tree.cadre_a).count() == 2
    assert Organisation.objects.visible_to(tree.cadre_b).get() == tree.union_b


def test_role_switch_changes_the_subtree(tree, entries, client):
    role_b = role_grant(user=tree.cadre_a, organisation=tree.street_b, kind=RoleKind.VIEWER)
    client.force_login(tree.cadre_a)
    client.post(reverse("organisations:switch_role"), {"role": role_b.pk, "next": "/"})
    response = client.get(reverse("ledger:chronicle_list"), {"year": 2025})
    assert titles(response) == ["union_b-记录"]
    # As a viewer of street B, writing is refused even though the user is a cadre elsewhere.
    assert client.get(reverse("ledger:chronicle_create")).status_code == 403


def test_someone_elses_role_id_cannot_be_switched_to(tree, entries, client):
    other_role = tree.cadre_b.union_roles.get()
    client.force_login(tree.cadre_a)
    client.post(reverse("organisations:switch_role"), {"role": other_role.pk})
    assert client.session.get(SESSION_KEY) is None
    session = client.session
    session[SESSION_KEY] = other_role.pk  # even if forced into the session
    session.save()
    response = client.get(reverse("ledger:chronicle_list"), {"year": 2025})
    assert "union_b-记录" not in titles(response)


def test_viewer_reads_but_cannot_write(tree, entries, client):
    client.force_login(tree.viewer_a)
    assert client.get(reverse("ledger:chronicle_list")).status_code == 200
    entry = entries["union_a"]
    for url in (reverse("ledger:chronicle_create"),
                reverse("ledger:chronicle_update", args=[entry.pk]),
                reverse("ledger:chronicle_delete", args=[entry.pk])):
        assert client.get(url).status_code == 403
        assert client.post(url, {"title": "x"}).status_code == 403
    assert ChronicleEntry.objects.filter(pk=entry.pk).exists()


def test_form_offers_only_organisations_in_scope(tree, client):
    client.force_login(tree.cadre_a)
    form = client.get(reverse("ledger:chronicle_create")).context["form"]
    assert set(form.fields["organisation"].queryset) == {tree.union_a, tree.branch_a}
    response = client.post(reverse("ledger:chronicle_create"), {
        "organisation": tree.union_b.pk, "date": "2025-05-01", "title": "越权"})
    assert "organisation" in response.context["form"].errors
    assert not ChronicleEntry.objects.filter(title="越权").exists()


def test_user_without_a_role_is_told_so(tree, client):
    from tests.conftest import make_user

    client.force_login(make_user("nobody"))
    response = client.get(reverse("home"))
    assert response.status_code == 200 and response.context["scope"] is None
    assert client.get(reverse("ledger:chronicle_list")).status_code == 403
