"""Requesting background jobs and recording their progress."""

from __future__ import annotations

import hashlib
import json
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_noop

from jobs.models import Job, JobStatus
from organisations.models import Organisation, RoleKind
from organisations.services import ensure_can

log = logging.getLogger(__name__)


UNAVAILABLE = gettext_noop(
    "The background service is temporarily unavailable. Nothing was lost: try again in a "
    "few minutes.")


def fingerprint(*, kind: str, organisation: Organisation, actor, params: dict) -> str:
    """The job's inputs as one hash: equal requests while one runs are the same job.

    The requester is part of it because what a file shows can depend on their role
    (masked or full personal data).
    """
    payload = json.dumps([kind, organisation.pk, actor.pk, params], sort_keys=True,
                         default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def job_request(*, kind: str, organisation: Organisation, actor, params: dict) -> Job:
    """Record the job and queue it once the transaction commits (the worker must see it).

    A request equal to one still queued or running joins it (a double click, two tabs);
    the database's partial unique index settles a race between two requests.
    """
    ensure_can(actor, organisation, RoleKind.VIEWER)
    key = fingerprint(kind=kind, organisation=organisation, actor=actor, params=params)
    running = _unfinished(key)
    if running is not None:
        return running
    try:
        with transaction.atomic():
            job = Job.objects.create(kind=kind, organisation=organisation,
                                     requested_by=actor, params=params, fingerprint=key)
    except IntegrityError:
        return _unfinished(key)
    _enqueue_on_commit(job)
    return job


def _unfinished(key: str) -> Job | None:
    return Job.objects.filter(fingerprint=key,
                              status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).first()


def _enqueue_on_commit(job: Job) -> None:
    transaction.on_commit(lambda: job_enqueue(job.pk))


def job_enqueue(job_id) -> bool:
    """Hand the job to the broker; if the broker is down, say so on the job, keep the row.

    The requester sees the reason and a retry button instead of an error page.
    """
    from jobs.tasks import run_job

    try:
        run_job.delay(str(job_id))
    except Exception:  # kombu raises OperationalError, redis-py ConnectionError/TimeoutError
        log.exception("could not queue job %s", job_id)
        Job.objects.filter(pk=job_id).update(status=JobStatus.FAILED, error=UNAVAILABLE,
                                             finished_at=timezone.now())
        return False
    return True


def job_retry(job: Job, actor) -> Job:
    """Queue a failed job again with a fresh budget of attempts."""
    ensure_can(actor, job.organisation, RoleKind.VIEWER)
    if job.status != JobStatus.FAILED:
        return job
    Job.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED, attempts=0, error="",
                                         stage="", progress=0, finished_at=None)
    _enqueue_on_commit(job)
    job.refresh_from_db()
    return job


def job_begin_attempt(job: Job) -> int:
    """Count one more start of the task and mark the job running; returns the count."""
    Job.objects.filter(pk=job.pk).update(
        attempts=F("attempts") + 1, status=JobStatus.RUNNING, started_at=timezone.now(),
        stage="", progress=0)
    return Job.objects.values_list("attempts", flat=True).get(pk=job.pk)


def max_attempts() -> int:
    return settings.JOB_MAX_ATTEMPTS


def job_attempt_failed(job: Job, reason: str) -> None:
    """Leave the job queued with the reason of the failed attempt, for a retry to take."""
    Job.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED, error=reason[:2000])


def job_report(job: Job, stage: str, progress: int) -> None:
    Job.objects.filter(pk=job.pk).update(stage=stage, progress=progress)


@transaction.atomic
def job_finish(job: Job, *, filename: str, content: bytes) -> Job:
    """Store the file under the job's own name, replacing any earlier attempt's file."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.file:
        job.file.delete(save=False)
    extension = filename.rsplit(".", 1)[-1]
    job.file.save(f"{job.pk}.{extension}", ContentFile(content), save=False)
    job.status, job.progress, job.stage, job.error = JobStatus.DONE, 100, "", ""
    job.checksum = hashlib.sha256(content).hexdigest()
    job.params = {**job.params, "filename": filename}
    job.finished_at = timezone.now()
    job.save()
    return job


def job_fail(job: Job, reason: str) -> None:
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.FAILED, error=reason[:2000], finished_at=timezone.now()
    )
