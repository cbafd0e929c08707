"""The demo data of ``make run``: idempotent, and scoped as the README promises."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from ledger.models import ChronicleEntry
from members.models import Member, MemberTransfer
from organisations.demo import DEMO_PASSWORD
from organisations.models import Kind, Level, Organisation, Role


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", stdout=io.StringIO())


def counts():
    return (Organisation.objects.count(), get_user_model().objects.count(),
            Role.objects.count(), ChronicleEntry.objects.count(), Member.objects.count(),
            MemberTransfer.objects.count())


def test_second_run_adds_nothing_and_the_tree_has_the_promised_shape(demo):
    before = counts()
    call_command("load_demo", stdout=io.StringIO())
    assert counts() == before

    assert Organisation.objects.filter(level=Level.DISTRICT).count() == 1
    assert Organisation.objects.filter(level=Level.STREET).count() == 3
    grassroots = Organisation.objects.filter(level=Level.GRASSROOTS)
    assert 28 <= grassroots.count() <= 35
    assert grassroots.filter(kind=Kind.JOINT).count() >= 5
    assert not grassroots.filter(members__isnull=True).exists()  # members in every union


def _login(client, username):
    assert client.login(username=username, password=DEMO_PASSWORD)
    return client


def test_demo_logins_see_what_the_readme_says(demo, client):
    _login(client, "machinery_cadre")
    names = {o.name for o in client.get(reverse("organisations:tree")).context["organisations"]}
    assert names == {"明湖机械厂工会", "明湖机械厂铸造车间分工会", "明湖机械厂装配车间分工会"}
    entries = client.get(reverse("ledger:chronicle_list")).context["page"].object_list
    assert entries and {e.organisation.name for e in entries} == {"明湖机械厂工会"}

    _login(client, "dongguan_official")
    street = Organisation.objects.get(name="东关街道总工会")
    names = {o.name for o in client.get(reverse("organisations:tree")).context["organisations"]}
    assert names == {o.name for o in Organisation.objects.subtree(street)}
    assert "文化路街道总工会" not in names and len(names) == 13


def test_login_page_is_served(db, client):
    response = client.get(reverse("login"))
    assert response.status_code == 200 and b'name="password"' in response.content
