"""The chronicle (大事记): the shared record pages, plus its PDF export."""

from django.shortcuts import redirect
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from jobs.services import job_request
from ledger.crud import RecordPages, selected_year
from ledger.forms import ChronicleEntryForm
from ledger.models import ChronicleEntry
from organisations.scope import scoped_view

CHRONICLE = RecordPages(
    model=ChronicleEntry, form_class=ChronicleEntryForm, namespace="ledger",
    prefix="chronicle_", route="chronicle/", columns=("date", "title"),
    list_title=_("Chronicle"), add_label=_("Add entry"),
    list_include="ledger/_chronicle_export.html",
)


@require_POST
@scoped_view()
def chronicle_export(request):
    year = selected_year(request)
    job = job_request(kind="chronicle_pdf", organisation=request.scope.organisation,
                      actor=request.user, params={"year": year, "language": get_language()})
    return redirect("jobs:detail", job_id=job.pk)
