"""Excel import and export of members: template, upload, preview, confirm, report, export.

Imports are fetched by id only through ``get_in_scope`` (404 outside the subtree); the work
itself is in ``members.imports`` and ``members.exports``.
"""

from __future__ import annotations

import io

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from jobs.models import JobStatus
from jobs.services import job_request
from ledger.crud import error_text
from members import excel, imports
from members.excel import FileRefused
from members.models import ImportStatus, MemberImport
from organisations.models import RoleKind
from organisations.scope import get_in_scope, scoped_view
from organisations.services import sees_personal_data

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHOWN_ERRORS = 500
MULTIPART_SLACK = 64 * 1024  # the form's other fields and the multipart boundaries


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Excel file (.xlsx)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))


def _import(request, pk) -> MemberImport:
    queryset = MemberImport.objects.select_related("organisation", "uploaded_by", "job")
    return get_in_scope(request.scope, queryset, pk=pk)


def _xlsx(filename: str, content: bytes) -> FileResponse:
    return FileResponse(io.BytesIO(content), as_attachment=True, filename=filename,
                        content_type=XLSX)


@scoped_view(RoleKind.CADRE)
def import_template(request):
    content = excel.template_workbook(request.scope.organisations())
    return _xlsx("会员导入模板.xlsx", content)


@csrf_exempt
@scoped_view(RoleKind.CADRE)
def import_upload(request):
    """The declared size is checked before the body is read (so an oversized upload is not
    first written to disk); the CSRF check then runs as usual, explicitly."""
    declared = int(request.META.get("CONTENT_LENGTH") or 0)
    if request.method == "POST" and declared > excel.max_bytes() + MULTIPART_SLACK:
        return render(request, "members/import_upload.html", {
            "form": UploadForm(), "refusal": excel.too_large(declared).messages[0]},
            status=413)
    return _upload(request)


@csrf_protect
def _upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            member_import = imports.import_receive(
                upload=form.cleaned_data["file"], organisation=request.scope.organisation,
                actor=request.user, language=get_language())
        except FileRefused as refused:
            form.add_error("file", refused.messages)
        except PermissionDenied as denied:
            form.add_error(None, str(denied))
        else:
            return redirect("members:import_preview", pk=member_import.pk)
    return render(request, "members/import_upload.html", {"form": form})


@scoped_view(RoleKind.CADRE)
def import_preview(request, pk):
    member_import = _import(request, pk)
    job = member_import.job
    running = job is not None and not job.finished and member_import.status in (
        ImportStatus.CHECKING, ImportStatus.IMPORTING)
    return render(request, "members/import_preview.html", {
        "member_import": member_import, "job": job, "running": running,
        "job_failed": job is not None and job.status == JobStatus.FAILED,
        "errors": member_import.errors[:SHOWN_ERRORS],
        "more_errors": max(0, member_import.error_count - SHOWN_ERRORS),
        "ready": imports.ready(member_import),
        "large": member_import.row_count > imports.sync_rows(),
    })


@scoped_view(RoleKind.CADRE)
def import_confirm(request, pk):
    """POST imports (or queues the import of) a checked file; GET goes back to the preview."""
    member_import = _import(request, pk)
    if request.method != "POST":
        return redirect("members:import_preview", pk=member_import.pk)
    try:
        imports.import_confirm(member_import=member_import, actor=request.user,
                               language=get_language())
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    return redirect("members:import_preview", pk=member_import.pk)  # it shows the outcome


@scoped_view(RoleKind.CADRE)
def import_report(request, pk):
    filename, content = imports.report_file(_import(request, pk))
    return _xlsx(filename, content)


@scoped_view()
def export(request):
    """GET shows what will be exported (the list's filters, from the query string); POST
    queues the export job and goes to its progress page."""
    if request.method == "POST":
        job = job_request(kind="member_export", organisation=request.scope.organisation,
                          actor=request.user,
                          params={"query": request.GET.urlencode(), "language": get_language()})
        return redirect("jobs:detail", job_id=job.pk)
    from members.forms import MemberFilterForm

    form = MemberFilterForm(request.GET or None, scope=request.scope)
    filters = [(field.label, _shown(field)) for field in form if _shown(field)]
    return render(request, "members/export_confirm.html", {
        "filters": filters, "query": request.GET.urlencode(),
        "masked": not sees_personal_data(request.user, request.scope.organisation),
    })


def _shown(bound_field) -> str:
    """A filter's value as the person chose it (the label of a choice, not its code)."""
    if bound_field.name == "sort" or not bound_field.form.is_bound:
        return ""
    value = bound_field.form.values().get(bound_field.name)
    if value in (None, ""):
        return ""
    field = bound_field.field
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        return str(dict(field.choices).get(value, value))
    return str(value)
