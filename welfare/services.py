"""Writes of the welfare app: every rule that protects the register and the money is here.

Records go through ``ledger.services`` (role, period lock, ``full_clean``, audit, one
transaction). On top of that:

- a hardship case is one per person (a member, or a worker known by an ID number stored
  encrypted); a second one is refused wherever in the tree the first was filed;
- a grant to the same person under the same programme in the same year is refused unless
  an official gives a written reason (kept on the record, hence in its history); visits
  are counted in 人次 and governed by the rules instead;
- the federations' rules (``welfare.rules``) warn, and the cadre must confirm, or refuse;
- a donation drive never pays out more than it raised (the drive row is locked while the
  sum is checked, so two grants saved at once cannot both slip under the total);
- a grant is applied for by a cadre, approved by an official and paid by a cadre; once
  approved only an official may change or delete it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ledger.services import ledger_delete, ledger_save, record_copy
from members import identity
from members.choices import DocumentType
from organisations.models import RoleKind
from organisations.services import ensure_can
from reports.text import money
from welfare import rules
from welfare.choices import GrantStatus, Programme
from welfare.models import (
    AidGrant,
    AidRule,
    CaseReview,
    DonationDrive,
    HardshipCase,
    MutualAidEnrolment,
)


class RuleWarnings(ValidationError):
    """Rules warn about this grant: it is saved only when the cadre confirms them."""


def _is_official(actor, organisation) -> bool:
    try:
        ensure_can(actor, organisation, RoleKind.OFFICIAL)
    except PermissionDenied:
        return False
    return True


def _where(actor, organisation) -> str:
    """Name a union in a refusal only if the actor may see it."""
    try:
        ensure_can(actor, organisation, RoleKind.VIEWER)
    except PermissionDenied:
        return _("another union")
    return str(organisation)


# --- Hardship cases ---------------------------------------------------------------------------

def _set_identity(case: HardshipCase, document_number: str | None) -> None:
    if case.member_id:
        member = case.member
        case.name, case.document_type = "", ""
        case.id_cipher, case.id_hash, case.id_last4 = "", member.id_hash, member.id_last4
        return
    if document_number is None:
        if not case.id_cipher:
            raise ValidationError({"document_number": _(
                "Give the ID number of a worker who is not a member.")})
        return
    number = identity.normalise(document_number)
    case.document_type = case.document_type or DocumentType.RESIDENT_ID
    try:
        identity.validate_document(case.document_type, number)
    except ValidationError as error:
        raise ValidationError({"document_number": error}) from None
    case.set_document_number(number)


def _duplicate_case_error(existing: HardshipCase, actor) -> ValidationError:
    return ValidationError({"member" if existing.member_id else "document_number": _(
        "This person already has a hardship case, filed on %(date)s by %(where)s: one "
        "person has one case. Review or update that case instead.") % {
        "date": existing.date.isoformat(), "where": _where(actor, existing.organisation)}},
        code="case_duplicate")


@transaction.atomic
def case_save(case: HardshipCase, *, actor, document_number: str | None = None
              ) -> HardshipCase:
    """Create or update a case; a non-member's ``document_number`` is needed to create it
    (and given again only to change it)."""
    if case.pk is not None:
        stored = HardshipCase.objects.get(pk=case.pk)
        if stored.member_id != case.member_id and not case.member_id and not document_number:
            raise ValidationError({"document_number": _(
                "Give the ID number of a worker who is not a member.")})
    _set_identity(case, document_number)
    existing = (HardshipCase.objects.filter(id_hash=case.id_hash).exclude(pk=case.pk)
                .select_related("organisation").first())
    if existing is not None:
        raise _duplicate_case_error(existing, actor)
    try:
        with transaction.atomic():
            return ledger_save(case, actor=actor)
    except IntegrityError:  # a concurrent filing for the same person won the race
        raise _duplicate_case_error(
            HardshipCase.objects.select_related("organisation").get(id_hash=case.id_hash),
            actor) from None


@transaction.atomic
def case_delete(case: HardshipCase, *, actor) -> None:
    if case.reviews.exists() or case.grants.exists():
        raise ValidationError(_("This case has reviews or grants: it is closed by a review, "
                                "not deleted."), code="case_in_use")
    ledger_delete(case, actor=actor)


def review_save(review: CaseReview, *, actor) -> CaseReview:
    """A review belongs to its case's union; it is locked with its own year."""
    review.organisation = review.case.organisation
    return ledger_save(review, actor=actor)


review_delete = ledger_delete


# --- Aid grants ---------------------------------------------------------------------------------

