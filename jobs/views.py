from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext

from jobs.models import Job, JobStatus
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
        if job.status == JobStatus.DONE else None,
    })


@scoped_view()
def job_download(request, job_id):
    job = _job(request, job_id)
    if job.status != JobStatus.DONE or not job.file:
        raise Http404("not ready")
    return FileResponse(job.file.open("rb"), as_attachment=True,
                        filename=job.params.get("filename", job.file.name))
