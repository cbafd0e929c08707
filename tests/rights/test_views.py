"""The section's pages: cadres write, viewers read, bad input and locked years write nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from organisations.services import period_lock
from rights.models import LabourDispute, Motion, Resolution
from tests.rights import factories as f

DISPUTE = {"subject": "拖欠工资", "employer": "明湖机械厂", "dispute_type": "wages",
           "date": "2025-06-01", "workers_involved": "3", "amount": "12500.50",
           "channel": "mediation", "knew_on": "2025-05-20", "extended_until": "",
           "outcome": "", "closed_on": ""}


def post_dispute(client, tree, **changes):
    data = DISPUTE | {"organisation": tree.union_a.pk} | changes
    return client.post(reverse("rights:dispute_create"), data)


def test_cadre_creates_a_dispute(tree, login):
    client = login(tree.cadre_a)
    response = post_dispute(client, tree)
    dispute = LabourDispute.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("rights:dispute_detail", args=[dispute.pk])
    assert dispute.amount == Decimal("12500.50") and dispute.created_by == tree.cadre_a
    assert dispute.history.count() == 1


def test_viewer_gets_403_and_nothing_is_written(tree, login):
    client = login(tree.viewer_a)
    assert client.get(reverse("rights:dispute_create")).status_code == 403
    assert post_dispute(client, tree).status_code == 403
    assert client.get(reverse("rights:dispute_list")).status_code == 200
    assert not LabourDispute.objects.exists()


def test_invalid_input_keeps_the_form_and_writes_nothing(tree, login):
    client = login(tree.cadre_a)
    response = post_dispute(client, tree, closed_on="2025-05-01", outcome="settled")
    assert response.status_code == 200
    assert "closed_on" in response.context["form"].errors
    assert response.context["form"]["subject"].value() == "拖欠工资"
    assert not LabourDispute.objects.exists()


def test_the_form_offers_only_the_subtree(tree, login):
    client = login(tree.cadre_a)
    response = post_dispute(client, tree, organisation=tree.union_b.pk)
    assert "organisation" in response.context["form"].errors
    assert not LabourDispute.objects.exists()


def test_a_locked_year_refuses_create_edit_and_delete(tree, login):
    dispute = f.dispute(tree.union_a, tree.cadre_a, subject="锁定前的案件")
    period_lock(organisation=tree.street_a, year=2025, actor=tree.official_street_a)
    client = login(tree.cadre_a)
    response = post_dispute(client, tree)
    assert response.status_code == 200 and "2025" in str(response.context["form"].errors)
    edit = reverse("rights:dispute_update", args=[dispute.pk])
    response = client.post(edit, DISPUTE | {"organisation": tree.union_a.pk,
                                            "subject": "改了"})
    assert response.status_code == 200
    response = client.post(reverse("rights:dispute_delete", args=[dispute.pk]))
    assert response.status_code == 302
    dispute.refresh_from_db()
    assert dispute.subject == "锁定前的案件" and LabourDispute.objects.count() == 1


def test_dispute_pages_flag_the_clocks(tree, login):
    today = timezone.localdate()
    near = f.dispute(tree.union_a, tree.cadre_a, subject="即将超期的调解",
                     date=today - dt.timedelta(days=14))
    f.dispute(tree.union_a, tree.cadre_a, subject="刚受理的案件", date=today)
    client = login(tree.cadre_a)
    page = client.get(reverse("rights:dispute_list"), {"year": today.year})
    flagged = [case for case, _clocks in page.context["flagged_cases"]]
    assert flagged == [near]
    assert "clock-near" in page.content.decode()
    detail = client.get(reverse("rights:dispute_detail", args=[near.pk]))
    assert [c.status for c in detail.context["clocks"]] == ["near"]
    assert 'id="dispute-clocks"' in detail.content.decode()


def test_overdue_replies_and_ending_contracts_are_listed(tree, login):
    today = timezone.localdate()
    late = f.motion(tree.union_a, tree.cadre_a, date=today - dt.timedelta(days=60),
                    title="逾期未答复的提案", reply_deadline=today - dt.timedelta(days=1))
    f.motion(tree.union_a, tree.cadre_a, date=today - dt.timedelta(days=60), number="2",
             title="按期答复", reply_deadline=today)
    ending = f.contract(tree.union_a, tree.cadre_a, date=today - dt.timedelta(days=700),
                        title="即将到期的合同", end_date=today + dt.timedelta(days=90))
    f.contract(tree.union_a, tree.cadre_a, date=today - dt.timedelta(days=700),
               title="还早", end_date=today + dt.timedelta(days=91))
    client = login(tree.viewer_a)
    motions = client.get(reverse("rights:motion_list"))
    assert list(motions.context["overdue_motions"]) == [late]
    contracts = client.get(reverse("rights:contract_list"))
    assert list(contracts.context["ending_contracts"]) == [ending]
    index = client.get(reverse("rights:index"))
    assert index.context["overdue_motions"] == 1 and index.context["ending_contracts"] == 1


def test_lists_and_index_show_the_scope_only(tree, login):
    f.petition(tree.union_a, tree.cadre_a, subject="本会的信访")
    f.petition(tree.union_b, tree.cadre_b, subject="别处的信访")
    client = login(tree.cadre_a)
    page = client.get(reverse("rights:petition_list"), {"year": 2025}).content.decode()
    assert "本会的信访" in page and "别处的信访" not in page
    index = client.get(reverse("rights:index"), {"year": 2025})
    assert index.context["protection"].petitions == 1


@pytest.mark.parametrize("key", ["session", "motion", "contract", "dispute", "petition"])
def test_every_register_renders_its_pages(tree, login, key):
    makers = {"session": f.session, "motion": f.motion, "contract": f.contract,
              "dispute": f.dispute, "petition": f.petition}
    record = makers[key](tree.union_a, tree.cadre_a)
    client = login(tree.cadre_a)
    for name, args in [("list", []), ("create", []), ("detail", [record.pk]),
                       ("update", [record.pk]), ("delete", [record.pk])]:
        response = client.get(reverse(f"rights:{key}_{name}", args=args), {"year": 2025})
        assert response.status_code == 200, (key, name)
    response = client.post(reverse(f"rights:{key}_delete", args=[record.pk]))
    assert response.status_code == 302 and not type(record).objects.exists()


def test_resolutions_are_added_to_a_session(tree, login):
    session = f.session(tree.union_a, tree.cadre_a, delegates_present=100)
    client = login(tree.cadre_a)
    url = reverse("rights:resolution_create", args=[session.pk])
    bad = client.post(url, {"title": "超票", "votes_for": 90, "votes_against": 20,
                            "votes_abstain": 0})
    assert bad.status_code == 200 and not Resolution.objects.exists()
    ok = client.post(url, {"title": "采暖改革方案", "votes_for": 90, "votes_against": 5,
                           "votes_abstain": 5})
    assert ok.status_code == 302 and Resolution.objects.get().title == "采暖改革方案"
    page = client.get(reverse("rights:session_detail", args=[session.pk])).content.decode()
    assert "采暖改革方案" in page
    viewer = login(tree.viewer_a)
    assert viewer.post(url, {"title": "x", "votes_for": 1}).status_code == 403


def test_motion_merge_choices_are_cut_to_the_scope(tree, login):
    f.motion(tree.union_b, tree.cadre_b, title="乙方的提案")
    client = login(tree.cadre_a)
    form = client.get(reverse("rights:motion_create")).context["form"]
    assert not form.fields["merged_into"].queryset.exists()
    assert Motion.objects.count() == 1