def _person_hash(grant: AidGrant) -> str:
    if grant.member_id:
        return grant.member.id_hash
    if grant.case_id:
        return grant.case.id_hash
    return ""


def _check_stored_step(grant: AidGrant, actor) -> None:
    """An approved or paid grant is changed or deleted only by an official."""
    if grant.pk is None:
        return
    stored = AidGrant.objects.select_related("organisation").get(pk=grant.pk)
    if stored.status != GrantStatus.APPLIED and not _is_official(actor, stored.organisation):
        raise PermissionDenied(_("This grant is already %(status)s: only an official may "
                                 "change or delete it.") % {
            "status": stored.get_status_display().lower()})


def _check_duplicate(grant: AidGrant, actor) -> None:
    """One grant per person, programme and year, unless an official says why."""
    reason = grant.override_reason.strip()
    earlier = None
    if grant.person_hash and grant.programme != Programme.VISIT:
        earlier = (AidGrant.objects.filter(person_hash=grant.person_hash,
                                           programme=grant.programme,
                                           date__year=grant.date.year)
                   .exclude(pk=grant.pk).select_related("organisation").first())
    if earlier is None:
        if reason:
            raise ValidationError({"override_reason": _(
                "There is no earlier grant to override: leave the reason empty.")})
        grant.override_by = None
        return
    if not reason:
        raise ValidationError({"override_reason": _(
            "%(name)s already received %(programme)s in %(year)s (%(date)s, %(where)s). A "
            "second grant needs an official's written reason.") % {
            "name": grant.recipient_name, "programme": grant.get_programme_display(),
            "year": grant.date.year, "date": earlier.date.isoformat(),
            "where": _where(actor, earlier.organisation)}}, code="grant_duplicate")
    if not _is_official(actor, grant.organisation):
        raise ValidationError({"override_reason": _(
            "Only an official may allow a second grant under the same programme in one "
            "year.")}, code="override_not_allowed")
    stored_reason = (AidGrant.objects.filter(pk=grant.pk).values_list("override_reason",
                                                                      flat=True).first()
                     if grant.pk else None)
    if stored_reason != grant.override_reason or grant.override_by_id is None:
        grant.override_by = actor


def _check_drive(grant: AidGrant) -> None:
    if not grant.drive_id:
        return
    drive = DonationDrive.objects.select_for_update().get(pk=grant.drive_id)
    paid_out = drive.paid_out(excluding=grant.pk)
    if paid_out + grant.amount > drive.total:
        raise ValidationError({"drive": _(
            "The drive raised %(total)s and has paid out %(paid)s: %(left)s is left, less "
            "than this grant's %(amount)s.") % {
            "total": money(drive.total), "paid": money(paid_out),
            "left": money(drive.total - paid_out), "amount": money(grant.amount)}},
            code="drive_overdrawn")


def _check_rules(grant: AidGrant, *, confirm_warnings: bool) -> None:
    found = rules.breaches(grant)
    refusals = [breach.message for breach in found if breach.refuses]
    if refusals:
        raise ValidationError(refusals, code="rule_refusal")
    warnings = [breach.message for breach in found]
    if warnings and not confirm_warnings:
        raise RuleWarnings(warnings, code="rule_warning")
    grant.warnings_confirmed = "\n".join(warnings)


@transaction.atomic
def grant_save(grant: AidGrant, *, actor, confirm_warnings: bool = False) -> AidGrant:
    """Create or update a grant: validation, the one-grant rule, the drive's balance, the
    federations' rules (warnings need ``confirm_warnings``), then the ledger write."""
    _check_stored_step(grant, actor)
    grant.illness = grant.illness.strip()
    grant.person_hash = _person_hash(grant)
    grant.full_clean()
    _check_duplicate(grant, actor)
    _check_drive(grant)
    _check_rules(grant, confirm_warnings=confirm_warnings)
    return ledger_save(grant, actor=actor)


@transaction.atomic
def grant_delete(grant: AidGrant, *, actor) -> None:
    _check_stored_step(grant, actor)
    ledger_delete(grant, actor=actor)


def _stored_for_step(grant: AidGrant, status: GrantStatus) -> AidGrant:
    stored = AidGrant.objects.select_for_update().select_related("organisation").get(
        pk=grant.pk)
    if stored.status != status:
        raise ValidationError(_("%(grant)s is %(status)s, not %(expected)s.") % {
            "grant": stored, "status": stored.get_status_display().lower(),
            "expected": GrantStatus(status).label.lower()}, code="grant_step")
    return stored


