"""Reading the audit history of a record: who changed what, from which value to which."""

from dataclasses import dataclass


@dataclass
class Change:
    field: str
    label: str
    old: object
    new: object


@dataclass
class HistoryRow:
    when: object
    who: object
    action: str
    changes: list[Change]


def history_rows(record) -> list[HistoryRow]:
    """The record's history, newest first, each version diffed against the one before."""
    versions = list(record.history.select_related("history_user").order_by("-history_date",
                                                                          "-history_id"))
    rows = []
    for newer, older in zip(versions, [*versions[1:], None][:len(versions)], strict=True):
        changes = []
        if older is not None:
            delta = newer.diff_against(older)
            meta = type(record)._meta
            changes = [Change(c.field, str(meta.get_field(c.field).verbose_name), c.old, c.new)
                       for c in delta.changes]
        rows.append(HistoryRow(newer.history_date, newer.history_user,
                               newer.get_history_type_display(), changes))
    return rows
