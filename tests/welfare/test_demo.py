"""The welfare demo: a year of records across the tree, loaded once, through the services."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from welfare.models import (
    AidGrant,
    AidRule,
    CaseReview,
    DonationDrive,
    HardshipCase,
    MutualAidEnrolment,
)
from welfare.report import welfare_figures

MODELS = (HardshipCase, CaseReview, AidGrant, AidRule, DonationDrive, MutualAidEnrolment)


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", stdout=io.StringIO())


def test_the_demo_fills_the_registers_once_and_the_section_reads_them(demo):
    counts = [model.objects.count() for model in MODELS]
    assert all(counts), counts
    call_command("load_demo", stdout=io.StringIO())
    assert counts == [model.objects.count() for model in MODELS]
    today = timezone.localdate()
    assert AidGrant.objects.exclude(status="paid").exists()  # the workflow shows
    assert AidGrant.objects.exclude(warnings_confirmed="").exists()
    assert AidGrant.objects.filter(override_by__username="dongguan_official").exists()
    assert HardshipCase.objects.review_overdue(today).exists()
    assert HardshipCase.objects.filter(member__isnull=True).exists()
    assert AidGrant.objects.filter(organisation__name="明湖机械厂工会",
                                   created_by__username="machinery_cadre").exists()
    district = HardshipCase.objects.select_related("organisation").first().organisation
    while district.parent_id:
        district = district.parent
    figures = welfare_figures(district, today - dt.timedelta(days=365), today)
    assert not figures.is_empty and figures.mutual_units == 31