@transaction.atomic
def grant_approve(grant: AidGrant, *, actor) -> AidGrant:
    """An official approves an applied grant."""
    stored = _stored_for_step(grant, GrantStatus.APPLIED)
    ensure_can(actor, stored.organisation, RoleKind.OFFICIAL)
    stored.status, stored.approved_by, stored.approved_at = (
        GrantStatus.APPROVED, actor, timezone.now())
    return ledger_save(stored, actor=actor)


@transaction.atomic
def grant_pay(grant: AidGrant, *, actor, paid_on: dt.date) -> AidGrant:
    """A cadre records the payment of an approved grant."""
    stored = _stored_for_step(grant, GrantStatus.APPROVED)
    if paid_on < stored.date:
        raise ValidationError({"paid_on": _("The grant is paid before its date (%(date)s).")
                               % {"date": stored.date.isoformat()}})
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("A payment cannot be dated in the future.")})
    stored.status, stored.paid_by, stored.paid_on = GrantStatus.PAID, actor, paid_on
    return ledger_save(stored, actor=actor)


@transaction.atomic
def grants_approve(grants: Iterable[AidGrant], *, actor) -> int:
    """Approve many grants: all of them or none."""
    count = 0
    for grant in grants:
        grant_approve(grant, actor=actor)
        count += 1
    return count


@transaction.atomic
def grants_pay(grants: Iterable[AidGrant], *, actor, paid_on: dt.date) -> int:
    count = 0
    for grant in grants:
        grant_pay(grant, actor=actor, paid_on=paid_on)
        count += 1
    return count


def _row_error(number: int, grant: AidGrant, error: ValidationError) -> ValidationError:
    messages = " ".join(error.messages)
    return type(error)(_("Row %(row)s (%(name)s): %(messages)s") % {
        "row": number, "name": grant.recipient_name or "—", "messages": messages},
        code=getattr(error, "code", None))


@transaction.atomic
def grants_batch_save(grants: list[AidGrant], *, actor, confirm_warnings: bool = False) -> int:
    """A festival round entered on one page: every row saved, or none.

    Refusals of any row stop the batch; warnings of all rows are gathered, so the cadre
    confirms them once for the page.
    """
    warnings = []
    for number, grant in enumerate(grants, start=1):
        try:
            grant_save(grant, actor=actor, confirm_warnings=True)
        except ValidationError as error:
            raise _row_error(number, grant, error) from None
        if grant.warnings_confirmed:
            warnings.append(_("Row %(row)s (%(name)s): %(messages)s") % {
                "row": number, "name": grant.recipient_name,
                "messages": grant.warnings_confirmed})
    if warnings and not confirm_warnings:
        raise RuleWarnings(warnings, code="rule_warning")
    return len(grants)


# --- Donation drives, mutual aid ---------------------------------------------------------------

@transaction.atomic
def drive_save(drive: DonationDrive, *, actor) -> DonationDrive:
    if drive.pk is not None:
        DonationDrive.objects.select_for_update().get(pk=drive.pk)
        paid_out = drive.paid_out()
        if drive.total is not None and paid_out > drive.total:
            raise ValidationError({"total": _(
                "The drive has already paid out %(paid)s: the total raised cannot be less.")
                % {"paid": money(paid_out)}}, code="drive_overdrawn")
    return ledger_save(drive, actor=actor)


@transaction.atomic
def drive_delete(drive: DonationDrive, *, actor) -> None:
    if drive.grants.exists():
        raise ValidationError(_("Grants were paid from this drive: it cannot be deleted."),
                              code="drive_in_use")
    ledger_delete(drive, actor=actor)


enrolment_save = ledger_save
enrolment_delete = ledger_delete


def enrolment_copy(enrolment: MutualAidEnrolment, *, actor) -> MutualAidEnrolment:
    """Next year's enrolment of the unit: same persons and premiums, no claims yet."""
    return record_copy(enrolment, actor=actor, reset=("claims_paid", "claims_amount"))


# --- Policy rules -------------------------------------------------------------------------------

@transaction.atomic
def rule_save(rule: AidRule, *, actor) -> AidRule:
    """Rules are set by an official of the union they apply to (or above)."""
    if rule.pk is not None:
        stored = AidRule.objects.select_related("organisation").get(pk=rule.pk)
        ensure_can(actor, stored.organisation, RoleKind.OFFICIAL)
    ensure_can(actor, rule.organisation, RoleKind.OFFICIAL)
    rule.full_clean()
    rule._history_user = actor
    rule.save()
    return rule


@transaction.atomic
def rule_delete(rule: AidRule, *, actor) -> None:
    ensure_can(actor, rule.organisation, RoleKind.OFFICIAL)
    rule._history_user = actor
    rule.delete()

