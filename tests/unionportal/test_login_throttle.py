"""Login throttling: per account and address, per address alone, cool-off, proxy addresses."""

import datetime as dt
from types import SimpleNamespace

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD, make_user
from unionportal.security import client_ip

OFFICE = "203.0.113.7"
ELSEWHERE = "198.51.100.20"
LOCKED_TEXT = "Logging in is paused"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.LOGIN_FAILURE_LIMIT = settings.AXES_FAILURE_LIMIT = 5
    settings.LOGIN_IP_FAILURE_LIMIT = 8
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
    settings.TRUSTED_PROXIES = []
    settings.LANGUAGE_CODE = "en"


def log_in(client, username, password, address=OFFICE):
    return client.post(reverse("login"), {"username": username, "password": password},
                       REMOTE_ADDR=address)


def fail(client, username, times, address=OFFICE):
    for _ in range(times):
        response = log_in(client, username, "wrong-password-1", address)
    return response


def logged_in_as(client, user) -> bool:
    return client.session.get("_auth_user_id") == str(user.pk)


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_account_from_that_address(client):
    cadre = make_user("cadre")
    fourth = fail(client, "cadre", 4)
    assert fourth.status_code == 200 and LOCKED_TEXT not in fourth.content.decode()
    fifth = fail(client, "cadre", 1)
    assert fifth.status_code == 429
    assert LOCKED_TEXT in fifth.content.decode()

    right = log_in(client, "cadre", PASSWORD)
    assert right.status_code == 429
    page = right.content.decode()
    assert LOCKED_TEXT in page and "try again in 15 minutes" in page
    assert not logged_in_as(client, cadre)

    # the same account from another address is not locked by the office's failures
    assert log_in(client, "cadre", PASSWORD, ELSEWHERE).status_code == 302
    assert logged_in_as(client, cadre)


@pytest.mark.django_db
def test_the_lock_ends_when_the_cool_off_has_passed(client):
    cadre = make_user("cadre")
    fail(client, "cadre", 5)
    assert log_in(client, "cadre", PASSWORD).status_code == 429
    # move the failures back in time beyond the cool-off window
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    response = log_in(client, "cadre", PASSWORD)
    assert response.status_code == 302 and logged_in_as(client, cadre)


@pytest.mark.django_db
def test_the_lock_ends_with_a_shorter_cool_off_setting(client, settings):
    cadre = make_user("cadre")
    fail(client, "cadre", 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=2))
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=1)
    assert log_in(client, "cadre", PASSWORD).status_code == 302
    assert logged_in_as(client, cadre)


@pytest.mark.django_db
def test_another_user_at_the_same_address_is_unaffected_until_the_address_limit(client):
    make_user("cadre")
    colleague = make_user("colleague")
    fail(client, "cadre", 5)
    assert log_in(client, "cadre", PASSWORD).status_code == 429

    assert log_in(client, "colleague", PASSWORD).status_code == 302
    assert logged_in_as(client, colleague)
    client.logout()

    # failures at the office so far: cadre's 5 and the refused sixth attempt
    assert address_failures(OFFICE) == 6
    fail(client, "someone_else", 1)
    assert log_in(client, "colleague", PASSWORD).status_code == 302  # 7 < 8
    client.logout()
    fail(client, "someone_else", 1)  # the address limit, 8, is reached
    locked = log_in(client, "colleague", PASSWORD)
    assert locked.status_code == 429 and LOCKED_TEXT in locked.content.decode()
    assert not logged_in_as(client, colleague)
    # a different address is not concerned
    assert log_in(client, "colleague", PASSWORD, ELSEWHERE).status_code == 302


def address_failures(address) -> int:
    return sum(AccessAttempt.objects.filter(ip_address=address)
               .values_list("failures_since_start", flat=True))


@pytest.mark.django_db
def test_a_successful_log_in_forgets_only_that_accounts_failures(client):
    cadre = make_user("cadre")
    fail(client, "cadre", 4)
    fail(client, "guessed", 2)
    assert log_in(client, "cadre", PASSWORD).status_code == 302 and logged_in_as(client, cadre)
    client.logout()
    # four more typos are allowed again: the count for the account started over ...
    assert fail(client, "cadre", 4).status_code == 200
    # ... while the guesses at another account are still counted for the address
    assert AccessAttempt.objects.filter(username="guessed").get().failures_since_start == 2


# --- Client address -------------------------------------------------------------------


def request(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return SimpleNamespace(META=meta)


def test_forwarded_for_is_ignored_unless_the_peer_is_our_proxy(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request(OFFICE, "1.2.3.4")) == OFFICE


@pytest.mark.parametrize(("forwarded", "expected"), [
    (OFFICE, OFFICE),                                   # proxy appended the client
    (f"1.2.3.4, {OFFICE}", OFFICE),                     # client-written entry ignored
    (f"{OFFICE}, 10.0.0.9", OFFICE),                    # two of our proxies in a row
    ("not-an-address, 10.0.0.9", "10.0.0.9"),           # malformed: last trusted hop
    ("", "10.0.0.5"),                                   # no header: the proxy itself
])
def test_behind_our_proxy_the_client_is_the_rightmost_untrusted_address(
        settings, forwarded, expected):
    import ipaddress

    settings.TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.0/24")]
    assert client_ip(request("10.0.0.5", forwarded)) == expected


@pytest.mark.django_db
def test_spoofed_forwarded_for_does_not_escape_the_lock(client):
    make_user("cadre")
    for number in range(5):
        client.post(reverse("login"), {"username": "cadre", "password": "wrong-password-1"},
                    REMOTE_ADDR=OFFICE, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    response = client.post(reverse("login"), {"username": "cadre", "password": PASSWORD},
                           REMOTE_ADDR=OFFICE, HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert response.status_code == 429
