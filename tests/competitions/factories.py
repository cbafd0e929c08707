"""Competition records made through the real services, for tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from activities.models import Activity
from competitions.models import (
    Competition,
    CompetitionEntry,
    Honour,
    RationalisationProposal,
)
from competitions.services import entries_save, ledger_save


def competition(organisation, actor, day=dt.date(2025, 6, 1), **fields):
    values = {"kind": "skill", "title": "厂级技术比武"}
    values.update(fields)
    return ledger_save(Competition(organisation=organisation, date=day, **values), actor=actor)


def entries(comp, actor, rows):
    """rows: (name, trade, placing) tuples."""
    made = [CompetitionEntry(name=name, trade=trade, placing=placing)
            for name, trade, placing in rows]
    entries_save(comp, save=made, delete=[], actor=actor)
    return made


def proposal(organisation, actor, day=dt.date(2025, 3, 1), **fields):
    values = {"title": "改进冲压模具", "submitters": "王师傅", "campaign": "2025上半年"}
    values.update(fields)
    return ledger_save(RationalisationProposal(organisation=organisation, date=day, **values),
                       actor=actor)


def honour(organisation, actor, day=dt.date(2025, 4, 28), **fields):
    values = {"name": "李师傅", "title": "may_day_medal", "level": "city",
              "awarding_body": "市总工会"}
    values.update(fields)
    return ledger_save(Honour(organisation=organisation, date=day, **values), actor=actor)


def activity(organisation, actor, day=dt.date(2025, 5, 10), **fields):
    values = {"category": "sports", "title": "职工运动会"}
    values.update(fields)
    if "hours" in values:
        values["hours"] = Decimal(values["hours"])
    return ledger_save(Activity(organisation=organisation, date=day, **values), actor=actor)
