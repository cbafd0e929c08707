from django.db import models
from django.utils.translation import gettext_lazy as _

from ledger.base import LedgerRecord


class ChronicleEntry(LedgerRecord):
    """An entry of the union's chronicle of events (大事记), kept through the year.

    The summaries in the seeds close with such a list; it is also the simplest ledger record
    and so the one the foundation's views, locks and exports are proven on.
    """

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta(LedgerRecord.Meta):
        verbose_name = _("chronicle entry")
        verbose_name_plural = _("chronicle entries")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title}"
