"""What the campaign found, kept as fixed examples: each failed (a 500, a NUL or an
over-long text stored, a file crashing the import) before its fix, whatever the luck of
the ci profile's draw. Each runs through the same checks as the campaign
(``harness.attempt``), and adds what the fix promises.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from django.contrib.messages import constants
from django.urls import reverse

from competitions.models import CompetitionEntry
from members import excel
from members.models import Member, MemberTransfer, TransferStatus
from organisations.models import PeriodLock
from reports.models import Report, ReportEvent
from tests.fuzz.harness import attempt, queued_messages, send
from tests.fuzz.sides import mirrored
from tests.fuzz.targets import form_pages
from tests.fuzz.test_import import Upload, _zip
from tests.test_access_matrix import MATRIX

PAGES = form_pages()
LONG = "长" * 1000


def _refused_with_message(client, page, data) -> None:
    attempt(client, page, data)
    response = send(client, page, data)  # again, to read the answer (rolled back below)
    assert any(m.level >= constants.ERROR for m in queued_messages(response)) or (
        response.status_code == 200 and response.context["form"].errors), response


@pytest.mark.parametrize(("name", "data"), [
    # A transfer's note went to the database unchecked: NUL is a 500 on PostgreSQL, and
    # so is a note longer than its 200-character column.
    ("members:transfer_accept", {"note": "\x00"}),
    ("members:transfer_accept", {"note": "a" * 1000}),
    ("members:transfer_decline", {"note": "不同意\x00"}),
    ("members:transfer_decline", {"note": "a" * 201}),
    # The reasons of the review steps: NUL was stored.
    ("reports:return", {"reason": "\x00"}),
    ("reports:reopen", {"reason": "退回\x00"}),
    ("reports:not_reporting", {"reason": "\x00"}),
])
def test_text_read_straight_from_a_post_is_refused_with_a_message(campaign, client, name,
                                                                  data):
    page = PAGES[name](campaign)
    client.force_login(page.user)
    _refused_with_message(client, page, data)
    if page.model is MemberTransfer:
        assert MemberTransfer.objects.get(pk=page.pk).status == TransferStatus.PENDING


def test_a_long_reason_to_reopen_is_kept_whole_and_cut_for_the_history(campaign, client):
    """Reopening unlocked the period with the reason as the history's change reason, a
    100-character column: a longer reason was a 500 on PostgreSQL."""
    page = PAGES["reports:reopen"](campaign)
    client.force_login(page.user)
    attempt(client, page, {"reason": LONG})
    response = send(client, page, {"reason": LONG})
    assert response.status_code == 302
    assert ReportEvent.objects.filter(reason=LONG).exists()
    reasons = PeriodLock.history.values_list("history_change_reason", flat=True)
    assert [r for r in reasons if r and r.startswith("长")] == ["长" * 99 + "…"]


def test_a_long_reason_to_change_an_approved_report_fits_the_history(campaign, client):
    page = PAGES["reports:edit@approved"](campaign)
    client.force_login(page.user)
    data = {"reason": LONG, "problems": "新的问题"}
    attempt(client, page, data)
    assert send(client, page, data).status_code == 302
    assert ReportEvent.objects.filter(reason=LONG).exists()
    assert Report.history.filter(history_change_reason="长" * 99 + "…").exists()


@pytest.mark.parametrize("year", ["0", "-1", "10000", "99999999", "1e309"])
def test_a_year_no_calendar_holds_shows_this_year(campaign, client, year):
    """``?year=0`` on a list was a 500 (``year 0 is out of range``)."""
    client.force_login(campaign.official_street_a)
    for name in ("rights:motion_list", "rights:index", "welfare:index", "ledger:chronicle_list",
                 "reports:dashboard", "reports:list", "activities:list"):
        assert client.get(reverse(name), {"year": year}).status_code == 200, name


def test_a_signalling_nan_in_a_row_of_the_festival_round_is_a_message(campaign, client):
    """Django's DecimalField reads "sNaN" as a number; the formset's ``has_changed``
    then compared it and raised InvalidOperation (a 500)."""
    page = PAGES["welfare:grants_batch"](campaign)
    client.force_login(page.user)
    member = Member.objects.filter(organisation=campaign.union_a).first()
    data = {"date": "2025-06-01", "programme": "spring_festival", "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "0", "form-0-member": str(member.pk), "form-0-goods": "sNaN"}
    attempt(client, page, data)
    assert send(client, page, data).status_code == 200


def test_a_row_ticked_for_deletion_is_deleted_as_stored(campaign, client):
    """A row ticked for deletion is not validated, yet its instance took what was typed
    over it: the history row of the deletion then held a headcount of 26 digits, a 500
    (integer out of range), and would have recorded values never stored."""
    page = PAGES["competitions:entries"](campaign)
    client.force_login(page.user)
    entry = CompetitionEntry.objects.get(pk=page.good["form-0-id"])
    data = {**page.good, "form-0-headcount": "9" * 26, "form-0-DELETE": "on"}
    attempt(client, page, data)
    assert send(client, page, data).status_code == 302
    deleted = CompetitionEntry.history.get(id=entry.pk, history_type="-")
    assert deleted.headcount == entry.headcount


@pytest.mark.parametrize("value", ["²", "9" * 25, str(2**63)])
@pytest.mark.parametrize(("name", "param"), [
    ("ledger:audit_log", "user"), ("welfare:grants_batch", "organisation"),
    ("members:list", "organisation"), ("members:export", "organisation")])
def test_an_id_in_the_address_bar_that_no_key_holds_is_ignored(campaign, client, name, param,
                                                                value):
    """``"²".isdigit()`` is true and ``int("²")`` fails; 25 digits overflow the key: both
    were 500s (ValueError, OverflowError)."""
    client.force_login(campaign.official_street_a)
    assert client.get(reverse(name), {param: value}).status_code == 200


@pytest.mark.parametrize("before", ["0001-01-01T00:00", "0001-01-01", "9999-12-31T23:59-12:00",
                                    "2025-06-01T08:00"])
def test_the_audit_log_starts_at_any_moment_typed_in_the_address_bar(campaign, client, before):
    """Year 1 at midnight in UTC+8 is before the first day there is: an OverflowError (a
    500) on SQLite, where the naive moment was converted."""
    client.force_login(campaign.official_street_a)
    assert client.get(reverse("ledger:audit_log"), {"before": before}).status_code == 200


@pytest.mark.parametrize("ids", [["abc"], ["1.0"], [str(2**63)], ["9" * 25], ["²"]])
def test_tampered_grant_ids_are_ignored(campaign, client, ids):
    """The waiting grants' checkboxes: a value that is not an id was a 500."""
    page = PAGES["welfare:grants_waiting"](campaign)
    client.force_login(page.user)
    attempt(client, page, {"grant": ids, "action": "pay", "paid_on": "2025-06-01"})


