import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """A file produced in the background by a Celery worker for one organisation's scope.

    The browser polls its status; the task that runs it takes only the id, re-checks the
    requester's access, and writes the file under a name derived from the id, so a retried
    or redelivered task replaces rather than duplicates it. The fingerprint of its inputs
    (kind, organisation, requester, parameters) lets a second request join a job that is
    still running; ``attempts`` counts the task's starts, so a job whose worker keeps
    dying stops after a bounded number instead of looping.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=40)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="jobs",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.CASCADE,
        related_name="jobs",
    )
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    stage = models.CharField(_("stage"), max_length=60, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    error = models.TextField(_("error"), blank=True)
    file = models.FileField(_("file"), upload_to="jobs/", blank=True)
    fingerprint = models.CharField(_("input fingerprint"), max_length=64, blank=True,
                                   editable=False)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    checksum = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["requested_by", "-created_at"]),
                   models.Index(fields=["kind", "organisation", "-created_at"])]
        constraints = [
            # a second click while a job runs joins it: one unfinished job per input
            models.UniqueConstraint(
                fields=["fingerprint"], name="job_one_unfinished_per_fingerprint",
                condition=Q(status__in=["queued", "running"]) & ~Q(fingerprint=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.organisation} {self.get_status_display()}"

    @property
    def label(self) -> str:
        from jobs.registry import label_of

        return label_of(self.kind)

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
