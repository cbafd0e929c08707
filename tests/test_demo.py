"""The demo data of ``make run``: idempotent, scoped as the README promises, and filling
every register the report reads.

The demo takes ~20 s to load, so this module loads it once, inside a transaction that is
rolled back when the module is done; each test runs in a savepoint within it, as usual.
"""

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from activities.models import Activity, ActivityPhoto
from activities.report import culture_and_sports
from competitions.models import Competition, CompetitionEntry
from competitions.report import competitions_and_skills
from ledger.models import ChronicleEntry
from members.models import Member, MemberTransfer
from organisations.demo import DEMO_PASSWORD
from organisations.models import Kind, Level, Organisation, Role
from reports.models import Report, ReportStatus
from rights import clocks
from rights.models import CollectiveContract, CongressSession, LabourDispute, Motion
from welfare.models import (
    AidGrant,
    AidRule,
    CaseReview,
    DonationDrive,
    HardshipCase,
    MutualAidEnrolment,
)
from welfare.report import welfare_figures

DEMO_MODELS = (Organisation, get_user_model(), Role, ChronicleEntry, Member, MemberTransfer,
               Competition, CompetitionEntry, Activity, ActivityPhoto,
               CongressSession, Motion, CollectiveContract, LabourDispute,
               HardshipCase, CaseReview, AidGrant, AidRule, DonationDrive, MutualAidEnrolment,
               Report)
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once for the module and rolled back after it."""
    media = tmp_path_factory.mktemp("demo-media")
    fast = override_settings(PASSWORD_HASHERS=FAST_HASHER, MEDIA_ROOT=media)
    with django_db_blocker.unblock(), fast, transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in DEMO_MODELS}


def last_twelve_months() -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    return today - dt.timedelta(days=365), today


def test_second_run_adds_nothing_and_every_register_has_records(demo, db, settings):
    settings.PASSWORD_HASHERS = FAST_HASHER
    before = counts()
    call_command("load_demo", stdout=io.StringIO())
    assert counts() == before
    assert all(before.values()), before


def test_the_tree_has_the_promised_shape(demo, db):
    assert Organisation.objects.filter(level=Level.DISTRICT).count() == 1
    assert Organisation.objects.filter(level=Level.STREET).count() == 3
    grassroots = Organisation.objects.filter(level=Level.GRASSROOTS)
    assert 28 <= grassroots.count() <= 35
    assert grassroots.filter(kind=Kind.JOINT).count() >= 5
    assert not grassroots.filter(members__isnull=True).exists()  # members in every union


def _login(client, username):
    assert client.login(username=username, password=DEMO_PASSWORD)
    return client


def test_demo_logins_see_what_the_readme_says(demo, db, client):
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


def test_competitions_and_activities_give_figures(demo, db):
    district = Organisation.objects.get(name="明湖区总工会")
    skills = competitions_and_skills(district, *last_twelve_months())
    assert skills.competitions == 5 and skills.trades >= 10 and skills.proposals == 24
    sports = culture_and_sports(district, *last_twelve_months())
    assert sports.sub_events == 12 and len(sports.photos) == 2 and not sports.women_is_empty


def test_rights_show_their_clocks_and_the_cadre_who_entered_them(demo, db):
    flagged = clocks.flagged_cases(LabourDispute.objects.open(), timezone.localdate())
    assert {c.status for _case, found in flagged for c in found} == {"near", "past"}
    assert CongressSession.objects.filter(organisation__name="明湖机械厂工会",
                                          created_by__username="machinery_cadre").exists()


def test_welfare_shows_its_workflow_and_the_section_reads_it(demo, db):
    today = timezone.localdate()
    assert AidGrant.objects.exclude(status="paid").exists()  # the workflow shows
    assert AidGrant.objects.exclude(warnings_confirmed="").exists()
    assert AidGrant.objects.filter(override_by__username="dongguan_official").exists()
    assert HardshipCase.objects.review_overdue(today).exists()
    assert HardshipCase.objects.filter(member__isnull=True).exists()
    assert AidGrant.objects.filter(organisation__name="明湖机械厂工会",
                                   created_by__username="machinery_cadre").exists()
    district = Organisation.objects.get(name="明湖区总工会")
    figures = welfare_figures(district, *last_twelve_months())
    assert not figures.is_empty and figures.mutual_units == 31


def test_one_summary_awaits_the_street_and_two_are_being_written(demo, db):
    street = Organisation.objects.get(name="东关街道总工会")
    reports = {r.organisation.name: r for r in Report.objects.select_related("organisation")}
    submitted = [r for r in reports.values() if r.status == ReportStatus.SUBMITTED]
    assert len(submitted) == 1 and submitted[0].organisation.parent == street
    assert submitted[0].problems and submitted[0].plans
    assert reports["明湖第一中学工会"].status == ReportStatus.DRAFT
    assert reports["明湖第一中学工会"].problems
    assert reports["东关街道总工会"].status == ReportStatus.DRAFT and len(reports) == 3


def test_login_page_is_served(db, client):
    response = client.get(reverse("login"))
    assert response.status_code == 200 and b'name="password"' in response.content