def _valid_template() -> bytes:
    return _zip({"[Content_Types].xml": b"<Types><Override PartName='/x' ContentType='"
                 + excel.XLSX_WORKBOOK.encode() + b"'/></Types>", "xl/workbook.xml": b"<w/>"})


def _damaged_deflate() -> bytes:
    content = bytearray(_valid_template())
    info = zipfile.ZipFile(io.BytesIO(bytes(content))).getinfo("[Content_Types].xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    content[start:start + 4] = b"\xff\xff\xff\xff"
    return bytes(content)


def _headers_patched(local_offset: int, central_offset: int, value: bytes) -> bytes:
    """The content-types entry's local and central headers with two bytes overwritten."""
    content = bytearray(_valid_template())
    info = zipfile.ZipFile(io.BytesIO(bytes(content))).getinfo("[Content_Types].xml")
    local, name = info.header_offset, info.filename.encode()
    central = next(at for at in range(len(content)) if content[at:at + 4] == b"PK\x01\x02"
                   and content[at + 46:at + 46 + len(name)] == name)
    content[local + local_offset:local + local_offset + 2] = value
    content[central + central_offset:central + central_offset + 2] = value
    return bytes(content)


@pytest.mark.parametrize("content", [
    pytest.param(_damaged_deflate(), id="damaged-deflate"),  # zlib.error
    pytest.param(_headers_patched(4, 6, (64).to_bytes(2, "little")),  # NotImplementedError
                 id="zip-version-6.4"),
    pytest.param(_headers_patched(6, 8, (1).to_bytes(2, "little")),  # RuntimeError
                 id="encrypted-entry"),
])
def test_a_damaged_zip_is_not_a_workbook(content):
    """These escaped ``check_upload`` (a 500 on upload) before it caught them."""
    with pytest.raises(excel.FileRefused) as refused:
        excel.check_upload(Upload(content))
    assert refused.value.code == "not_xlsx"


def test_the_mirrored_makers_give_union_a_objects(campaign):
    """The campaign edits union A's records as cadre_a: the mirror must hold."""
    kwargs = MATRIX["members:update"][0](mirrored(campaign))
    assert Member.objects.get(**kwargs).organisation == campaign.union_a
