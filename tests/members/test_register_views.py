"""The register's pages: scoping, search, filters, sorting, keyset pages, masking, writes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.choices import EmploymentForm
from members.models import Member
from organisations.models import AccessAction, AccessLog, Role
from tests.members.factories import make_member, valid_resident_id

LIST = reverse("members:list")


def names(response) -> list[str]:
    return [member.name for member in response.context["page"]]


@pytest.fixture
def people(tree):
    """A few members across the tree, each with something to find them by."""
    t = tree
    return {
        "wang": make_member(t.union_a, t.cadre_a, name="王芳", gender="female",
                            phone="13911112222", join_date=dt.date(2019, 3, 1),
                            employment_form="migrant"),
        "wangwu": make_member(t.union_a, t.cadre_a, name="王五", phone="13800001111",
                              join_date=dt.date(2023, 7, 1)),
        "li": make_member(t.branch_a, t.cadre_a, name="李雷", phone="15000003333",
                          join_date=dt.date(2021, 1, 15), employment_form="new_form"),
        "zhao": make_member(t.union_a2, t.official_street_a, name="赵敏",
                            gender="female", join_date=dt.date(2024, 2, 2)),
        "outsider": make_member(t.union_b, t.cadre_b, name="孙悟空"),
    }


# --- Scoping ----------------------------------------------------------------------------

def test_a_cadre_sees_the_members_of_their_subtree_only(tree, people, login):
    response = login(tree.cadre_a).get(LIST)
    assert sorted(names(response)) == sorted(["王芳", "王五", "李雷"])
    assert "孙悟空" not in response.content.decode()


def test_the_district_official_sees_every_member(tree, people, login):
    assert len(names(login(tree.official_district).get(LIST))) == 5


def test_a_union_outside_the_scope_cannot_be_chosen_as_filter(tree, people, login):
    response = login(tree.cadre_a).get(LIST, {"organisation": tree.union_b.pk})
    assert response.context["form"].errors["organisation"]
    assert "孙悟空" not in names(response)


def test_the_union_filter_lists_two_levels_and_accepts_any_union_of_the_scope(tree, people,
                                                                             login):
    client = login(tree.official_district)
    options = dict(client.get(LIST).context["form"].fields["organisation"].widget.choices)
    assert tree.union_a.pk in options and tree.branch_a.pk not in options
    assert options[tree.union_a.pk] == "— — 机械厂工会"
    response = client.get(LIST, {"organisation": tree.branch_a.pk})
    assert names(response) == ["李雷"]
    assert tree.branch_a.pk in dict(response.context["form"].fields["organisation"]
                                    .widget.choices)


# --- Search and filters -----------------------------------------------------------------

@pytest.mark.parametrize(("query", "expected"), [
    ({"name": "王"}, ["王五", "王芳"]),
    ({"name": "王芳"}, ["王芳"]),
    ({"phone": "13911112222"}, ["王芳"]),
    ({"phone": "138"}, ["王五"]),
    ({"phone": "1"}, []),  # too short to search: refused, everything listed
    ({"organisation": "branch"}, ["李雷"]),
    ({"organisation": "union_a"}, ["李雷", "王五", "王芳"]),
    ({"gender": "female"}, ["王芳"]),
    ({"employment_form": "new_form"}, ["李雷"]),
    ({"join_year": 2023}, ["王五"]),
    ({"status": "withdrawn"}, []),
])
def test_search_and_filters(tree, people, login, query, expected):
    organisations = {"branch": tree.branch_a.pk, "union_a": tree.union_a.pk}
    if "organisation" in query:
        query = {"organisation": organisations[query["organisation"]]}
    response = login(tree.cadre_a).get(LIST, query)
    if query == {"phone": "1"}:
        assert response.context["form"].errors["phone"]
        expected = ["李雷", "王五", "王芳"]
    assert sorted(names(response)) == sorted(expected)


def test_search_by_the_last_four_characters_of_the_id(tree, people, login):
    number = valid_resident_id(dt.date(1985, 12, 31), male=False)
    make_member(tree.union_a, tree.cadre_a, name="钱红", gender="female",
                birth_date=dt.date(1985, 12, 31), document_number=number)
    client = login(tree.cadre_a)
    assert names(client.get(LIST, {"id_last4": number[-4:].lower()})) == ["钱红"]
    assert client.get(LIST, {"id_last4": "12"}).context["form"].errors["id_last4"]


def test_filters_combine(tree, people, login):
    response = login(tree.cadre_a).get(LIST, {"name": "王", "gender": "male"})
    assert names(response) == ["王五"]


# --- Sorting ----------------------------------------------------------------------------

def test_sorting(tree, people, login):
    client = login(tree.cadre_a)
    assert names(client.get(LIST, {"sort": "name"})) == ["李雷", "王五", "王芳"]
    assert names(client.get(LIST, {"sort": "-join_date"})) == ["王五", "李雷", "王芳"]
    assert names(client.get(LIST, {"sort": "join_date"})) == ["王芳", "李雷", "王五"]
    by_union = names(client.get(LIST, {"sort": "organisation"}))
    assert by_union == ["王五", "王芳", "李雷"]  # union_a was created before branch_a


def test_an_unknown_sort_key_is_refused_and_the_default_used(tree, people, login):
    response = login(tree.cadre_a).get(LIST, {"sort": "id_cipher"})
    assert response.context["form"].errors["sort"]
    assert names(response) == ["王五", "王芳", "李雷"]  # by union, then name


# --- Pagination -------------------------------------------------------------------------

def _fill(tree, count: int) -> None:
    for i in range(count):
        make_member(tree.union_a, tree.cadre_a, name=f"会员{i:03d}",
                    join_date=dt.date(2020, 1, 1) + dt.timedelta(days=i % 7))


@pytest.mark.parametrize("sort", ["name", "-join_date", "organisation"])
def test_pages_follow_each_other_without_gaps_or_repeats(tree, login, sort):
    _fill(tree, 120)
    client = login(tree.cadre_a)
    seen, url = [], f"{LIST}?sort={sort}"
    while url:
        response = client.get(url if url.startswith("/") else LIST + url)
        seen += [m.pk for m in response.context["page"]]
        url = response.context["next_url"]
    assert len(seen) == len(set(seen)) == 120
    back = client.get(LIST + response.context["previous_url"])
    assert len(back.context["page"].rows) == 50
    assert back.context["page"].rows[-1].pk == seen[99]
    assert back.context["previous_url"] and back.context["next_url"]


def test_the_first_page_has_no_previous_link_and_the_last_no_next(tree, login):
    _fill(tree, 3)
    response = login(tree.cadre_a).get(LIST)
    assert response.context["next_url"] is None and response.context["previous_url"] is None


def test_a_tampered_cursor_gives_the_first_page(tree, login):
    _fill(tree, 3)
    for cursor in ("!!!", "W10", "WyJ4IiwgInkiXQ", "eyJhIjogMX0"):
        response = login(tree.cadre_a).get(LIST, {"after": cursor})
        assert response.status_code == 200 and len(response.context["page"].rows) == 3


def _queries_for_a_page(client) -> int:
    """Queries of the page itself: saving the session on every request (the idle timeout)
    adds its own few, the same for any page."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST, {"organisation": "", "sort": "name"})
    assert response.status_code == 200
    return len([q for q in captured if "django_session" not in q["sql"]
                and not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))])


