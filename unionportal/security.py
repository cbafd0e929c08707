"""Login throttling (django-axes) fitted to how the portal is reached.

Two limits apply to failed log-ins within the cool-off window:

- per account *and* address (``LOGIN_FAILURE_LIMIT``, 5 by default): someone guessing one
  cadre's password is stopped without locking that cadre out everywhere else;
- per address alone (``LOGIN_IP_FAILURE_LIMIT``, higher): someone trying many accounts from
  one place is stopped too, while a colleague mistyping at the same office router is not
  locked out by another person's five typos.

The client address is taken from ``X-Forwarded-For`` only when the request comes from one
of our own reverse proxies (``TRUSTED_PROXIES``): anyone else could write any address there
and so escape the limits or lock out somebody else.
"""

from __future__ import annotations

import ipaddress

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render

# --- Client address ----------------------------------------------------------------------


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address) -> bool:
    return any(address in network for network in settings.TRUSTED_PROXIES)


def client_ip(request) -> str | None:
    """The address of the person behind the request.

    ``REMOTE_ADDR`` is the peer of the TCP connection. When that peer is a trusted proxy,
    ``X-Forwarded-For`` is read from the right (the entries our proxies appended) and the
    first address that is not itself a trusted proxy is the client's; entries to its left
    were written by the client and are ignored. A malformed entry ends the walk at the
    last address we could trust.
    """
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return None
    if not _trusted(remote):
        return str(remote)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    client = remote
    for entry in reversed([part for part in forwarded.split(",") if part.strip()]):
        address = _address(entry)
        if address is None:
            break
        client = address
        if not _trusted(address):
            break
    return str(client)


# --- Throttling --------------------------------------------------------------------------


class LoginThrottleHandler(AxesDatabaseHandler):
    """Axes' database handler with its own limit for the address-only count.

    ``AXES_LOCKOUT_PARAMETERS`` is ``[["username", "ip_address"], "ip_address"]``; Axes
    compares the larger of the two counts with one limit (``AXES_FAILURE_LIMIT``, the
    per-account limit). Here the address count only counts once it reaches its own, higher
    limit, at which point it is reported as reaching the per-account one.
    """

    def get_failures(self, request, credentials=None) -> int:
        counts = [_sum_failures(attempts)
                  for attempts in self.get_user_attempts(request, credentials)]
        per_account, per_address = counts[0], max(counts[1:], default=0)
        if per_address >= settings.LOGIN_IP_FAILURE_LIMIT:
            return max(per_account, settings.AXES_FAILURE_LIMIT)
        return per_account

    def reset_user_attempts(self, request, credentials=None) -> int:
        """After a successful log-in, forget that account's failures from that address only.

        The address-wide count stays: logging in to one's own account must not wipe the
        record of guesses at other accounts from the same place.
        """
        per_account = self.filter_user_attempts(request, credentials)[0]
        count, _ = per_account.delete()
        return count


def _sum_failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuses log-ins that are locked out; lets calls without a request through.

    Every log-in over the web (the portal's form, the admin's) passes the request. Calls
    without one come from code running on the server itself (the shell, the test client),
    which has nothing to throttle; Axes' own backend would raise an error for them.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of the log-in form while locked out (HTTP 429)."""
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    return render(request, "registration/lockout.html", {"minutes": minutes},
                  status=settings.AXES_HTTP_RESPONSE_CODE)
