import logging

from celery import shared_task
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext

from jobs.models import Job
from jobs.registry import get_producer
from jobs.services import (
    job_attempt_failed,
    job_begin_attempt,
    job_fail,
    job_finish,
    job_report,
    max_attempts,
)
from organisations.models import RoleKind
from organisations.services import ensure_can

log = logging.getLogger(__name__)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def run_job(self, job_id: str) -> str:
    """Produce a job's file.

    Idempotent: a finished job is left as it is, and the file is written under the job's
    own name, so a redelivered or retried task never leaves a second file. Each start
    counts as an attempt; a failure is retried with a growing delay until
    ``JOB_MAX_ATTEMPTS``, and a job whose worker is killed again and again (a redelivered
    message finds its attempts used up) is stopped with a reason instead of looping.
    """
    job = Job.objects.select_related("organisation", "requested_by").filter(pk=job_id).first()
    if job is None or job.finished:
        return "skipped"
    attempt = job_begin_attempt(job)
    if attempt > max_attempts():
        job_fail(job, gettext("Stopped after %(count)d attempts: %(reason)s") % {
            "count": attempt - 1, "reason": job.error or gettext("the worker stopped")})
        return "gave up"
    try:
        ensure_can(job.requested_by, job.organisation, RoleKind.VIEWER)
    except PermissionDenied as denied:
        job_fail(job, str(denied))
        return "refused"
    try:
        filename, content = get_producer(job.kind)(
            job, lambda stage, percent: job_report(job, stage, percent)
        )
    except Exception as error:  # a failure is shown to the user, not lost in a log
        log.exception("job %s failed (attempt %d)", job_id, attempt)
        reason = f"{type(error).__name__}: {error}"
        if attempt < max_attempts():
            job_attempt_failed(job, reason)
            raise self.retry(countdown=min(60, 5 * 2 ** attempt), exc=error) from error
        job_fail(job, reason)
        return "failed"
    job_finish(job, filename=filename, content=content)
    return "done"