def test_a_page_costs_the_same_queries_for_10_and_60_members(tree, login,
                                                           django_assert_max_num_queries):
    client = login(tree.official_district)
    _fill(tree, 10)
    few = _queries_for_a_page(client)
    _fill_more = [make_member(tree.union_a2, tree.official_district, name=f"新{i:02d}")
                  for i in range(50)]
    assert len(_fill_more) == 50
    assert _queries_for_a_page(client) == few <= 6  # session, user, roles, unions (2), page
    with django_assert_max_num_queries(11):  # 8 and the session's save
        client.get(LIST, {"organisation": tree.street_a.pk, "after": "", "name": "新"})


def test_no_count_query_is_run(tree, login):
    _fill(tree, 5)
    client = login(tree.official_district)
    with CaptureQueriesContext(connection) as captured:
        client.get(LIST)
    assert not [q for q in captured if "COUNT(" in q["sql"].upper()]


# --- Masking and the full view ----------------------------------------------------------

def test_the_list_and_the_detail_show_masked_numbers(tree, people, login):
    member = people["wang"]
    client = login(tree.cadre_a)
    for url in (LIST, reverse("members:detail", args=[member.pk])):
        page = client.get(url).content.decode()
        assert member.document_number not in page and "13911112222" not in page
        assert member.masked_document_number in page and "139****2222" in page


