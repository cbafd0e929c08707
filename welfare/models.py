"""Welfare aid (帮扶与送温暖): the hardship register, aid grants, mutual medical aid, drives.

Every record is a ledger entry (``ledger.base.LedgerRecord``): one organisation, one date,
scoped, audited and locked with its year. ``date`` means: the day a hardship case was filed
(建档), a case reviewed (回访), a grant given, a unit enrolled in mutual medical aid for the
year, a donation drive launched. A case's state (on file, lifted out, closed; level; the
next review) is what its latest review says, so a review in an open year changes it while
the case, filed in a year that may since be locked, stays untouched.

A person is known by the keyed hash of their ID number (``members.personal_data``): the
member's own hash, or that of the number typed for a worker who is not a member, which is
stored encrypted like a member's, never in clear. The hash is what makes one case per
person and one grant per person, programme and year checkable across the whole tree.

Policy rules (``AidRule``) are configuration of a federation, not year records: they are
audited but not locked, and checked when a grant is entered (``welfare.rules``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ledger.base import LedgerQuerySet, LedgerRecord
from members import personal_data
from members.choices import DocumentType
from members.models import Member
from organisations.models import Organisation, ScopedQuerySet
from welfare.choices import (
    CaseStatus,
    CollectiveKind,
    GrantStatus,
    HardshipCause,
    HardshipLevel,
    MutualAidCategory,
    Programme,
    RuleAction,
    RuleMeasure,
    RulePer,
    SchoolLevel,
    VisitReason,
)

YUAN = {"max_digits": 12, "decimal_places": 2, "default": Decimal("0"),
        "validators": [MinValueValidator(Decimal("0"))]}
ONE = [MinValueValidator(1)]


def _errors(**messages) -> None:
    found = {field: message for field, message in messages.items() if message}
    if found:
        raise ValidationError(found)


# --- The hardship register ------------------------------------------------------------------

class HardshipCaseQuerySet(LedgerQuerySet):
    def with_state(self, on: dt.date | None = None) -> HardshipCaseQuerySet:
        """Annotate each case with its state on ``on`` (default: after every review):
        ``state``, ``state_since``, ``state_level`` and ``review_due``, read from the latest
        review on or before that day (the case as filed when there is none)."""
        reviews = CaseReview.objects.filter(case=OuterRef("pk"))
        if on is not None:
            reviews = reviews.filter(date__lte=on)
        latest = reviews.order_by("-date", "-pk")
        return self.annotate(
            state=Coalesce(Subquery(latest.values("status")[:1]), Value(CaseStatus.ON_FILE)),
            state_since=Coalesce(Subquery(latest.values("date")[:1]), F("date")),
            state_level=Coalesce(Subquery(latest.values("level")[:1]), F("level")),
            review_due=Coalesce(Subquery(latest.values("next_review_date")[:1]),
                                F("next_review_date")),
        )

    def on_file(self, on: dt.date) -> HardshipCaseQuerySet:
        """Cases filed by ``on`` and on file that day."""
        return self.with_state(on).filter(date__lte=on, state=CaseStatus.ON_FILE)

    def review_overdue(self, today: dt.date) -> HardshipCaseQuerySet:
        return self.on_file(today).filter(review_due__lt=today)

    def lifted_between(self, start: dt.date, end: dt.date) -> HardshipCaseQuerySet:
        """Annotate ``lifted_in_period``: a review in the period lifted the case out."""
        return self.annotate(lifted_in_period=Exists(CaseReview.objects.filter(
            case=OuterRef("pk"), status=CaseStatus.LIFTED, date__range=(start, end))))


class HardshipCase(LedgerRecord):
    """A hardship worker's file (困难职工档案); ``date`` is the day it was filed.

    One case per person in the whole tree (``id_hash`` is unique): the known failure of
    paper files is one household with several (一户多档).
    """

    member = models.ForeignKey(Member, verbose_name=_("member"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+",
                               help_text=_("Leave empty for a worker who is not a member."))
    name = models.CharField(_("full name"), max_length=50, blank=True)
    document_type = models.CharField(_("document type"), max_length=12, blank=True,
                                     choices=DocumentType.choices)
    id_cipher = models.TextField(blank=True, editable=False)
    id_hash = models.CharField(max_length=64, editable=False)
    id_last4 = models.CharField(max_length=4, blank=True, editable=False)
    causes = models.CharField(_("causes of hardship"), max_length=120)
    household_size = models.PositiveSmallIntegerField(
        _("household size"), validators=[MinValueValidator(1), MaxValueValidator(30)])
    monthly_income_per_head = models.DecimalField(
        _("monthly income per head (yuan)"), max_digits=10, decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))])
    level = models.CharField(_("hardship level"), max_length=10,
                             choices=HardshipLevel.choices, default=HardshipLevel.HARDSHIP)
    illness_details = models.TextField(
        _("illness details"), blank=True,
        help_text=_("Shown only to roles that handle cases."))
    next_review_date = models.DateField(_("first review due"))
    note = models.TextField(_("note"), blank=True)

    objects = HardshipCaseQuerySet.as_manager()

    class Meta(LedgerRecord.Meta):
        verbose_name = _("hardship case")
        verbose_name_plural = _("hardship cases")
        constraints = [models.UniqueConstraint(
            fields=["id_hash"], name="welfare_one_case_per_person",
            violation_error_message=_("This person already has a hardship case."))]

    def __str__(self) -> str:
        return self.person_name

    @property
    def person_name(self) -> str:
        return self.member.name if self.member_id else self.name

    @property
    def cause_list(self) -> list[str]:
        return [cause for cause in self.causes.split(",") if cause]

    def get_causes_display(self) -> str:
        labels = dict(HardshipCause.choices)
        return "、".join(str(labels.get(cause, cause)) for cause in self.cause_list)

    def set_document_number(self, number: str) -> None:
        """A non-member's number: encrypted, hashed for lookup, last four for search."""
        self.id_cipher = personal_data.encrypt(number)
        self.id_hash = personal_data.lookup_hash(number)
        self.id_last4 = number[-4:]

    @property
    def document_number(self) -> str:
        if self.member_id:
            return self.member.document_number
        return personal_data.decrypt(self.id_cipher) if self.id_cipher else ""

    @property
    def masked_document_number(self) -> str:
        number = self.document_number
        return personal_data.mask_id(number) if number else ""

    def clean(self):
        causes = self.cause_list
        unknown = [cause for cause in causes if cause not in HardshipCause.values]
        _errors(
            causes=(_("Give at least one cause of hardship.") if not causes
                    else _("Unknown cause: %(causes)s.") % {"causes": ", ".join(unknown)}
                    if unknown else None),
            name=(_("Give the worker's name, or choose a member.")
                  if not self.member_id and not self.name.strip() else None),
            next_review_date=(_("The first review is due after the case is filed.")
                              if self.date and self.next_review_date
                              and self.next_review_date <= self.date else None),
            member=(_("The member belongs to a union outside this case's union.")
                    if self.member_id and self.organisation_id
                    and not self.member.organisation.is_within(self.organisation) else None),
        )


