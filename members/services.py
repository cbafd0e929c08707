"""Writes to the member register and transfers between unions.

Every check that protects the register lives here (and in ``members.identity``), so the
form, the Excel import and the admin refuse the same mistakes with the same words: a wrong
check digit, a birth date or gender that disagrees with the ID number, and a second active
membership of one person anywhere in the system.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members import identity
from members.choices import DocumentType, MemberStatus
from members.models import Member, MemberTransfer, TransferStatus
from organisations.models import Organisation, RoleKind
from organisations.services import ensure_can

MEMBER_FIELDS = (
    "name", "gender", "document_type", "birth_date", "ethnicity", "phone", "education",
    "employment_form", "join_date", "status", "status_date", "model_worker_level",
)


def document_errors(member: Member, number: str) -> dict[str, ValidationError]:
    """Errors by field for the document number and what it says of the holder."""
    try:
        facts = identity.validate_document(member.document_type or DocumentType.RESIDENT_ID,
                                           number)
    except ValidationError as error:
        return {"document_number": error}
    return identity.check_agreement(facts, birth_date=member.birth_date, gender=member.gender)


def _duplicate_error(existing: Member, actor) -> ValidationError:
    """Name the other union only if the actor may see it."""
    try:
        ensure_can(actor, existing.organisation, RoleKind.VIEWER)
        where = str(existing.organisation)
    except PermissionDenied:
        where = _("another union")
    return ValidationError(
        _("This person is already an active member of %(where)s: one person has one active "
          "membership. Ask that union to transfer the member instead.") % {"where": where},
        code="member_duplicate")


def member_check(member: Member, number: str | None, actor, *,
                 check_duplicates: bool = True) -> None:
    """Every rule of the register, without saving; raises ValidationError by field.

    ``number`` is the plaintext document number when it is being set (already on the
    instance through ``set_document_number``), None when the stored one is kept.
    ``check_duplicates=False`` skips the one-active-membership query: the Excel import
    checks a whole file's numbers in one query instead of one per row.
    """
    errors = {}
    if number is not None:
        errors.update(document_errors(member, number))
    try:
        member.full_clean(exclude=["id_cipher", "id_hash", "id_last4"])
    except ValidationError as error:
        for field, messages in error.error_dict.items():
            errors.setdefault(field, ValidationError(messages))
    if member.status != MemberStatus.ACTIVE and not member.status_date:
        errors.setdefault("status_date", ValidationError(
            _("Give the date from which the member is no longer on the register."),
            code="status_date_required"))
    if member.phone and not (member.phone.isdigit() and len(member.phone) == 11
                             and member.phone.startswith("1")):
        errors.setdefault("phone", ValidationError(
            _("A mobile number has 11 digits and begins with 1."), code="phone_format"))
    if errors:
        raise ValidationError(errors)
    if check_duplicates and member.status == MemberStatus.ACTIVE and member.id_hash:
        existing = (Member.objects.active().filter(id_hash=member.id_hash)
                    .exclude(pk=member.pk).select_related("organisation").first())
        if existing is not None:
            raise ValidationError({"document_number": _duplicate_error(existing, actor)})


@transaction.atomic
def member_save(member: Member, *, actor, document_number: str | None = None) -> Member:
    """Create or update a member; ``document_number`` is required for a new member."""
    ensure_can(actor, member.organisation, RoleKind.CADRE)
    if member.pk is not None:
        stored = Member.objects.select_related("organisation").get(pk=member.pk)
        ensure_can(actor, stored.organisation, RoleKind.CADRE)
        if stored.organisation_id != member.organisation_id:
            raise ValidationError({"organisation": _(
                "A member moves to another union by a transfer, not by editing.")})
    elif document_number is None:
        raise ValidationError({"document_number": _("The document number is required.")})
    if document_number is not None:
        document_number = identity.normalise(document_number)
        member.set_document_number(document_number)
    member_check(member, document_number, actor)
    if member.pk is None and actor is not None and actor.is_authenticated:
        member.created_by = actor
    member._history_user = actor
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError:  # a concurrent insert of the same person won the race
        raise ValidationError({"document_number": _duplicate_error(
            Member.objects.active().get(id_hash=member.id_hash), actor)}) from None
    return member


def member_create(*, actor, organisation: Organisation, document_number: str,
                  **fields) -> Member:
    unknown = set(fields) - set(MEMBER_FIELDS)
    if unknown:
        raise TypeError(f"Unknown member fields {sorted(unknown)}")
    return member_save(Member(organisation=organisation, **fields), actor=actor,
                       document_number=document_number)


# --- Transfers --------------------------------------------------------------------------

@transaction.atomic
def transfer_request(*, member: Member, to_organisation: Organisation, actor,
                     reason: str = "") -> MemberTransfer:
    ensure_can(actor, member.organisation, RoleKind.CADRE)
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.status != MemberStatus.ACTIVE:
        raise ValidationError(_("Only a member on the register can be transferred."),
                              code="transfer_inactive")
    if to_organisation.pk == member.organisation_id:
        raise ValidationError(_("The member already belongs to %(union)s.")
                              % {"union": to_organisation}, code="transfer_same")
    if member.transfers.filter(status=TransferStatus.PENDING).exists():
        raise ValidationError(_("A transfer of this member is already waiting for an answer."),
                              code="transfer_pending")
    transfer = MemberTransfer(member=member, from_organisation=member.organisation,
                              to_organisation=to_organisation, reason=reason,
                              requested_by=actor)
    transfer._history_user = actor
    transfer.save()
    return transfer


def _decide(transfer: MemberTransfer, actor, status: TransferStatus, note: str,
            *, side: str) -> MemberTransfer:
    # The note comes straight from a POST, past any form: refuse what the column cannot hold.
    ProhibitNullCharactersValidator()(note)
    MaxLengthValidator(MemberTransfer._meta.get_field("decision_note").max_length)(note)
    transfer = MemberTransfer.objects.select_for_update().select_related(
        "member", "from_organisation", "to_organisation").get(pk=transfer.pk)
    ensure_can(actor, getattr(transfer, side), RoleKind.CADRE)
    if transfer.status != TransferStatus.PENDING:
        raise ValidationError(_("This transfer has already been %(status)s.")
                              % {"status": transfer.get_status_display()},
                              code="transfer_decided")
    transfer.status, transfer.decided_by = status, actor
    transfer.decided_at, transfer.decision_note = timezone.now(), note
    transfer._history_user = actor
    transfer.save()
    return transfer


@transaction.atomic
def transfer_accept(*, transfer: MemberTransfer, actor, note: str = "") -> MemberTransfer:
    """The receiving union takes the member in: the membership moves, its history with it."""
    transfer = _decide(transfer, actor, TransferStatus.ACCEPTED, note, side="to_organisation")
    member = Member.objects.select_for_update().get(pk=transfer.member_id)
    member.organisation = transfer.to_organisation
    member._history_user = actor
    member._change_reason = f"transfer {transfer.pk}"
    member.save(update_fields=["organisation", "updated_at"])
    return transfer


@transaction.atomic
def transfer_decline(*, transfer: MemberTransfer, actor, note: str) -> MemberTransfer:
    if not note.strip():
        raise ValidationError(_("Say why the transfer is declined."), code="reason_required")
    return _decide(transfer, actor, TransferStatus.DECLINED, note, side="to_organisation")


@transaction.atomic
def transfer_cancel(*, transfer: MemberTransfer, actor) -> MemberTransfer:
    return _decide(transfer, actor, TransferStatus.CANCELLED, "", side="from_organisation")


@transaction.atomic
def member_leave(*, member: Member, actor, status: MemberStatus, on: dt.date) -> Member:
    """Take a member off the register (left, deceased, transferred out of the system).

    A transfer still waiting for an answer is withdrawn: nobody can accept a member who has
    left.
    """
    member.status, member.status_date = status, on
    member = member_save(member, actor=actor)
    for transfer in member.transfers.filter(status=TransferStatus.PENDING):
        transfer.status, transfer.decided_by = TransferStatus.CANCELLED, actor
        transfer.decided_at = timezone.now()
        transfer.decision_note = str(MemberStatus(status).label)
        transfer._history_user = actor
        transfer.save()
    return member
