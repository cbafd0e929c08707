"""Officials and reports for the review tests."""

from organisations.models import RoleKind
from organisations.services import role_grant
from reports.periods import Period
from reports.services import report_start, report_submit
from tests.conftest import make_user

PERIOD = Period(2025)


def official_of(organisation, username):
    user = make_user(username)
    role_grant(user=user, organisation=organisation, kind=RoleKind.OFFICIAL)
    return user


def submitted(organisation, official, period=PERIOD):
    report = report_start(organisation=organisation, period=period, actor=official)
    return report_submit(report, official)
