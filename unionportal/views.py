import datetime as dt
import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone

from ledger.models import ChronicleEntry
from members.report import organisation_building
from organisations.models import Organisation
from unionportal.celery import app as celery_app

log = logging.getLogger(__name__)


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


# --- Readiness ------------------------------------------------------------------------------
# /health/ above stays the cheap liveness probe (compose and the CI smoke test poll it);
# /health/ready/ asks each component the portal depends on. The body names components and
# their state only: a failure's details (host names, credentials in URLs) go to the log.

OK, DOWN, SKIPPED, UNKNOWN = "ok", "down", "skipped", "unknown"


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        log.exception("readiness: the database does not answer")
        return DOWN
    return OK


def _broker_state(broker, timeout: int) -> str:
    try:
        broker.ensure_connection(max_retries=0, timeout=timeout)
    except Exception:
        log.exception("readiness: the broker does not answer")
        return DOWN
    return OK


def _worker_state(broker, timeout: int) -> str:
    try:
        replies = celery_app.control.ping(timeout=timeout, limit=1, connection=broker)
    except Exception:
        log.exception("readiness: could not ping the workers")
        return DOWN
    if not replies:
        log.warning("readiness: no Celery worker answered a ping within %ss", timeout)
        return DOWN
    return OK


def readiness(request):
    """Database, broker and worker, each "ok", "down" or "skipped"; 503 if one is down.

    In eager mode there is no broker and no worker to ask. When the broker is down the
    workers cannot be reached through it, so their state is "unknown" (the broker is the
    component to fix).
    """
    timeout = settings.HEALTH_CHECK_TIMEOUT
    components = {"database": _database_state()}
    if celery_app.conf.task_always_eager:
        components.update(broker=SKIPPED, worker=SKIPPED)
    else:
        with celery_app.connection_for_write(connect_timeout=timeout) as broker:
            components["broker"] = _broker_state(broker, timeout)
            components["worker"] = (_worker_state(broker, timeout)
                                    if components["broker"] == OK else UNKNOWN)
    down = [name for name, state in components.items() if state == DOWN]
    return JsonResponse({"status": DOWN if down else OK, "components": components,
                         "down": down}, status=503 if down else 200)
