"""Who sees what of the welfare records beyond the ledger's scoping.

Illness details (of a hardship case, or the illness behind a sick visit) and the ID number
of a worker who is not a member are shown only to roles that handle cases: a cadre or an
official whose role shows full personal data (``Role.sees_personal_data``), the same flag
that unmasks members' ID numbers. Decided on the active role, so a user who also holds a
viewer role elsewhere sees there what a viewer sees. Every page that shows them writes the
access log, as the member register does.
"""

from __future__ import annotations

from organisations.models import AccessAction, RoleKind
from organisations.services import access_log_write

# History fields never shown on a page: the cipher and hashes mean nothing to a reader.
HIDDEN_HISTORY_FIELDS = {"id_cipher", "id_hash", "id_last4", "person_hash", "updated_at",
                         "created_at", "created_by"}
# History fields shown only to roles that handle cases.
SENSITIVE_FIELDS = {"illness_details", "illness"}


def handles_cases(scope) -> bool:
    """Whether the active role may see illness details and full ID numbers."""
    return (scope is not None and scope.can(RoleKind.CADRE)
            and bool(scope.role.sees_personal_data))


def log_full_view(request, record, subject: str) -> None:
    access_log_write(user=request.user, organisation=record.organisation,
                     action=AccessAction.FULL_VIEW, subject=subject)


def readable_history(rows, *, sensitive_visible: bool):
    """``ledger.history.history_rows`` without the technical fields, and without illness
    details unless the role handles cases."""
    hidden = HIDDEN_HISTORY_FIELDS | (set() if sensitive_visible else SENSITIVE_FIELDS)
    for row in rows:
        row.changes = [change for change in row.changes if change.field not in hidden]
    return rows
