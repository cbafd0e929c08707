from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobs.services import job_request
from ledger.crud import error_text, selected_year
from ledger.forms import ChronicleEntryForm
from ledger.history import history_rows
from ledger.models import ChronicleEntry
from ledger.services import ledger_delete, ledger_save
from organisations.models import RoleKind
from organisations.scope import get_in_scope, scoped_view


def _entries(request):
    return ChronicleEntry.objects.in_scope(request.scope).select_related("organisation")


@scoped_view()
def chronicle_list(request):
    year = selected_year(request)
    page = Paginator(_entries(request).in_year(year), 50).get_page(request.GET.get("page"))
    return render(request, "ledger/chronicle_list.html", {
        "page": page, "year": year, "years": range(timezone.localdate().year, 2014, -1),
    })


@scoped_view()
def chronicle_detail(request, pk):
    entry = get_in_scope(request.scope, _entries(request), pk=pk)
    return render(request, "ledger/chronicle_detail.html", {
        "entry": entry, "history": history_rows(entry),
    })


def _edit(request, entry):
    form = ChronicleEntryForm(request.POST or None, instance=entry, scope=request.scope)
    if request.method == "POST" and form.is_valid():
        saved = form.save_with(ledger_save, actor=request.user)
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect("ledger:chronicle_detail", pk=saved.pk)
    return render(request, "ledger/chronicle_form.html", {"form": form, "entry": entry})


@scoped_view(RoleKind.CADRE)
def chronicle_create(request):
    return _edit(request, ChronicleEntry(date=timezone.localdate()))


@scoped_view(RoleKind.CADRE)
def chronicle_update(request, pk):
    return _edit(request, get_in_scope(request.scope, _entries(request), pk=pk))


@scoped_view(RoleKind.CADRE)
def chronicle_delete(request, pk):
    entry = get_in_scope(request.scope, _entries(request), pk=pk)
    if request.method == "POST":
        try:
            ledger_delete(entry, actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, error_text(error))
            return redirect("ledger:chronicle_detail", pk=entry.pk)
        messages.success(request, _("Deleted."))
        return redirect("ledger:chronicle_list")
    return render(request, "ledger/chronicle_confirm_delete.html", {"entry": entry})


@require_POST
@scoped_view()
def chronicle_export(request):
    year = selected_year(request)
    job = job_request(kind="chronicle_pdf", organisation=request.scope.organisation,
                      actor=request.user, params={"year": year, "language": get_language()})
    return redirect("jobs:detail", job_id=job.pk)
