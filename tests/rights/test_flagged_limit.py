"""The dispute list's box of flagged cases stays a page: a district with hundreds of open
cases past their limits showed every one of them on each request (seconds of rendering)."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from rights.models import LabourDispute
from rights.views import FLAGGED_SHOWN


def test_the_box_shows_the_most_urgent_cases_only(tree, login):
    today = timezone.localdate()
    LabourDispute.objects.bulk_create(
        LabourDispute(organisation=tree.union_a, date=today - dt.timedelta(days=20 + n),
                      subject=f"超期案件{n}", dispute_type="wages", channel="mediation")
        for n in range(FLAGGED_SHOWN + 1))
    client = login(tree.official_street_a)
    page = client.get(reverse("rights:dispute_list"), {"year": today.year})
    shown = [case.subject for case, _clocks in page.context["flagged_cases"]]
    assert len(shown) == FLAGGED_SHOWN
    assert shown[0] == f"超期案件{FLAGGED_SHOWN}"  # the longest past its limit first
    assert "超期案件0" not in shown  # the least urgent one is left out
