import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone

from ledger.models import ChronicleEntry
from members.report import organisation_building
from organisations.models import Organisation


@login_required
def home(request):
    """The dashboard of the active role's organisation (or a note when the user has none)."""
    scope = request.scope
    context = {"today": timezone.localdate()}
    if scope is not None:
        year = context["today"].year
        context.update({
            "building": organisation_building(scope.organisation, dt.date(year, 1, 1),
                                              context["today"]),
            "subtree_size": scope.organisations().count(),
            "children": scope.organisation.children.all(),
            "chronicle_count": ChronicleEntry.objects.in_scope(scope).in_year(year).count(),
            "year": year,
        })
    return render(request, "home.html", context)


def health(request):
    """Liveness and database reachability, for the load balancer and compose."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "organisations": Organisation.objects.exists()})
