"""The audit log of a subtree: who created, changed or deleted which record, newest first.

Every audited model (django-simple-history) that belongs to an organisation contributes
its history rows; one UNION query over all of them finds a page of changes in the active
subtree, then one query per model on the page fetches those versions and their changes.
Personal-data fields stay out: the member history excludes the ID number's cipher, and the
page shows which fields changed, not their values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import CharField, IntegerField, Q, Value
from simple_history.models import registered_models

from organisations.models import Organisation, subtree_q

PAGE = 50


@dataclass
class AuditRow:
    when: dt.datetime
    who: object
    code: str  # "+" created, "~" changed, "-" deleted
    action: str
    kind: str
    record: str
    organisation: Organisation | None
    fields: list[str]
    reason: str


def audited_models() -> dict[str, type]:
    """label → historical model, for every audited model with an ``organisation``."""
    found = {}
    for model in registered_models.values():
        names = {field.name for field in model._meta.fields}
        if "organisation" in names:
            found[model._meta.label_lower] = model.history.model
    return dict(sorted(found.items()))


def _page_query(organisation: Organisation, before: dt.datetime | None, user_id: int | None):
    queries = []
    for index, (label, history) in enumerate(audited_models().items()):
        rows = history.objects.filter(subtree_q([organisation], prefix="organisation__"))
        if before is not None:
            rows = rows.filter(history_date__lt=before)
        if user_id is not None:
            rows = rows.filter(history_user_id=user_id)
        queries.append(rows.annotate(model=Value(index, IntegerField()),
                                     label=Value(label, CharField()))
                       .values("history_date", "history_id", "model")
                       .order_by())
    first, *rest = queries
    return first.union(*rest, all=True).order_by("-history_date", "-history_id")[:PAGE]


def audit_page(organisation: Organisation, *, before: dt.datetime | None = None,
               user_id: int | None = None) -> list[AuditRow]:
    """A page of the subtree's changes older than ``before`` (keyset paging by time)."""
    models = list(audited_models().values())
    page = list(_page_query(organisation, before, user_id))
    versions = {}
    for index, history in enumerate(models):
        ids = [row["history_id"] for row in page if row["model"] == index]
        if ids:
            for version in (history.objects.filter(history_id__in=ids)
                            .select_related("history_user", "organisation")):
                versions[(index, version.history_id)] = version
    return [_row(versions[(row["model"], row["history_id"])]) for row in page]


def _row(version) -> AuditRow:
    model = version.instance_type
    fields = []
    if version.history_type == "~":
        previous = version.prev_record
        if previous is not None:
            meta = model._meta
            fields = [str(meta.get_field(change.field).verbose_name)
                      for change in version.diff_against(previous).changes]
    return AuditRow(
        when=version.history_date, who=version.history_user, code=version.history_type,
        action=version.get_history_type_display(), kind=str(model._meta.verbose_name),
        record=str(version.instance), organisation=version.organisation,
        fields=fields, reason=version.history_change_reason or "")


def users_in(organisation: Organisation):
    """Accounts holding a role in the subtree: the filter's choices."""
    return (get_user_model().objects.filter(
        Q(union_roles__organisation__in=Organisation.objects.subtree(organisation)))
        .distinct().order_by("username"))