class CaseReview(LedgerRecord):
    """A review (回访) of a hardship case: it keeps the case on file (perhaps at another
    level), lifts it out of hardship (脱困) or closes it (注销); ``date`` is the review day.

    Its organisation is the case's; it is locked with its own year.
    """

    case = models.ForeignKey(HardshipCase, verbose_name=_("hardship case"),
                             on_delete=models.PROTECT, related_name="reviews")
    status = models.CharField(_("outcome"), max_length=10, choices=CaseStatus.choices,
                              default=CaseStatus.ON_FILE)
    level = models.CharField(_("hardship level"), max_length=10,
                             choices=HardshipLevel.choices, blank=True,
                             help_text=_("For a case kept on file."))
    next_review_date = models.DateField(_("next review due"), null=True, blank=True)
    findings = models.TextField(_("findings"), blank=True)

    class Meta(LedgerRecord.Meta):
        verbose_name = _("case review")
        verbose_name_plural = _("case reviews")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_status_display()}"

    def clean(self):
        on_file = self.status == CaseStatus.ON_FILE
        case = self.case if self.case_id else None
        _errors(
            date=(_("The review is dated before the case was filed.")
                  if case and self.date and self.date < case.date else None),
            level=(_("Give the level of a case kept on file.") if on_file and not self.level
                   else _("Only a case kept on file has a level.")
                   if self.level and not on_file else None),
            next_review_date=(
                _("Give the date of the next review.") if on_file and not self.next_review_date
                else _("A case lifted out or closed has no next review.")
                if self.next_review_date and not on_file
                else _("The next review is due after this one.")
                if self.next_review_date and self.date and self.next_review_date <= self.date
                else None),
        )


