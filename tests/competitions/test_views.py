"""Competition pages: cadres enter, viewers read, a locked year refuses, entries in bulk."""

import datetime as dt

from django.urls import reverse

from competitions.models import Competition, CompetitionEntry, RationalisationProposal
from organisations.services import period_lock
from tests.competitions.factories import competition, entries

LOCKED = "年度已锁定"  # the period lock's message, in the default language


def _competition_post(tree, **extra):
    data = {"organisation": tree.union_a.pk, "kind": "skill", "title": "车工技术比武",
            "organiser": "own", "level": "own", "date": "2025-05-20", "trades": "车工\n焊工"}
    data.update(extra)
    return data


def test_cadre_creates_and_viewer_may_not(tree, login):
    client = login(tree.cadre_a)
    response = client.post(reverse("competitions:create"), _competition_post(tree))
    made = Competition.objects.get()
    assert response.status_code == 302 and made.created_by == tree.cadre_a
    page = client.get(reverse("competitions:list") + "?year=2025")
    assert "车工技术比武" in page.content.decode()

    viewer = login(tree.viewer_a)
    assert viewer.get(reverse("competitions:create")).status_code == 403
    assert viewer.get(reverse("competitions:detail", args=[made.pk])).status_code == 200
    assert viewer.post(reverse("competitions:delete", args=[made.pk])).status_code == 403


def test_a_locked_year_refuses_with_a_message(tree, login):
    period_lock(organisation=tree.street_a, year=2025, actor=tree.official_street_a)
    client = login(tree.cadre_a)
    response = client.post(reverse("competitions:create"), _competition_post(tree))
    assert response.status_code == 200 and LOCKED in response.content.decode()
    assert not Competition.objects.exists()
    response = client.post(reverse("competitions:proposal_create"), {
        "organisation": tree.union_a.pk, "kind": "proposal", "date": "2025-03-01",
        "title": "改进", "submitters": "王", "grade": "none", "estimated_benefit": "0"})
    assert response.status_code == 200 and LOCKED in response.content.decode()
    assert not RationalisationProposal.objects.exists()


def test_entries_added_many_at_once_all_or_none(tree, login):
    comp = competition(tree.union_a, tree.cadre_a, trades="车工\n焊工")
    client = login(tree.cadre_a)
    url = reverse("competitions:entries", args=[comp.pk])
    assert client.get(url).status_code == 200

    def post(rows):
        data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": "0",
                "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000"}
        for i, (name, trade, placing) in enumerate(rows):
            data.update({f"form-{i}-name": name, f"form-{i}-headcount": "1",
                         f"form-{i}-trade": trade, f"form-{i}-placing": placing,
                         f"form-{i}-award": ""})
        return client.post(url, data)

    response = post([("张三", "车工", "1"), ("李四", "钳工", "")])  # 钳工 is not a trade
    assert response.status_code == 200 and not CompetitionEntry.objects.exists()
    response = post([("张三", "车工", "1"), ("李四", "焊工", ""), ("", "", "")])
    assert response.status_code == 302 and CompetitionEntry.objects.count() == 2


def test_entries_of_a_locked_competition_are_refused(tree, login):
    comp = competition(tree.union_a, tree.cadre_a)
    entries(comp, tree.cadre_a, [("张三", "", 1)])
    period_lock(organisation=tree.union_a, year=2025, actor=tree.official_street_a)
    client = login(tree.cadre_a)
    response = client.post(reverse("competitions:entries", args=[comp.pk]), {
        "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000", "form-0-name": "李四", "form-0-headcount": "1"},
        follow=True)
    assert LOCKED in response.content.decode()
    assert CompetitionEntry.objects.count() == 1


def test_copy_to_next_year(tree, login):
    comp = competition(tree.union_a, tree.cadre_a, day=dt.date(2024, 2, 29),
                       title="岗位练兵", trades="车工")
    entries(comp, tree.cadre_a, [("张三", "车工", 1)])
    client = login(tree.cadre_a)
    response = client.post(reverse("competitions:copy", args=[comp.pk]))
    copy = Competition.objects.exclude(pk=comp.pk).get()
    assert response.status_code == 302 and copy.date == dt.date(2025, 2, 28)
    assert copy.title == "岗位练兵" and copy.trades == "车工" and not copy.entries.exists()
    period_lock(organisation=tree.union_a, year=2026, actor=tree.official_street_a)
    client.post(reverse("competitions:copy", args=[copy.pk]))
    assert Competition.objects.count() == 2  # 2026 is locked


def test_honour_pages(tree, login):
    client = login(tree.cadre_a)
    response = client.post(reverse("competitions:honour_create"), {
        "organisation": tree.union_a.pk, "date": "2025-04-28", "recipient": "collective",
        "name": "装配班", "title": "pioneer", "level": "city", "awarding_body": "市总工会"})
    assert response.status_code == 302
    assert "装配班" in client.get(response["Location"]).content.decode()


def test_every_list_and_form_page_renders(tree, login):
    from tests.competitions.factories import activity, honour, proposal

    competition(tree.union_a, tree.cadre_a)
    proposal(tree.union_a, tree.cadre_a)
    honour(tree.union_a, tree.cadre_a)
    made = activity(tree.union_a, tree.cadre_a)
    client = login(tree.cadre_a)
    for name in ("competitions:list", "competitions:proposal_list", "competitions:honour_list",
                 "activities:list", "competitions:create", "competitions:proposal_create",
                 "competitions:honour_create", "activities:create"):
        response = client.get(reverse(name) + "?year=2025")
        assert response.status_code == 200, name
    for name in ("activities:events", "activities:photos", "activities:update"):
        assert client.get(reverse(name, args=[made.pk])).status_code == 200, name
    assert "改进冲压模具" in client.get(
        reverse("competitions:proposal_list") + "?year=2025").content.decode()