def test_a_role_with_the_full_view_sees_the_number_and_is_logged(tree, people, login):
    member = people["wang"]
    Role.objects.filter(user=tree.official_street_a).update(sees_personal_data=True)
    client = login(tree.official_street_a)
    detail = client.get(reverse("members:detail", args=[member.pk])).content.decode()
    assert reverse("members:reveal", args=[member.pk]) in detail
    confirm = client.get(reverse("members:reveal", args=[member.pk]))
    assert confirm.status_code == 200 and not AccessLog.objects.exists()
    page = client.post(reverse("members:reveal", args=[member.pk]))
    assert member.document_number in page.content.decode()
    assert "13911112222" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    log = AccessLog.objects.get()
    assert (log.user, log.organisation, log.action) == (
        tree.official_street_a, tree.union_a, AccessAction.FULL_VIEW)
    assert member.name in log.subject and member.document_number not in log.subject


def test_a_role_without_the_full_view_gets_403_and_no_log(tree, people, login):
    member = people["wang"]
    client = login(tree.cadre_a)
    detail = client.get(reverse("members:detail", args=[member.pk])).content.decode()
    assert reverse("members:reveal", args=[member.pk]) not in detail
    for method in (client.get, client.post):
        response = method(reverse("members:reveal", args=[member.pk]))
        assert response.status_code == 403
        assert member.document_number not in response.content.decode()
    assert not AccessLog.objects.exists()


def test_the_full_view_is_granted_per_role_not_by_rank(tree, people, login):
    """The street official holds the right; the district official above does not."""
    Role.objects.filter(user=tree.official_street_a).update(sees_personal_data=True)
    url = reverse("members:reveal", args=[people["li"].pk])
    assert login(tree.official_district).post(url).status_code == 403
    assert login(tree.official_street_a).post(url).status_code == 200
    assert AccessLog.objects.get().user == tree.official_street_a


# --- Create, edit, leave ----------------------------------------------------------------

def _form_data(tree, **overrides) -> dict:
    data = {
        "organisation": tree.union_a.pk, "name": "陈静", "gender": "female",
        "document_type": "resident_id",
        "document_number": valid_resident_id(dt.date(1992, 8, 9), male=False),
        "birth_date": "1992-08-09", "ethnicity": "01", "phone": "13700001234",
        "education": "bachelor", "employment_form": "regular", "join_date": "2024-03-01",
        "model_worker_level": "",
    }
    data.update(overrides)
    return data


def test_a_cadre_adds_a_member(tree, login):
    data = _form_data(tree)
    response = login(tree.cadre_a).post(reverse("members:create"), data)
    member = Member.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("members:detail", args=[member.pk])
    assert member.document_number == data["document_number"]
    assert member.created_by == tree.cadre_a and member.organisation == tree.union_a


def test_the_form_uses_date_inputs_and_offers_the_scope_only(tree, login):
    form = login(tree.cadre_a).get(reverse("members:create")).context["form"]
    page = str(form["birth_date"]) + str(form["join_date"])
    assert page.count('type="date"') == 2
    assert set(form.fields["organisation"].queryset) == {tree.union_a, tree.branch_a}


@pytest.mark.parametrize(("overrides", "field"), [
    ({"document_number": "110105199208090000"}, "document_number"),  # wrong check digit
    ({"gender": "male"}, "gender"),  # the number is a woman's
    ({"birth_date": "1992-08-10"}, "birth_date"),
    ({"document_number": ""}, "document_number"),
    ({"phone": "2345"}, "phone"),
])
def test_a_wrong_entry_is_shown_on_its_field_and_nothing_is_written(tree, login, overrides,
                                                                   field):
    response = login(tree.cadre_a).post(reverse("members:create"),
                                        _form_data(tree, **overrides))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Member.objects.exists()


def test_a_second_active_membership_is_refused(tree, people, login):
    taken = people["outsider"].document_number
    response = login(tree.cadre_a).post(reverse("members:create"), _form_data(
        tree, document_number=taken, gender="male", birth_date="1990-03-07"))
    errors = response.context["form"].errors["document_number"]
    assert errors and tree.union_b.name not in " ".join(errors)  # not the cadre's to see
    assert Member.objects.count() == 5


def test_editing_with_a_blank_number_keeps_the_stored_one(tree, people, login):
    member = people["wang"]
    stored = (member.id_cipher, member.id_hash, member.id_last4)
    data = _form_data(tree, name="王芳芳", gender="female", document_number="",
                      birth_date=member.birth_date.isoformat())
    response = login(tree.cadre_a).post(reverse("members:update", args=[member.pk]), data)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.name == "王芳芳" and (member.id_cipher, member.id_hash,
                                         member.id_last4) == stored