# --- Donation drives ----------------------------------------------------------------------

class DonationDrive(LedgerRecord):
    """A donation drive (爱心捐款); ``date`` is the day it was launched. Grants paid out of it
    name it, and together they may not exceed what it raised."""

    title = models.CharField(_("title"), max_length=200)
    purpose = models.CharField(_("purpose or beneficiary"), max_length=200)
    donors = models.PositiveIntegerField(_("donors"), validators=ONE)
    total = models.DecimalField(_("total raised (yuan)"), **YUAN)

    class Meta(LedgerRecord.Meta):
        verbose_name = _("donation drive")
        verbose_name_plural = _("donation drives")

    def __str__(self) -> str:
        return self.title

    def paid_out(self, *, excluding=None) -> Decimal:
        """Cash and goods of the grants paid (or to be paid) out of this drive."""
        grants = self.grants.all()
        if excluding is not None:
            grants = grants.exclude(pk=excluding)
        total = grants.aggregate(total=models.Sum(F("cash") + F("goods"),
                                                  default=Decimal("0")))["total"]
        return Decimal(total)


# --- Aid grants -------------------------------------------------------------------------------

class AidGrant(LedgerRecord):
    """Aid given under a programme to a member, a hardship case or a collective (an
    enterprise or a team, with its headcount); ``date`` is the day of the aid.

    Applied by a cadre, approved by an official, paid by a cadre: each step keeps who and
    when. The programme's figures in the report count paid grants.
    """

    programme = models.CharField(_("programme"), max_length=20, choices=Programme.choices)
    visit_reason = models.CharField(_("reason for the visit"), max_length=12, blank=True,
                                    choices=VisitReason.choices)
    member = models.ForeignKey(Member, verbose_name=_("member"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(HardshipCase, verbose_name=_("hardship case"), null=True,
                             blank=True, on_delete=models.PROTECT, related_name="grants")
    collective_name = models.CharField(_("enterprise or team"), max_length=100, blank=True)
    collective_kind = models.CharField(_("kind of collective"), max_length=12, blank=True,
                                       choices=CollectiveKind.choices)
    headcount = models.PositiveIntegerField(_("workers in the collective"), null=True,
                                            blank=True)
    person_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    illness = models.CharField(
        _("illness or hospital stay"), max_length=100, blank=True,
        help_text=_("Tells one illness from another for the visit rules; shown only to "
                    "roles that handle cases."))
    cash = models.DecimalField(_("cash (yuan)"), **YUAN)
    goods = models.DecimalField(_("goods value (yuan)"), **YUAN)
    student_name = models.CharField(_("student"), max_length=50, blank=True)
    school_level = models.CharField(_("school level"), max_length=12, blank=True,
                                    choices=SchoolLevel.choices)
    school = models.CharField(_("school"), max_length=100, blank=True)
    drive = models.ForeignKey(DonationDrive, verbose_name=_("paid from donation drive"),
                              null=True, blank=True, on_delete=models.PROTECT,
                              related_name="grants")
    note = models.CharField(_("note"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=GrantStatus.choices,
                              default=GrantStatus.APPLIED, editable=False)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"),
                                    null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", editable=False)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True,
                                       editable=False)
    paid_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("paid by"),
                                null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+", editable=False)
    paid_on = models.DateField(_("paid on"), null=True, blank=True, editable=False)
    override_reason = models.TextField(
        _("reason for a second grant"), blank=True,
        help_text=_("Only an official may give a person a second grant under the same "
                    "programme in one year, and must say why."))
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("second grant allowed by"), null=True,
        blank=True, on_delete=models.PROTECT, related_name="+", editable=False)
    warnings_confirmed = models.TextField(_("rule warnings confirmed"), blank=True,
                                          editable=False)

    class Meta(LedgerRecord.Meta):
        verbose_name = _("aid grant")
        verbose_name_plural = _("aid grants")
        indexes = [models.Index(fields=["person_hash", "programme", "date"],
                                name="welfare_grant_person"),
                   # the grants waiting for approval or payment: a few among many paid
                   models.Index(fields=["organisation"], name="welfare_grant_waiting",
                                condition=Q(status__in=[GrantStatus.APPLIED,
                                                       GrantStatus.APPROVED]))]

    def __str__(self) -> str:
        return f"{self.get_programme_display()} · {self.recipient_name}"

    @property
    def is_collective(self) -> bool:
        return bool(self.collective_name)

    @property
    def recipient_name(self) -> str:
        if self.member_id:
            return self.member.name
        if self.case_id:
            return self.case.person_name
        return self.collective_name

    @property
    def amount(self) -> Decimal:
        return (self.cash or Decimal("0")) + (self.goods or Decimal("0"))

    def clean(self):
        recipients = sum([bool(self.member_id), bool(self.case_id),
                          bool(self.collective_name.strip())])
        collective = bool(self.collective_name.strip())
        visit = self.programme == Programme.VISIT
        tuition = self.programme == Programme.AUTUMN_TUITION
        illness_allowed = (self.visit_reason == VisitReason.SICK
                           or self.programme == Programme.SERIOUS_ILLNESS)
        _errors(
            collective_name=(
                _("Choose one recipient: a member, a hardship case, or a collective.")
                if recipients != 1 else None),
            collective_kind=(_("Say whether the collective is an enterprise or a team.")
                             if collective and not self.collective_kind
                             else _("Only a collective has a kind.")
                             if self.collective_kind and not collective else None),
            headcount=(_("Give the number of workers in the collective.")
                       if collective and not self.headcount
                       else _("Only a collective has a headcount.")
                       if self.headcount and not collective else None),
            visit_reason=(_("Give the reason for the visit.") if visit and not self.visit_reason
                          else _("Only a visit has a reason.")
                          if self.visit_reason and not visit else None),
            school_level=(_("Golden Autumn tuition aid names the student's school level.")
                          if tuition and not self.school_level
                          else _("Only tuition aid names a school level.")
                          if self.school_level and not tuition else None),
            school=(_("Golden Autumn tuition aid names the student's school.")
                    if tuition and not self.school.strip()
                    else _("Only tuition aid names a school.")
                    if self.school.strip() and not tuition else None),
            student_name=(_("Only tuition aid names a student.")
                          if self.student_name.strip() and not tuition else None),
            programme=(_("Golden Autumn tuition aid goes to a worker's family, not to a "
                         "collective.") if tuition and collective else None),
            illness=(_("An illness is named only for a sick visit or serious illness relief.")
                     if self.illness.strip() and not illness_allowed else None),
            cash=(_("Give the cash or the value of the goods.")
                  if not visit and self.cash is not None and self.goods is not None
                  and self.amount <= 0 else None),
            member=self._outside_error(self.member),
            case=self._outside_error(self.case if self.case_id else None),
            drive=(_("The drive belongs to a union outside this grant's union.")
                   if self.drive_id and self.organisation_id
                   and not self.organisation.is_within(self.drive.organisation)
                   else _("The grant is dated before the drive was launched.")
                   if self.drive_id and self.date and self.date < self.drive.date else None),
        )

    def _outside_error(self, recipient):
        if recipient is None or not self.organisation_id:
            return None
        if not recipient.organisation.is_within(self.organisation):
            return _("The recipient belongs to a union outside this grant's union.")
        return None


# --- Mutual medical aid ---------------------------------------------------------------------

def _persons(label):
    return models.PositiveIntegerField(label, default=0)


def _premium(label):
    return models.DecimalField(label, **YUAN)


class MutualAidEnrolment(LedgerRecord):
    """A unit's enrolment in mutual medical aid (职工医疗互助) for the year of ``date``.

    ``persons`` counts people; the categories count enrolments, and one person may be
    enrolled in several (an on-the-job woman also in Ankang), so they need not add up to it.
    """

    unit = models.CharField(_("unit enrolled"), max_length=120)
    all_staff = models.BooleanField(_("whole staff enrolled"), default=False)
    persons = models.PositiveIntegerField(_("persons enrolled"), validators=ONE)
    on_job_persons = _persons(_("on the job: persons"))
    on_job_premium = _premium(_("on the job: premiums (yuan)"))
    retired_persons = _persons(_("retired: persons"))
    retired_premium = _premium(_("retired: premiums (yuan)"))
    ankang_persons = _persons(_("Ankang: persons"))
    ankang_premium = _premium(_("Ankang: premiums (yuan)"))
    special_persons = _persons(_("special serious illness: persons"))
    special_premium = _premium(_("special serious illness: premiums (yuan)"))
    claims_paid = models.PositiveIntegerField(_("claims paid"), default=0)
    claims_amount = models.DecimalField(_("claims paid (yuan)"), **YUAN)

    CATEGORIES = tuple(MutualAidCategory.values)

    class Meta(LedgerRecord.Meta):
        verbose_name = _("mutual aid enrolment")
        verbose_name_plural = _("mutual aid enrolments")

    def __str__(self) -> str:
        return f"{self.unit} {self.date:%Y}" if self.date else self.unit

    @property
    def title(self) -> str:
        return str(self)

    def clean(self):
        errors = {}
        labels = dict(MutualAidCategory.choices)
        for category in self.CATEGORIES:
            persons = getattr(self, f"{category}_persons")
            if self.persons is not None and persons is not None and persons > self.persons:
                errors[f"{category}_persons"] = _(
                    "More enrolled as %(category)s than persons enrolled in all.") % {
                    "category": labels[category]}
        if self.claims_amount and not self.claims_paid:
            errors["claims_paid"] = _("Give the number of claims paid.")
        if (self.unit and self.date and self.organisation_id
                and MutualAidEnrolment.objects.filter(
                    organisation_id=self.organisation_id, unit=self.unit.strip(),
                    date__year=self.date.year).exclude(pk=self.pk).exists()):
            errors["unit"] = _("%(unit)s is already enrolled for %(year)s: edit that "
                               "enrolment.") % {"unit": self.unit, "year": self.date.year}
        if errors:
            raise ValidationError(errors)


# --- Policy rules -------------------------------------------------------------------------------

class AidRuleQuerySet(ScopedQuerySet):
    def in_scope(self, scope):
        """The rules set within the active subtree and those set above it, which apply."""
        organisation = scope.organisation
        return self.filter(Q(organisation__path__startswith=organisation.checked_path)
                           | Q(organisation__node_key__in=organisation.path_keys))

    def applying_to(self, organisation: Organisation, day: dt.date) -> AidRuleQuerySet:
        """Active rules set on this union or any federation above it, in force on ``day``."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
            organisation__node_key__in=organisation.path_keys, active=True,
        ).select_related("organisation")


class AidRule(models.Model):
    """A federation's rule on grants (e.g. a cap per person per year on festival gifts),
    citing the document it comes from; it applies to the federation and all below it.

    A breach is a warning the cadre confirms, or a refusal, as ``action`` says.
    """

    organisation = models.ForeignKey(Organisation, verbose_name=_("set by"),
                                     on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=120)
    source_document = models.CharField(
        _("source document"), max_length=200,
        help_text=_("The document and article the rule comes from."))
    programme = models.CharField(_("programme"), max_length=20, blank=True,
                                 choices=Programme.choices,
                                 help_text=_("Leave empty for every programme."))
    visit_reason = models.CharField(_("reason for the visit"), max_length=12, blank=True,
                                    choices=VisitReason.choices,
                                    help_text=_("For visits only; empty for any reason."))
    measure = models.CharField(_("what is limited"), max_length=10,
                               choices=RuleMeasure.choices)
    per = models.CharField(_("counted"), max_length=16, choices=RulePer.choices,
                           default=RulePer.PERSON_YEAR)
    limit = models.DecimalField(_("limit"), max_digits=12, decimal_places=2,
                                validators=[MinValueValidator(Decimal("0"))])
    action = models.CharField(_("on a breach"), max_length=10, choices=RuleAction.choices,
                              default=RuleAction.WARN)
    valid_from = models.DateField(_("in force from"), null=True, blank=True)
    valid_until = models.DateField(_("in force until"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    objects = AidRuleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aid rule")
        verbose_name_plural = _("aid rules")
        ordering = ["organisation__path", "title", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        _errors(
            source_document=(_("Cite the document the rule comes from.")
                             if not self.source_document.strip() else None),
            visit_reason=(_("A visit reason narrows a rule on visits only.")
                          if self.visit_reason and self.programme != Programme.VISIT
                          else None),
            limit=(_("A number of grants is a whole number.")
                   if self.measure == RuleMeasure.COUNT and self.limit is not None
                   and self.limit != self.limit.to_integral_value() else None),
            valid_until=(_("The rule ends before it starts.")
                         if self.valid_from and self.valid_until
                         and self.valid_until < self.valid_from else None),
        )
