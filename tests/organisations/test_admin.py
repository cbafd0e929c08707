import pytest
from django.urls import reverse

from organisations.models import Level, Organisation


@pytest.fixture
def admin_client(tree, client):
    client.force_login(tree.superuser)
    return client


def form_data(org, **changes):
    data = {
        "parent": org.parent_id or "", "name": org.name, "short_name": org.short_name,
        "level": org.level, "kind": org.kind, "credit_code": org.credit_code or "",
        "enterprises_covered": org.enterprises_covered, "employee_count": org.employee_count,
        "founded_on": "", "term_start": "", "term_end": "",
        "roles-TOTAL_FORMS": 0, "roles-INITIAL_FORMS": 0,
    }
    data.update(changes)
    return data


def test_changelist_shows_the_tree_in_order(tree, admin_client):
    response = admin_client.get(reverse("admin:organisations_organisation_changelist"))
    names = [o.name for o in response.context["cl"].result_list]
    assert names.index("东关街道总工会") < names.index("机械厂工会") < names.index("铸造车间分工会")
    assert "└ " in response.content.decode()


def test_search_and_filters(tree, admin_client):
    url = reverse("admin:organisations_organisation_changelist")
    found = admin_client.get(url, {"q": "软件园"}).context["cl"].result_list
    assert [o.name for o in found] == ["软件园联合工会"]
    by_level = admin_client.get(url, {"level__exact": Level.STREET}).context["cl"].result_list
    assert {o.name for o in by_level} == {"东关街道总工会", "文化路街道总工会"}
    by_region = admin_client.get(url, {"region": tree.street_b.pk}).context["cl"].result_list
    assert {o.name for o in by_region} == {"文化路街道总工会", "软件园联合工会"}


def test_admin_moves_a_subtree(tree, admin_client):
    url = reverse("admin:organisations_organisation_change", args=[tree.union_a.pk])
    response = admin_client.post(url, form_data(tree.union_a, parent=tree.street_b.pk))
    assert response.status_code == 302
    tree.branch_a.refresh_from_db()
    assert tree.branch_a.is_within(tree.street_b)


def test_admin_refuses_a_cycle_with_a_clear_message(tree, admin_client):
    url = reverse("admin:organisations_organisation_change", args=[tree.street_a.pk])
    response = admin_client.post(url, form_data(tree.street_a, parent=tree.branch_a.pk))
    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors.as_data()["parent"]
    assert error.code == "tree_cycle" and tree.branch_a.name in error.message
    tree.street_a.refresh_from_db()
    assert tree.street_a.parent == tree.district


def test_admin_refuses_a_child_above_its_parent(tree, admin_client):
    url = reverse("admin:organisations_organisation_add")
    response = admin_client.post(url, form_data(
        Organisation(name="新街道", level=Level.STREET, kind="single"), parent=tree.union_a.pk))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["parent"]
    assert not Organisation.objects.filter(name="新街道").exists()


def test_admin_creates_a_node_with_its_path(tree, admin_client):
    url = reverse("admin:organisations_organisation_add")
    response = admin_client.post(url, form_data(
        Organisation(name="新成立的工会", level=Level.GRASSROOTS, kind="joint",
                     enterprises_covered=5, employee_count=80), parent=tree.street_b.pk))
    assert response.status_code == 302
    created = Organisation.objects.get(name="新成立的工会")
    assert created.is_within(tree.street_b) and created.history.first().history_user == \
        tree.superuser
