"""The annual report's files, produced by background jobs: the PDF and the workbook.

Both jobs take the report's id in their parameters; the worker reads the report afresh,
so what prints is the state of the texts and figures when it runs.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy, gettext_noop

from jobs.registry import producer
from reports.assembly import build_document, gather
from reports.models import Report


def _document(job, report):
    record = Report.objects.select_related("organisation").get(
        pk=job.params["report"], organisation=job.organisation)
    report(gettext_noop("Gathering figures"), 10)
    computed = gather(record.organisation, record.period)
    return build_document(record, computed=computed)


@producer("annual_report", label=gettext_lazy("Work summary (PDF)"))
def annual_report_pdf(job, report) -> tuple[str, bytes]:
    from reports.pdf import render_pdf

    with translation.override(job.params.get("language", "zh-hans")):
        document = _document(job, report)
        report(gettext_noop("Rendering"), 50)
        content = render_pdf(document)
    return f"{document.title}.pdf", content


@producer("annual_report_xlsx", label=gettext_lazy("Work summary figures (Excel)"))
def annual_report_xlsx(job, report) -> tuple[str, bytes]:
    from reports.workbook import workbook

    with translation.override(job.params.get("language", "zh-hans")):
        document = _document(job, report)
        report(gettext_noop("Writing the workbook"), 60)
        content = workbook(document)
    return f"{document.title}.xlsx", content
