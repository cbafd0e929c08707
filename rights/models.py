"""Democratic management (民主管理) and rights protection (维权) records.

Every record is a ledger entry (``ledger.base.LedgerRecord``): one organisation, one date,
scoped, audited and locked with its year. ``date`` means: the day a congress session was
held, a motion received, a collective contract signed, a dispute or a petition received.
Resolutions belong to their session and share its place; they are written through
``rights.services`` which checks the session's organisation and year.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ledger.base import LedgerQuerySet, LedgerRecord
from rights import clocks
from rights.choices import (
    CongressKind,
    ContractScope,
    ContractType,
    DisputeChannel,
    DisputeOutcome,
    DisputeType,
    Implementation,
    MotionCategory,
    PetitionOutcome,
    ReviewOutcome,
    Satisfaction,
)

ONE = [MinValueValidator(1)]


def _errors(**messages) -> None:
    found = {field: message for field, message in messages.items() if message}
    if found:
        raise ValidationError(found)


class CongressSession(LedgerRecord):
    """A session (第X届第Y次) of a workers', teachers' or members' representative congress."""

    kind = models.CharField(_("kind of congress"), max_length=16, choices=CongressKind,
                            default=CongressKind.WORKERS)
    term = models.PositiveSmallIntegerField(_("term (届)"), validators=ONE)
    session_number = models.PositiveSmallIntegerField(_("session (次)"), validators=ONE)
    delegates_elected = models.PositiveIntegerField(_("delegates elected"), validators=ONE)
    delegates_present = models.PositiveIntegerField(_("delegates present"))
    documents = models.TextField(_("documents deliberated"), blank=True,
                                 help_text=_("One document per line."))

    class Meta(LedgerRecord.Meta):
        verbose_name = _("congress session")
        verbose_name_plural = _("congress sessions")
        constraints = [models.UniqueConstraint(
            fields=["organisation", "kind", "term", "session_number"],
            name="rights_one_session_per_number")]

    def __str__(self) -> str:
        return _("%(kind)s, term %(term)s session %(session)s") % {
            "kind": self.get_kind_display(), "term": self.term, "session": self.session_number}

    @property
    def title(self) -> str:
        return str(self)

    def clean(self):
        present, elected = self.delegates_present, self.delegates_elected
        _errors(delegates_present=(
            _("More delegates present than elected.")
            if present is not None and elected is not None and present > elected else None))

    def document_list(self) -> list[str]:
        return [line.strip() for line in self.documents.splitlines() if line.strip()]


