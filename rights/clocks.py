"""Statutory time limits of a labour dispute case, as pure functions of dates.

Periods are counted as Chinese law counts them: the day of the event is not counted, the
period starts the next day (民法典 第二百零一条), so a 15-day period from 1 March ends at the
end of 16 March. A clock is *near* from ``warn_days`` before its last day up to and
including that day, and *past* from the day after.

- Mediation: "自劳动争议调解组织收到调解申请之日起十五日内未达成调解协议的，当事人可以依法申请仲裁"
  (劳动争议调解仲裁法 第十四条第三款). Enterprise mediation committees may go on longer when
  both parties agree: "双方当事人同意延期的可以延长" (企业劳动争议协商调解规定 第二十三条); the
  agreed date then replaces the 15th day.
- Arbitration: "劳动争议申请仲裁的时效期间为一年。仲裁时效期间从当事人知道或者应当知道其权利
  被侵害之日起计算" (劳动争议调解仲裁法 第二十七条第一款). The limitation is interrupted, and starts
  again, when the worker claims the right or asks a body for relief (第二款), for instance by
  applying for mediation. The clock shown here ignores interruptions on purpose: it is the
  earliest day the limitation could run out, so a worker told to apply for arbitration
  before it is safe whatever the interruptions were.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db import models
from django.utils.translation import gettext_lazy as _

MEDIATION_DAYS = 15
MEDIATION_WARN_DAYS = 3
ARBITRATION_WARN_DAYS = 30


class ClockStatus(models.TextChoices):
    OK = "ok", _("within the limit")
    NEAR = "near", _("limit near")
    PAST = "past", _("limit passed")


class ClockKind(models.TextChoices):
    MEDIATION = "mediation", _("Mediation period")
    ARBITRATION = "arbitration", _("Arbitration limitation")


@dataclass(frozen=True)
class Clock:
    kind: ClockKind
    deadline: dt.date
    status: ClockStatus
    days_left: int

    @property
    def flagged(self) -> bool:
        return self.status != ClockStatus.OK

    @property
    def label(self) -> str:
        return ClockKind(self.kind).label

    @property
    def status_label(self) -> str:
        return ClockStatus(self.status).label


def mediation_deadline(received: dt.date, extended_until: dt.date | None = None) -> dt.date:
    """The last day of mediation: received + 15 days, or the date both parties agreed."""
    return extended_until or received + dt.timedelta(days=MEDIATION_DAYS)


def arbitration_deadline(knew_on: dt.date) -> dt.date:
    """The last day to apply for arbitration: one year after the worker knew (第二十七条)."""
    return knew_on + relativedelta(years=1)


def status(deadline: dt.date, today: dt.date, warn_days: int) -> ClockStatus:
    left = (deadline - today).days
    if left < 0:
        return ClockStatus.PAST
    if left <= warn_days:
        return ClockStatus.NEAR
    return ClockStatus.OK


def clock(kind: ClockKind, deadline: dt.date, today: dt.date, warn_days: int) -> Clock:
    return Clock(kind, deadline, status(deadline, today, warn_days), (deadline - today).days)


def dispute_clocks(dispute, today: dt.date) -> list[Clock]:
    """The clocks still running for a case on ``today``.

    Mediation runs while a case in mediation is open. The arbitration limitation matters
    while the case is open or after mediation failed (the worker's next step is arbitration);
    a settled, withdrawn or referred case stops both.
    """
    from rights.choices import DisputeChannel, DisputeOutcome

    running = []
    is_open = dispute.closed_on is None
    if is_open and dispute.channel == DisputeChannel.MEDIATION and dispute.date:
        deadline = mediation_deadline(
            dispute.date, dispute.extended_until if dispute.mediation_extended else None)
        running.append(clock(ClockKind.MEDIATION, deadline, today, MEDIATION_WARN_DAYS))
    if dispute.knew_on and (is_open or dispute.outcome == DisputeOutcome.FAILED):
        running.append(clock(ClockKind.ARBITRATION, arbitration_deadline(dispute.knew_on),
                             today, ARBITRATION_WARN_DAYS))
    return running


def flagged_cases(disputes, today: dt.date) -> list[tuple[object, list[Clock]]]:
    """(case, its flagged clocks) for every case near or past a limit, most urgent first."""
    found = []
    for dispute in disputes:
        flagged = [c for c in dispute_clocks(dispute, today) if c.flagged]
        if flagged:
            found.append((dispute, flagged))
    found.sort(key=lambda item: min(c.days_left for c in item[1]))
    return found
