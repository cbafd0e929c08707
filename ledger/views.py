"""The chronicle (大事记): the shared record pages, plus its PDF export; the audit log."""

import datetime as dt

from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from jobs.services import job_request
from ledger.audit import PAGE, audit_page, users_in
from ledger.crud import ACCEPTED_YEARS, RecordPages, id_param, selected_year
from ledger.forms import ChronicleEntryForm
from ledger.models import ChronicleEntry
from organisations.models import RoleKind
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


def _before(request) -> dt.datetime | None:
    """Where the page starts: a moment in the portal's time zone (unless it names its own),
    in a year a calendar shows (year 1 in UTC+8 falls before the first day there is)."""
    try:
        moment = dt.datetime.fromisoformat(request.GET.get("before", ""))
    except ValueError:
        return None
    if moment.year not in ACCEPTED_YEARS:
        return None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _user_id(request) -> int | None:
    return id_param(request.GET.get("user"))


@scoped_view(RoleKind.OFFICIAL)
def audit_log(request):
    """Who changed what in the official's subtree, newest first, 50 a page."""
    organisation = request.scope.organisation
    user_id = _user_id(request)
    rows = audit_page(organisation, before=_before(request), user_id=user_id)
    return render(request, "ledger/audit_log.html", {
        "rows": rows, "users": users_in(organisation), "user_id": user_id,
        "next_before": rows[-1].when.isoformat() if len(rows) == PAGE else "",
    })