class Resolution(models.Model):
    """A document or resolution put to the vote of a session (secret ballot results)."""

    session = models.ForeignKey(CongressSession, verbose_name=_("congress session"),
                                on_delete=models.CASCADE, related_name="resolutions")
    title = models.CharField(_("title"), max_length=200)
    votes_for = models.PositiveIntegerField(_("votes for"), default=0)
    votes_against = models.PositiveIntegerField(_("votes against"), default=0)
    votes_abstain = models.PositiveIntegerField(_("abstentions"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def adopted(self) -> bool:
        """Adopted by more than half of all delegates (企业民主管理规定 第十五条)."""
        return self.votes_for * 2 > self.session.delegates_elected

    def clean(self):
        if self.session_id is None or None in (self.votes_for, self.votes_against,
                                               self.votes_abstain):
            return
        cast = self.votes_for + self.votes_against + self.votes_abstain
        _errors(votes_for=(
            _("%(cast)s votes cast but only %(present)s delegates present.")
            % {"cast": cast, "present": self.session.delegates_present}
            if cast > self.session.delegates_present else None))


class MotionQuerySet(LedgerQuerySet):
    def overdue(self, today: dt.date) -> MotionQuerySet:
        """Motions whose reply deadline has passed with no reply."""
        return self.filter(reply_deadline__lt=today, reply_date__isnull=True)


class Motion(LedgerRecord):
    """A motion (提案) submitted by delegates; ``date`` is the day it was received."""

    session = models.ForeignKey(CongressSession, verbose_name=_("congress session"),
                                null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="motions")
    number = models.CharField(_("number"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    submitter = models.CharField(_("submitter"), max_length=100)
    co_signers = models.TextField(_("co-signers"), blank=True)
    category = models.CharField(_("category"), max_length=16, choices=MotionCategory,
                                default=MotionCategory.OTHER)
    review_outcome = models.CharField(_("review outcome"), max_length=16, blank=True,
                                      choices=ReviewOutcome,
                                      help_text=_("Empty while not yet reviewed."))
    merged_into = models.ForeignKey("self", verbose_name=_("merged into"), null=True,
                                    blank=True, on_delete=models.SET_NULL,
                                    related_name="merged_motions")
    department = models.CharField(_("department responsible"), max_length=100, blank=True)
    reply_deadline = models.DateField(_("reply deadline"), null=True, blank=True)
    reply = models.TextField(_("reply"), blank=True)
    reply_date = models.DateField(_("reply date"), null=True, blank=True)
    implementation = models.CharField(_("implementation"), max_length=16, blank=True,
                                      choices=Implementation)
    satisfaction = models.CharField(_("submitter's satisfaction"), max_length=16,
                                    blank=True, choices=Satisfaction)
    carried_over = models.BooleanField(_("carried over to the next session"), default=False)

    objects = MotionQuerySet.as_manager()

    class Meta(LedgerRecord.Meta):
        verbose_name = _("motion")
        verbose_name_plural = _("motions")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def is_overdue(self, today: dt.date) -> bool:
        return bool(self.reply_deadline and not self.reply_date and self.reply_deadline < today)

    def clean(self):
        received = self.date
        merged = self.review_outcome == ReviewOutcome.MERGED
        _errors(
            merged_into=(
                _("Name the motion this one was merged into.") if merged and not self.merged_into_id
                else _("Only a merged motion names another motion.")
                if self.merged_into_id and not merged
                else _("A motion cannot be merged into itself.")
                if self.merged_into_id and self.merged_into_id == self.pk
                else _("Merge only into a motion of the same union.")
                if self.merged_into_id and self.merged_into.organisation_id != self.organisation_id
                else None),
            session=(_("The session must be of the same union.")
                     if self.session_id and self.organisation_id
                     and self.session.organisation_id != self.organisation_id else None),
            reply_deadline=(_("The reply deadline is before the motion was received.")
                            if received and self.reply_deadline
                            and self.reply_deadline < received else None),
            reply_date=(_("The reply is dated before the motion was received.")
                        if received and self.reply_date and self.reply_date < received
                        else _("Enter the date of the reply.")
                        if self.reply.strip() and not self.reply_date
                        else _("Enter the reply.")
                        if self.reply_date and not self.reply.strip() else None),
            satisfaction=(_("Satisfaction is asked after a reply.")
                          if self.satisfaction and not self.reply_date else None),
            carried_over=(_("An implemented motion is not carried over.")
                          if self.carried_over
                          and self.implementation == Implementation.IMPLEMENTED else None),
        )


class ContractQuerySet(LedgerQuerySet):
    def in_force_on(self, day: dt.date) -> ContractQuerySet:
        return self.filter(date__lte=day, end_date__gte=day)

    def ending_within(self, today: dt.date, days: int = 90) -> ContractQuerySet:
        return self.filter(end_date__range=(today, today + dt.timedelta(days=days)))


class CollectiveContract(LedgerRecord):
    """A collective contract or special agreement; ``date`` is the day it was signed."""

    title = models.CharField(_("title"), max_length=200)
    contract_type = models.CharField(_("type"), max_length=16, choices=ContractType,
                                     default=ContractType.COMPREHENSIVE)
    scope = models.CharField(_("scope"), max_length=16, choices=ContractScope,
                             default=ContractScope.ENTERPRISE)
    employer_party = models.CharField(_("employer party"), max_length=200)
    union_party = models.CharField(_("union party"), max_length=200)
    enterprises_covered = models.PositiveIntegerField(_("enterprises covered"), default=1,
                                                      validators=ONE)
    end_date = models.DateField(_("end date"))
    workers_covered = models.PositiveIntegerField(_("workers covered"), validators=ONE)

    objects = ContractQuerySet.as_manager()

    class Meta(LedgerRecord.Meta):
        verbose_name = _("collective contract")
        verbose_name_plural = _("collective contracts")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        _errors(
            end_date=(_("The contract ends before it was signed.")
                      if self.date and self.end_date and self.end_date <= self.date else None),
            enterprises_covered=(
                _("A single-enterprise contract covers one enterprise.")
                if self.scope == ContractScope.ENTERPRISE and self.enterprises_covered
                and self.enterprises_covered != 1 else None),
        )


class DisputeQuerySet(LedgerQuerySet):
    def open(self) -> DisputeQuerySet:
        """Cases whose clocks still matter: not closed, or closed as mediation failed."""
        return self.filter(models.Q(closed_on__isnull=True)
                           | models.Q(outcome=DisputeOutcome.FAILED))


class LabourDispute(LedgerRecord):
    """A labour dispute case (劳动争议); ``date`` is the day the application was received."""

    subject = models.CharField(_("subject"), max_length=200)
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    dispute_type = models.CharField(_("type"), max_length=20, choices=DisputeType)
    workers_involved = models.PositiveIntegerField(_("workers involved"), default=1,
                                                   validators=ONE)
    amount = models.DecimalField(_("amount at stake (yuan)"), max_digits=14,
                                 decimal_places=2, default=Decimal("0"),
                                 validators=[MinValueValidator(Decimal("0"))])
    channel = models.CharField(_("channel"), max_length=16, choices=DisputeChannel,
                               default=DisputeChannel.MEDIATION)
    knew_on = models.DateField(
        _("date the worker knew of the infringement"), null=True, blank=True,
        help_text=_("Starts the one-year limitation for arbitration."))
    mediation_extended = models.BooleanField(
        _("mediation extended by agreement of both parties"), default=False)
    extended_until = models.DateField(_("mediation extended until"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, blank=True,
                               choices=DisputeOutcome)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    objects = DisputeQuerySet.as_manager()

    class Meta(LedgerRecord.Meta):
        verbose_name = _("labour dispute")
        verbose_name_plural = _("labour disputes")

    def __str__(self) -> str:
        return self.subject

    @property
    def title(self) -> str:
        return self.subject

    def clocks(self, today: dt.date) -> list[clocks.Clock]:
        return clocks.dispute_clocks(self, today)

    def clean(self):
        received = self.date
        standard = clocks.mediation_deadline(received) if received else None
        _errors(
            outcome=(_("A closed case needs an outcome.")
                     if self.closed_on and not self.outcome else None),
            closed_on=(_("Enter the day the case was closed.")
                       if self.outcome and not self.closed_on
                       else _("The case is closed before it was received.")
                       if received and self.closed_on and self.closed_on < received
                       else None),
            knew_on=(_("The worker cannot have learnt of the infringement after applying.")
                     if received and self.knew_on and self.knew_on > received else None),
            extended_until=(
                _("Enter the date both parties agreed to extend mediation to.")
                if self.mediation_extended and not self.extended_until
                else _("Tick the extension agreed by both parties.")
                if self.extended_until and not self.mediation_extended
                else _("An extension ends after the 15-day mediation period.")
                if self.extended_until and standard and self.extended_until <= standard
                else None),
        )


class Petition(LedgerRecord):
    """A petition (信访) by workers; ``date`` is the day it was received."""

    subject = models.CharField(_("subject"), max_length=200)
    petitioners = models.PositiveIntegerField(_("petitioners"), default=1, validators=ONE)
    handled_on = models.DateField(_("handled on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, blank=True,
                               choices=PetitionOutcome)

    class Meta(LedgerRecord.Meta):
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")

    def __str__(self) -> str:
        return self.subject

    @property
    def title(self) -> str:
        return self.subject

    def clean(self):
        _errors(
            outcome=(_("A handled petition needs an outcome.")
                     if self.handled_on and not self.outcome else None),
            handled_on=(_("Enter the day the petition was handled.")
                        if self.outcome and not self.handled_on
                        else _("The petition is handled before it was received.")
                        if self.date and self.handled_on and self.handled_on < self.date
                        else None),
        )
