from django.contrib import messages
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from jobs.models import Job, JobStatus
from jobs.services import job_retry
from organisations.scope import get_in_scope, scoped_view


def _job(request, job_id) -> Job:
    return get_in_scope(request.scope, Job.objects.select_related("organisation"), pk=job_id)


@scoped_view()
def job_detail(request, job_id):
    return render(request, "jobs/job_detail.html", {"job": _job(request, job_id)})


@scoped_view()
def job_status(request, job_id):
    job = _job(request, job_id)
    return JsonResponse({
        "status": job.status,
        "status_display": str(job.get_status_display()),
        "stage": gettext(job.stage) if job.stage else "",
        "progress": job.progress,
        "error": job.error,
        "download_url": reverse("jobs:download", args=[job.pk])
        if job.status == JobStatus.DONE and job.file else None,
        "can_retry": job.status == JobStatus.FAILED,
    })


@require_POST
@scoped_view()
def job_retry_view(request, job_id):
    """Queue a failed job again (after the broker came back, or a passing failure)."""
    job = job_retry(_job(request, job_id), request.user)
    if job.status == JobStatus.FAILED:
        messages.error(request, gettext(job.error))
    return redirect("jobs:detail", job.pk)


@scoped_view()
def job_download(request, job_id):
    job = _job(request, job_id)
    if job.status != JobStatus.DONE or not job.file:
        raise Http404("not ready")
    return FileResponse(job.file.open("rb"), as_attachment=True,
                        filename=job.params.get("filename", job.file.name))
