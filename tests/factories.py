"""Records made through the real services, for tests."""

from ledger.models import ChronicleEntry
from ledger.services import ledger_save


def chronicle(organisation, actor, date, title="年度职工运动会", description=""):
    return ledger_save(ChronicleEntry(organisation=organisation, date=date, title=title,
                                      description=description), actor=actor)
