"""Delete generated and uploaded files that are no longer needed (run daily, e.g. from cron).

Export files (member lists, chronicles) hold personal data and are only meant to be
downloaded soon after they are made; member-import uploads are whole registers of names and
ID numbers. Keeping them forever widens what a leaked disk or backup would expose. Files of
the kinds in ``JOB_FILES_KEPT_KINDS`` are versions of a union's annual summary, listed on the
report's page: they are kept.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from jobs.models import Job, JobStatus
from members.imports import KEEP_FOR as IMPORT_KEPT_FOR
from members.imports import import_cleanup
from members.models import MemberImport


def expired_jobs(now: dt.datetime):
    """Finished jobs with a file, finished (or, failing that, requested) before the cutoff."""
    cutoff = now - dt.timedelta(days=settings.JOB_FILE_RETENTION_DAYS)
    return (Job.objects.filter(status__in=[JobStatus.DONE, JobStatus.FAILED])
            .exclude(file="").exclude(kind__in=settings.JOB_FILES_KEPT_KINDS)
            .filter(Q(finished_at__lt=cutoff)
                    | Q(finished_at__isnull=True, created_at__lt=cutoff))
            .order_by("created_at"))


def expired_imports(now: dt.datetime):
    return (MemberImport.objects.filter(created_at__lt=now - IMPORT_KEPT_FOR)
            .exclude(file="").order_by("created_at"))


def purge_job_file(job: Job) -> bool:
    """Forget the file on the row, then delete it; a failed deletion keeps both.

    The row is updated only if it still names the same file, so a file written meanwhile
    is left alone. Returns whether this call removed the file.
    """
    name = job.file.name
    with transaction.atomic():
        if not Job.objects.filter(pk=job.pk, file=name).update(file=""):
            return False
        job.file.storage.delete(name)
    return True


class Command(BaseCommand):
    help = (
        "Delete background-job files older than JOB_FILE_RETENTION_DAYS (except the kinds "
        "in JOB_FILES_KEPT_KINDS) and member-import uploads older than a day."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="List what would be deleted and delete nothing.")

    def handle(self, *args, dry_run: bool = False, **options):
        now = timezone.now()
        jobs = list(expired_jobs(now))
        imports = list(expired_imports(now))
        for job in jobs:
            self.stdout.write(f"job file {job.file.name} ({job.kind}, "
                              f"{(job.finished_at or job.created_at):%Y-%m-%d})")
        for upload in imports:
            self.stdout.write(f"member import {upload.file.name} "
                              f"({upload.created_at:%Y-%m-%d %H:%M})")
        if dry_run:
            self.stdout.write(f"Dry run: would delete {len(jobs)} job files and "
                              f"{len(imports)} member-import uploads.")
            return
        deleted_jobs = sum(purge_job_file(job) for job in jobs)
        deleted_imports = import_cleanup(now)
        self.stdout.write(self.style.SUCCESS(
            f"Deleted {deleted_jobs} job files and {deleted_imports} member-import uploads."))
