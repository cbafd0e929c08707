"""文体活动 and the other activities a union organises: culture, sports, training, women
workers' activities, safety inspections (安全生产与群监) and publicity (宣传与信息报送).

An activity is a ledger record (organising union, start date); its sub-events and photos
belong to it and are scoped and locked through it (``activities.services``).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ledger.base import LedgerRecord
from organisations.models import ScopedQuerySet, subtree_q


class Category(models.TextChoices):
    CULTURE = "culture", _("culture and arts (文艺)")
    SPORTS = "sports", _("sports (体育)")
    TRAINING = "training", _("training (培训)")
    WOMEN = "women", _("women workers (女职工)")
    SAFETY = "safety", _("work safety and inspection (安全生产与群监)")
    PUBLICITY = "publicity", _("publicity and reporting (宣传与信息报送)")
    OTHER = "other", _("other")


class Activity(LedgerRecord):
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    title = models.CharField(_("title"), max_length=200)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    participants = models.PositiveIntegerField(_("participants (persons)"), default=0)
    person_times = models.PositiveIntegerField(_("participations (人次)"), default=0)
    description = models.TextField(_("description"), blank=True)
    sessions = models.PositiveIntegerField(_("training sessions"), default=0)
    trainees = models.PositiveIntegerField(_("trainees"), default=0)
    hours = models.DecimalField(_("training hours"), max_digits=8, decimal_places=1,
                                default=0)
    dangers_found = models.PositiveIntegerField(_("hidden dangers found"), default=0)
    dangers_fixed = models.PositiveIntegerField(_("hidden dangers fixed"), default=0)
    items_reported = models.PositiveIntegerField(_("items reported"), default=0)

    class Meta(LedgerRecord.Meta):
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title}"

    def clean(self):
        errors = {}
        if self.end_date and self.date and self.end_date < self.date:
            errors["end_date"] = _("The end date is before the start date.")
        if self.dangers_fixed > self.dangers_found:
            errors["dangers_fixed"] = _("More dangers fixed than found.")
        if self.hours is not None and self.hours < 0:
            errors["hours"] = _("Hours cannot be negative.")
        if errors:
            raise ValidationError(errors)


class ThroughActivityQuerySet(ScopedQuerySet):
    def within(self, organisation):
        return self.filter(subtree_q([organisation], prefix="activity__organisation__"))


class SubEvent(models.Model):
    """One event of an activity (a race of the sports meeting) and its results."""

    activity = models.ForeignKey(Activity, verbose_name=_("activity"),
                                 on_delete=models.CASCADE, related_name="sub_events")
    name = models.CharField(_("event"), max_length=100)
    participants = models.PositiveIntegerField(_("participants"), default=0)
    results = models.TextField(_("results"), blank=True)

    objects = ThroughActivityQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sub-event")
        verbose_name_plural = _("sub-events")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


def _photo_path(instance, filename):
    return f"activities/{instance.activity_id}/{uuid.uuid4().hex}{filename[-10:]}"


class ActivityPhoto(models.Model):
    """A photo re-encoded as JPEG (no metadata), at most ``PHOTO_MAX_EDGE`` pixels a side,
    with a thumbnail. Made only by ``activities.photos.photos_attach``."""

    activity = models.ForeignKey(Activity, verbose_name=_("activity"),
                                 on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to=_photo_path, max_length=200)
    thumbnail = models.FileField(_("thumbnail"), upload_to=_photo_path, max_length=200)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = ThroughActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity photo")
        verbose_name_plural = _("activity photos")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.caption or self.image.name
