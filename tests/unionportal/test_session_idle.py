"""The idle timeout: each request pushes the session's expiry; a quiet session ends."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def _idle(settings):
    settings.SESSION_COOKIE_AGE = 30 * 60
    settings.SESSION_SAVE_EVERY_REQUEST = True


def log_in(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD},
                           REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    return Session.objects.get(session_key=client.session.session_key)


def test_each_request_pushes_the_expiry(client, tree):
    session = log_in(client, tree.cadre_a)
    Session.objects.filter(pk=session.pk).update(
        expire_date=timezone.now() + dt.timedelta(minutes=2))
    assert client.get(reverse("home")).status_code == 200
    expiry = Session.objects.get(pk=session.pk).expire_date
    assert expiry > timezone.now() + dt.timedelta(minutes=29)


def test_a_session_idle_for_longer_is_logged_out(client, tree):
    session = log_in(client, tree.cadre_a)
    Session.objects.filter(pk=session.pk).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
