import logging

from celery import shared_task
from django.core.exceptions import PermissionDenied

from jobs.models import Job, JobStatus
from jobs.registry import get_producer
from jobs.services import job_fail, job_finish, job_report, job_start
from organisations.models import RoleKind
from organisations.services import ensure_can

log = logging.getLogger(__name__)


@shared_task(acks_late=True)
def run_job(job_id: str) -> str:
    """Produce a job's file. Idempotent: a finished job is left as it is."""
    job = Job.objects.select_related("organisation", "requested_by").filter(pk=job_id).first()
    if job is None or job.status == JobStatus.DONE:
        return "skipped"
    try:
        ensure_can(job.requested_by, job.organisation, RoleKind.VIEWER)
    except PermissionDenied as denied:
        job_fail(job, str(denied))
        return "refused"
    job_start(job)
    try:
        filename, content = get_producer(job.kind)(
            job, lambda stage, percent: job_report(job, stage, percent)
        )
    except Exception as error:  # a failure is shown to the user, not lost in a log
        log.exception("job %s failed", job_id)
        job_fail(job, f"{type(error).__name__}: {error}")
        return "failed"
    job_finish(job, filename=filename, content=content)
    return "done"
