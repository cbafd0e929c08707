"""Pages of the work summary: list, review page, texts, preview, steps, files, dashboard.

Every report is fetched through the active scope (another union's id is a 404); the
services decide who may take each step, so a page shows a button and the service still
refuses a role that may not use it.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobs.models import Job, JobStatus
from jobs.services import job_request
from ledger.crud import error_text, selected_year, year_choices
from organisations.models import RoleKind
from organisations.scope import get_in_scope, scoped_view
from reports import services
from reports.assembly import build_document, gather, problems
from reports.completeness import board, due_date
from reports.forms import ReportOpenForm, ReportTextsForm
from reports.models import Report, ReportStatus
from reports.periods import Period, PeriodKind

FILE_KINDS = ("annual_report", "annual_report_xlsx")


def _report(request, pk) -> Report:
    return get_in_scope(request.scope, Report.objects.select_related("organisation"), pk=pk)


@scoped_view()
def report_list(request):
    reports = request.scope.filter(Report.objects.select_related("organisation")).order_by(
        "-year", "period_kind", "organisation__path")[:200]
    form = ReportOpenForm(organisations=request.scope.organisations(), initial={
        "organisation": request.scope.organisation, "year": selected_year(request) - 1,
        "period_kind": PeriodKind.YEAR})
    return render(request, "reports/report_list.html", {"reports": reports, "form": form})


@require_POST
@scoped_view()
def report_open(request):
    form = ReportOpenForm(request.POST, organisations=request.scope.organisations())
    if not form.is_valid():
        messages.error(request, _("Choose a union of your scope, a year and a period."))
        return redirect("reports:list")
    report = services.report_start(organisation=form.cleaned_data["organisation"],
                                   period=form.period, actor=request.user)
    return redirect("reports:detail", report.pk)


def _versions(report: Report):
    return (Job.objects.filter(kind__in=FILE_KINDS, organisation=report.organisation,
                               params__report=report.pk, status=JobStatus.DONE)
            .select_related("requested_by").order_by("-finished_at"))


@scoped_view()
def report_detail(request, pk):
    report = _report(request, pk)
    period = report.period
    user = request.user
    return render(request, "reports/report_detail.html", {
        "report": report,
        "problems": problems(report.organisation, period),
        "children": board(report.organisation, period),
        "due": due_date(period),
        "events": report.events.select_related("actor")[:50],
        "versions": _versions(report),
        "can_write": request.scope.can_write and report.is_open,
        "can_submit": request.scope.can_review and report.is_open,
        "reviews": request.scope.can_review and services.is_official_above(
            user, report.organisation),
        # the scope's official is at or above this report's union, so above its children
        "can_mark_children": request.scope.can_review and report.is_open,
    })


@scoped_view(RoleKind.CADRE)
def report_edit(request, pk):
    report = _report(request, pk)
    computed = gather(report.organisation, report.period)
    form = ReportTextsForm(request.POST or None, report=report, computed=computed)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_texts_save(
                report, texts=form.texts(), problems=form.cleaned_data["problems"],
                plans=form.cleaned_data["plans"], actor=request.user,
                reason=form.cleaned_data.get("reason", ""))
        except (ValidationError, PermissionDenied) as refused:
            messages.error(request, error_text(refused))
        else:
            messages.success(request, _("The texts are saved."))
            return redirect("reports:detail", report.pk)
    return render(request, "reports/report_edit.html", {"report": report, "form": form})


@scoped_view()
def report_preview(request, pk):
    from reports.pdf import document_context

    summary = _report(request, pk)
    document = build_document(summary)
    return render(request, "reports/report_preview.html", {
        "summary": summary, "document": document,
        **document_context(document, for_pdf=False)})


def _step(request, pk, take, *, success: str, with_reason: bool = False):
    """Run one review step from a POST; a refusal is a message on the review page."""
    report = _report(request, pk)
    try:
        if with_reason:
            take(report, request.user, request.POST.get("reason", ""))
        else:
            take(report, request.user)
    except (ValidationError, PermissionDenied) as refused:
        messages.error(request, error_text(refused))
    else:
        messages.success(request, success)
    return redirect("reports:detail", report.pk)


@require_POST
@scoped_view(RoleKind.OFFICIAL)
def report_submit(request, pk):
    return _step(request, pk, services.report_submit,
                 success=_("The report is submitted to the union above."))


@require_POST
@scoped_view(RoleKind.OFFICIAL)
def report_return(request, pk):
    return _step(request, pk, services.report_return, with_reason=True,
                 success=_("The report is returned for changes."))


@require_POST
@scoped_view(RoleKind.OFFICIAL)
def report_approve(request, pk):
    return _step(request, pk, services.report_approve,
                 success=_("The report is approved and its period locked."))


@require_POST
@scoped_view(RoleKind.OFFICIAL)
def report_reopen(request, pk):
    return _step(request, pk, services.report_reopen, with_reason=True,
                 success=_("The report is reopened and its period unlocked."))


@require_POST
@scoped_view(RoleKind.OFFICIAL)
def report_not_reporting(request, pk, organisation_id):
    """From the parent's review page: account for a child that will not report."""
    parent_report = _report(request, pk)
    child = get_in_scope(request.scope, parent_report.organisation.children.all(), field="",
                         pk=organisation_id)
    try:
        services.report_mark_not_reporting(organisation=child, period=parent_report.period,
                                           actor=request.user,
                                           reason=request.POST.get("reason", ""))
    except (ValidationError, PermissionDenied) as refused:
        messages.error(request, error_text(refused))
    else:
        messages.success(request, _("%(org)s is marked as not reporting.") % {"org": child})
    return redirect("reports:detail", parent_report.pk)


def _file(request, pk, kind: str):
    report = _report(request, pk)
    job = job_request(kind=kind, organisation=report.organisation, actor=request.user,
                      params={"report": report.pk, "language": translation.get_language()})
    return redirect("jobs:detail", job.pk)


@require_POST
@scoped_view()
def report_pdf(request, pk):
    return _file(request, pk, "annual_report")


@require_POST
@scoped_view()
def report_workbook(request, pk):
    return _file(request, pk, "annual_report_xlsx")


@scoped_view()
def dashboard(request):
    """The subtree's headline figures against last year, and the children's completeness."""
    organisation = request.scope.organisation
    year = selected_year(request)
    period = Period(year, request.GET.get("period") if request.GET.get("period") in
                    PeriodKind.ALL else PeriodKind.YEAR)
    computed = gather(organisation, period)
    return render(request, "reports/dashboard.html", {
        "organisation": organisation, "period": period, "year": year, "years": year_choices(),
        "computed": [(item.section, item.headlines(), item.empty) for item in computed],
        "children": board(organisation, period), "due": due_date(period),
        "report": Report.objects.filter(organisation=organisation, year=period.year,
                                        period_kind=period.kind).first(),
        "statuses": ReportStatus,
    })
