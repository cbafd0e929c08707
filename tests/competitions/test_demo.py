"""The demo modules load a year of records, and a second run adds nothing."""

import datetime as dt
import io

from django.core.management import call_command
from django.utils import timezone

from activities.models import Activity, ActivityPhoto
from activities.report import culture_and_sports
from competitions.models import Competition, CompetitionEntry
from competitions.report import competitions_and_skills
from organisations.models import Organisation


def test_demo_records_and_figures(db, settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", stdout=io.StringIO())
    counts = (Competition.objects.count(), CompetitionEntry.objects.count(),
              Activity.objects.count(), ActivityPhoto.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert counts == (Competition.objects.count(), CompetitionEntry.objects.count(),
                      Activity.objects.count(), ActivityPhoto.objects.count())
    today = timezone.localdate()
    district = Organisation.objects.get(name="明湖区总工会")
    period = (today - dt.timedelta(days=365), today)  # the demo's last twelve months
    skills = competitions_and_skills(district, *period)
    assert skills.competitions == 5 and skills.trades >= 10 and skills.proposals == 24
    sports = culture_and_sports(district, *period)
    assert sports.sub_events == 12 and len(sports.photos) == 2 and not sports.women_is_empty