def test_the_union_cannot_be_changed_by_editing(tree, people, login):
    member = people["wang"]
    data = _form_data(tree, organisation=tree.branch_a.pk, document_number="",
                      name="王芳", birth_date=member.birth_date.isoformat())
    login(tree.cadre_a).post(reverse("members:update", args=[member.pk]), data)
    member.refresh_from_db()
    assert member.organisation == tree.union_a


def test_the_detail_shows_who_changed_what(tree, people, login):
    member = people["wang"]
    client = login(tree.cadre_a)
    client.post(reverse("members:update", args=[member.pk]), _form_data(
        tree, name="王芳", gender="female", document_number="",
        birth_date=member.birth_date.isoformat(), employment_form="flexible"))
    response = client.get(reverse("members:detail", args=[member.pk]))
    history = response.context["history"]
    changed = {change.field: change for change in history[0].changes}
    assert history[0].who == tree.cadre_a
    assert changed["employment_form"].new == EmploymentForm.FLEXIBLE.label  # not the code
    assert "id_hash" not in changed and "updated_at" not in changed
    assert member.id_hash not in response.content.decode()


def test_the_history_masks_phone_numbers(tree, people, login):
    member = people["wang"]
    client = login(tree.cadre_a)
    client.post(reverse("members:update", args=[member.pk]), _form_data(
        tree, name="王芳", gender="female", document_number="", phone="13698765432",
        birth_date=member.birth_date.isoformat()))
    page = client.get(reverse("members:detail", args=[member.pk])).content.decode()
    assert "139****2222 → 136****5432" in page
    assert "13911112222" not in page and "13698765432" not in page


def test_a_member_is_taken_off_the_register(tree, people, login):
    member = people["wangwu"]
    client = login(tree.cadre_a)
    url = reverse("members:leave", args=[member.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"status": "withdrawn", "status_date": "2025-01-31"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.status, member.status_date) == ("withdrawn", dt.date(2025, 1, 31))
    assert names(client.get(LIST, {"status": "withdrawn"})) == ["王五"]
    assert client.get(url).status_code == 302  # already off: back to the detail


def test_leaving_needs_a_past_date_and_a_leaving_status(tree, people, login):
    url = reverse("members:leave", args=[people["wangwu"].pk])
    client = login(tree.cadre_a)
    future = client.post(url, {"status": "withdrawn", "status_date": "2999-01-01"})
    assert future.context["form"].errors["status_date"]
    active = client.post(url, {"status": "active", "status_date": "2025-01-01"})
    assert active.context["form"].errors["status"]
    assert Member.objects.get(pk=people["wangwu"].pk).status == "active"


@pytest.mark.parametrize(("name", "method"), [
    ("members:create", "get"), ("members:create", "post"),
    ("members:update", "get"), ("members:update", "post"),
    ("members:leave", "get"), ("members:leave", "post"),
])
def test_a_viewer_reads_but_cannot_write(tree, people, login, name, method):
    client = login(tree.viewer_a)
    args = [] if name == "members:create" else [people["wang"].pk]
    data = _form_data(tree) if method == "post" else None
    response = getattr(client, method)(reverse(name, args=args), data)
    assert response.status_code == 403
    assert Member.objects.count() == 5
    assert client.get(reverse("members:detail", args=[people["wang"].pk])).status_code == 200


def test_the_list_offers_writes_to_cadres_only(tree, people, login):
    add = reverse("members:create")
    assert add in login(tree.cadre_a).get(LIST).content.decode()
    assert add not in login(tree.viewer_a).get(LIST).content.decode()


def test_the_detail_shows_transfers_and_the_union_change_by_name(tree, people, login):
    from members.services import transfer_accept, transfer_request

    member = people["wangwu"]
    transfer = transfer_request(member=member, to_organisation=tree.union_a2,
                                actor=tree.cadre_a, reason="调动")
    transfer_accept(transfer=transfer, actor=tree.official_street_a)
    response = login(tree.official_street_a).get(reverse("members:detail", args=[member.pk]))
    assert list(response.context["transfers"]) == [transfer]
    moved = next(c for row in response.context["history"] for c in row.changes
                 if c.field == "organisation")
    assert (moved.old, moved.new) == (tree.union_a, tree.union_a2)
    page = response.content.decode()
    assert "调动" in page and tree.union_a2.name in page
    assert reverse("members:transfer_detail", args=[transfer.pk]) in page
    assert reverse("members:transfer_request", args=[member.pk]) in page
    assert login(tree.cadre_a).get(reverse("members:detail", args=[member.pk])).status_code \
        == 404  # now outside union_a's subtree
