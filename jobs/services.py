"""Requesting background jobs and recording their progress."""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from jobs.models import Job, JobStatus
from organisations.models import Organisation, RoleKind
from organisations.services import ensure_can

log = logging.getLogger(__name__)


def job_request(*, kind: str, organisation: Organisation, actor, params: dict) -> Job:
    """Record the job and queue it once the transaction commits (the worker must see it)."""
    from jobs.tasks import run_job

    ensure_can(actor, organisation, RoleKind.VIEWER)
    job = Job.objects.create(kind=kind, organisation=organisation, requested_by=actor,
                             params=params)
    transaction.on_commit(lambda: run_job.delay(str(job.pk)))
    return job


def job_report(job: Job, stage: str, progress: int) -> None:
    Job.objects.filter(pk=job.pk).update(stage=stage, progress=progress)


def job_start(job: Job) -> None:
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), error="", stage="", progress=0
    )


@transaction.atomic
def job_finish(job: Job, *, filename: str, content: bytes) -> Job:
    """Store the file under the job's own name, replacing any earlier attempt's file."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.file:
        job.file.delete(save=False)
    extension = filename.rsplit(".", 1)[-1]
    job.file.save(f"{job.pk}.{extension}", ContentFile(content), save=False)
    job.status, job.progress, job.stage = JobStatus.DONE, 100, ""
    job.params = {**job.params, "filename": filename}
    job.finished_at = timezone.now()
    job.save()
    return job


def job_fail(job: Job, reason: str) -> None:
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.FAILED, error=reason[:2000], finished_at=timezone.now()
    )
