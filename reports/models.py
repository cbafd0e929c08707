"""An organisation's work summary for a period, its texts and the steps of its review.

A report goes draft → submitted (to the parent) → approved; approval locks the period for
the subtree. A parent may mark a child as not reporting (with a reason) instead. Until
approval the figures are never stored: they are computed from the ledger when the report is
shown or rendered. Approval keeps the scalar figures of that moment (``figures``), which
the next period compares with (``reports/published.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisations.models import Organisation, ScopedQuerySet
from reports.periods import Period, PeriodKind


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    NOT_REPORTING = "not_reporting", _("Not reporting")


class PeriodKindChoice(models.TextChoices):
    YEAR = PeriodKind.YEAR, _("Whole year")
    FIRST_HALF = PeriodKind.FIRST_HALF, _("First half")


class Report(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT,
        related_name="reports")
    year = models.PositiveSmallIntegerField(_("year"))
    period_kind = models.CharField(_("period"), max_length=4, choices=PeriodKindChoice.choices,
                                   default=PeriodKind.YEAR)
    status = models.CharField(_("status"), max_length=14, choices=ReportStatus.choices,
                              default=ReportStatus.DRAFT)
    problems = models.TextField(_("problems"), blank=True,
                                help_text=_("存在问题: the shortcomings of the period."))
    plans = models.TextField(_("plans"), blank=True,
                             help_text=_("明年打算: the plans for the next period."))
    reason = models.TextField(_("reason"), blank=True, help_text=_(
        "Why the report was returned, reopened or marked as not reporting."))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("submitted by"),
                                     null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    figures = models.JSONField(_("figures as approved"), null=True, blank=True, editable=False,
                               help_text=_("Kept at approval: what the next period compares "
                                           "with."))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work summary")
        verbose_name_plural = _("work summaries")
        ordering = ["-year", "period_kind", "organisation__path"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "period_kind"],
                                    name="report_unique_period"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.period}"

    @property
    def period(self) -> Period:
        return Period(self.year, self.period_kind)

    @property
    def is_open(self) -> bool:
        return self.status == ReportStatus.DRAFT

    @property
    def is_final(self) -> bool:
        return self.status in (ReportStatus.APPROVED, ReportStatus.NOT_REPORTING)


class SectionText(models.Model):
    """The official's text of one section, replacing the paragraph written from figures."""

    report = models.ForeignKey(Report, verbose_name=_("work summary"), on_delete=models.CASCADE,
                               related_name="texts")
    key = models.CharField(_("section"), max_length=40)
    text = models.TextField(_("text"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("section text")
        verbose_name_plural = _("section texts")
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="section_text_unique_key"),
        ]

    def __str__(self) -> str:
        return f"{self.report} · {self.key}"


class ReportEvent(models.Model):
    """One step of the review (submitted, returned, approved, reopened, edited after
    approval, marked as not reporting): who, when, and why — the report's audit trail."""

    class Action(models.TextChoices):
        CREATED = "created", _("Started")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Approved")
        REOPENED = "reopened", _("Reopened")
        NOT_REPORTING = "not_reporting", _("Marked as not reporting")
        EDITED = "edited", _("Text edited")

    report = models.ForeignKey(Report, verbose_name=_("work summary"), on_delete=models.CASCADE,
                               related_name="events")
    action = models.CharField(_("action"), max_length=14, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"),
                              on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.report} {self.get_action_display()}"
