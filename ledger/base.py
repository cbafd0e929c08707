"""The base of every ledger record (工作台账): one organisation, one date, audited, lockable.

Domain apps subclass ``LedgerRecord``; its manager gives the scoped queryset API
(``within``, ``visible_to``, ``in_scope``) and ``HistoricalRecords(inherit=True)`` gives
each concrete model its own audit table with who, when and the old and new values.
Writes go through ``ledger.services`` so that period locks and permissions are enforced
in one place.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisations.models import Organisation, ScopedQuerySet


class LedgerQuerySet(ScopedQuerySet):
    def in_year(self, year: int) -> LedgerQuerySet:
        return self.filter(date__year=year)


class LedgerRecord(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT,
        related_name="+",
    )
    date = models.DateField(_("date"), db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = LedgerQuerySet.as_manager()
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
        ordering = ["-date", "-pk"]
