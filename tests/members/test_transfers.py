import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from members.models import MemberTransfer, TransferStatus
from members.services import transfer_accept, transfer_cancel, transfer_decline, transfer_request
from tests.members.test_services import create


@pytest.fixture
def member(tree):
    return create(tree)


@pytest.fixture
def pending(tree, member):
    return transfer_request(member=member, to_organisation=tree.union_b, actor=tree.cadre_a,
                            reason="工作调动")


def test_member_stays_until_accepted(tree, member, pending):
    member.refresh_from_db()
    assert member.organisation == tree.union_a
    transfer_accept(transfer=pending, actor=tree.cadre_b)
    member.refresh_from_db()
    assert member.organisation == tree.union_b
    pending.refresh_from_db()
    assert pending.status == TransferStatus.ACCEPTED and pending.decided_by == tree.cadre_b


def test_only_the_receiving_union_answers_and_only_the_sender_withdraws(tree, pending):
    with pytest.raises(PermissionDenied):
        transfer_accept(transfer=pending, actor=tree.cadre_a)
    with pytest.raises(PermissionDenied):
        transfer_cancel(transfer=pending, actor=tree.cadre_b)
    transfer_cancel(transfer=pending, actor=tree.cadre_a)
    with pytest.raises(ValidationError):
        transfer_accept(transfer=pending, actor=tree.cadre_b)


def test_declining_needs_a_reason_and_keeps_the_member(tree, member, pending):
    with pytest.raises(ValidationError):
        transfer_decline(transfer=pending, actor=tree.cadre_b, note=" ")
    transfer_decline(transfer=pending, actor=tree.cadre_b, note="查无此人")
    member.refresh_from_db()
    assert member.organisation == tree.union_a


def test_one_pending_transfer_at_a_time(tree, member, pending):
    with pytest.raises(ValidationError) as info:
        transfer_request(member=member, to_organisation=tree.union_a2, actor=tree.cadre_a)
    assert info.value.code == "transfer_pending"


def test_both_unions_see_the_transfer_in_the_portal(tree, member, pending, client):
    for user in (tree.cadre_a, tree.cadre_b):
        client.force_login(user)
        page = client.get(reverse("members:transfer_list"))
        assert pending in page.context["incoming"] or pending in page.context["outgoing"]
        assert client.get(reverse("members:transfer_detail", args=[pending.pk])).status_code \
            == 200
    client.force_login(tree.cadre_b)
    assert list(client.get(reverse("members:transfer_list")).context["incoming"]) == [pending]


def test_portal_flow_request_then_accept(tree, member, client):
    client.force_login(tree.cadre_a)
    search = client.get(reverse("members:transfer_request", args=[member.pk]), {"q": "软件园"})
    assert list(search.context["candidates"]) == [tree.union_b]
    response = client.post(reverse("members:transfer_request", args=[member.pk]),
                           {"to_organisation": tree.union_b.pk, "reason": "调动"})
    transfer = MemberTransfer.objects.get()
    assert response.status_code == 302 and transfer.status == TransferStatus.PENDING
    client.force_login(tree.cadre_b)
    client.post(reverse("members:transfer_accept", args=[transfer.pk]))
    member.refresh_from_db()
    assert member.organisation == tree.union_b


def test_a_third_union_sees_nothing(tree, pending, client):
    client.force_login(tree.official_street_a)  # sender's street: sees it (it is the sender)
    assert client.get(reverse("members:transfer_detail", args=[pending.pk])).status_code == 200
    from organisations.models import Level, RoleKind
    from organisations.services import organisation_create, role_grant
    from tests.conftest import make_user

    other = organisation_create(parent=tree.street_b, name="第三方工会", level=Level.GRASSROOTS)
    stranger = make_user("stranger")
    role_grant(user=stranger, organisation=other, kind=RoleKind.OFFICIAL)
    client.force_login(stranger)
    assert client.get(reverse("members:transfer_detail", args=[pending.pk])).status_code == 404
    assert not client.get(reverse("members:transfer_list")).context["decided"]


def test_leaving_withdraws_a_pending_transfer(tree, member, pending):
    import datetime as dt

    from members.choices import MemberStatus
    from members.services import member_leave

    member_leave(member=member, actor=tree.cadre_a, status=MemberStatus.DECEASED,
                 on=dt.date(2025, 3, 1))
    pending.refresh_from_db()
    assert pending.status == TransferStatus.CANCELLED
    with pytest.raises(ValidationError):
        transfer_accept(transfer=pending, actor=tree.cadre_b)


def test_the_member_list_links_to_import_export_and_transfers(tree, client):
    client.force_login(tree.cadre_a)
    page = client.get(reverse("members:list"), {"status": "active"}).content.decode()
    for name in ("members:import_upload", "members:transfer_list"):
        assert reverse(name) in page
    assert reverse("members:export") + "?status=active" in page
    client.force_login(tree.viewer_a)
    viewer_page = client.get(reverse("members:list")).content.decode()
    assert reverse("members:import_upload") not in viewer_page
