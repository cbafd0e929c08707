"""The real-name member register (会员实名制) and transfers between unions."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members import personal_data
from members.choices import (
    DocumentType,
    Education,
    EmploymentForm,
    Ethnicity,
    Gender,
    MemberStatus,
    ModelWorkerLevel,
)
from organisations.models import Organisation, ScopedQuerySet


class MemberQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(status=MemberStatus.ACTIVE)

    def with_document(self, number: str):
        """Exact lookup of a document number through its keyed hash."""
        return self.filter(id_hash=personal_data.lookup_hash(number))


class Member(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("union"), on_delete=models.PROTECT, related_name="members"
    )
    name = models.CharField(_("full name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices)
    document_type = models.CharField(_("document type"), max_length=12,
                                     choices=DocumentType.choices,
                                     default=DocumentType.RESIDENT_ID)
    id_cipher = models.TextField(editable=False)
    id_hash = models.CharField(max_length=64, editable=False, db_index=True)
    id_last4 = models.CharField(max_length=4, editable=False)
    birth_date = models.DateField(_("birth date"))
    ethnicity = models.CharField(_("ethnicity"), max_length=2, choices=Ethnicity.choices,
                                 default=Ethnicity.HAN)
    phone = models.CharField(_("mobile phone"), max_length=11, blank=True)
    education = models.CharField(_("education"), max_length=12, choices=Education.choices,
                                 blank=True)
    employment_form = models.CharField(_("employment form"), max_length=12,
                                       choices=EmploymentForm.choices,
                                       default=EmploymentForm.REGULAR)
    join_date = models.DateField(_("joined on"))
    status = models.CharField(_("status"), max_length=16, choices=MemberStatus.choices,
                              default=MemberStatus.ACTIVE)
    status_date = models.DateField(_("status since"), null=True, blank=True)
    model_worker_level = models.CharField(_("model worker"), max_length=12, blank=True,
                                          choices=ModelWorkerLevel.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MemberQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["id_cipher"])

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["organisation", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["id_hash"], condition=Q(status="active"),
                                    name="member_one_active_membership"),
        ]
        indexes = [
            models.Index(fields=["organisation", "name", "id"], name="member_org_name"),
            models.Index(fields=["name", "id"], name="member_name",
                         opclasses=["varchar_pattern_ops", "int8_ops"]),
            # Serves ORDER BY name (the pattern-ops index above serves only LIKE 'x%').
            models.Index(fields=["name", "id"], name="member_name_order"),
            models.Index(fields=["id_last4"], name="member_id_last4"),
            models.Index(fields=["phone"], name="member_phone"),
            models.Index(fields=["join_date"], name="member_join_date"),
        ]

    def __str__(self) -> str:
        return self.name

    # The plaintext number exists only in memory, never as a column.
    def set_document_number(self, number: str) -> None:
        self.id_cipher = personal_data.encrypt(number)
        self.id_hash = personal_data.lookup_hash(number)
        self.id_last4 = number[-4:]

    @property
    def document_number(self) -> str:
        return personal_data.decrypt(self.id_cipher)

    @property
    def masked_document_number(self) -> str:
        return personal_data.mask_id(self.document_number)

    @property
    def masked_phone(self) -> str:
        return personal_data.mask_phone(self.phone) if self.phone else ""


class TransferStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting the receiving union")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Withdrawn by the sending union")


class TransferQuerySet(models.QuerySet):
    def touching(self, organisation: Organisation):
        """Transfers out of or into this subtree: both unions see them."""
        path = organisation.checked_path
        return self.filter(Q(from_organisation__path__startswith=path)
                           | Q(to_organisation__path__startswith=path))

    def in_scope(self, scope):
        return self.touching(scope.organisation)


class MemberTransfer(models.Model):
    """会员关系转接: requested by the sending union, accepted or declined by the receiving one.

    Until it is accepted the member stays where they are.
    """

    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.CASCADE,
                               related_name="transfers")
    from_organisation = models.ForeignKey(Organisation, verbose_name=_("from union"),
                                          on_delete=models.PROTECT, related_name="+")
    to_organisation = models.ForeignKey(Organisation, verbose_name=_("to union"),
                                        on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=TransferStatus.choices,
                              default=TransferStatus.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("requested by"))
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=200, blank=True)

    objects = TransferQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("member transfer")
        verbose_name_plural = _("member transfers")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(fields=["member"], condition=Q(status="pending"),
                                    name="transfer_one_pending_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.from_organisation} → {self.to_organisation}"


class ImportStatus(models.TextChoices):
    CHECKING = "checking", _("Being checked")
    CHECKED = "checked", _("Checked")
    IMPORTING = "importing", _("Being imported")
    IMPORTED = "imported", _("Imported")
    REFUSED = "refused", _("Refused")
    EXPIRED = "expired", _("Expired")


def _import_path(instance, filename: str) -> str:
    """Under a private folder (MEDIA_ROOT is never served), named by the import's id."""
    return f"private/member_imports/{instance.pk}.xlsx"


class MemberImport(models.Model):
    """An uploaded Excel file of members: checked, shown for confirmation, then imported.

    Its rows may go to any union below ``organisation`` (the uploader's active union). The
    file is kept only until the import is done, or for a day (``members.imports``).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(Organisation, verbose_name=_("union"),
                                     on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"),
                                    on_delete=models.CASCADE, related_name="+")
    original_name = models.CharField(_("file name"), max_length=200)
    file = models.FileField(upload_to=_import_path, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices,
                              default=ImportStatus.CHECKING)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    error_count = models.PositiveIntegerField(_("problems"), default=0)
    imported_count = models.PositiveIntegerField(_("imported"), default=0)
    errors = models.JSONField(default=list, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    message = models.TextField(_("message"), blank=True)
    job = models.ForeignKey("jobs.Job", null=True, blank=True, on_delete=models.SET_NULL,
                            related_name="+")
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("member import")
        verbose_name_plural = _("member imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name
