"""The rights demo: a year of records across the tree, loaded once."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from rights import clocks
from rights.models import CollectiveContract, CongressSession, LabourDispute, Motion


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", stdout=io.StringIO())


def test_the_demo_fills_the_registers_once(demo):
    counts = [m.objects.count() for m in (CongressSession, Motion, CollectiveContract,
                                          LabourDispute)]
    assert all(counts), counts
    call_command("load_demo", stdout=io.StringIO())
    assert counts == [m.objects.count() for m in (CongressSession, Motion,
                                                   CollectiveContract, LabourDispute)]
    flagged = clocks.flagged_cases(LabourDispute.objects.open(), timezone.localdate())
    assert {c.status for _case, found in flagged for c in found} == {"near", "past"}
    assert CongressSession.objects.filter(organisation__name="明湖机械厂工会",
                                          created_by__username="machinery_cadre").exists()
