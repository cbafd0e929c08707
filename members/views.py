"""Views of the member register: list and search, detail, the audited full view, entry,
edit and taking a member off the register.

Every view starts from the active scope and fetches a member by id only through
``get_in_scope`` (404 outside the subtree). ID numbers and phones are shown masked; the
unmasked view is a POST, allowed only where ``sees_personal_data`` says so, and logged.
The list is built for a million rows: keyset pagination (no COUNT, no OFFSET), one query
for the page whatever its size.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import BooleanField, Expression, F, Value
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ledger.history import history_rows
from members.choices import MemberStatus
from members.forms import LeaveForm, MemberFilterForm, MemberForm
from members.models import Member
from members.personal_data import mask_phone
from members.services import member_leave
from organisations.models import AccessAction, Organisation, RoleKind
from organisations.scope import get_in_scope, scoped_view
from organisations.services import access_log_write, sees_personal_data

PAGE_SIZE = 50
HIDDEN_HISTORY_FIELDS = {"id_hash", "updated_at", "created_at", "created_by"}


def _members(request):
    return Member.objects.in_scope(request.scope).select_related("organisation")


def _member(request, pk) -> Member:
    return get_in_scope(request.scope, _members(request), pk=pk)


# --- Keyset pagination -------------------------------------------------------------------
# A page is "the next N rows after this one in the sort order": one range condition the
# sort's index serves, so page 20,000 costs what page 1 costs. No COUNT(*) is ever run.

class RowCompare(Expression):
    """``(a, b, c) > (x, y, z)``: a row comparison, one index range condition (PostgreSQL
    and SQLite both have it), where the expanded OR form would not bound the index scan."""

    output_field = BooleanField()

    def __init__(self, fields, values, operator: str):
        super().__init__()
        if operator not in ("<", ">"):
            raise ValueError(operator)
        self.operator = operator
        self.columns = [F(field) for field in fields]
        self.values = [Value(value) for value in values]

    def get_source_expressions(self):
        return [*self.columns, *self.values]

    def set_source_expressions(self, expressions):
        self.columns = expressions[:len(self.columns)]
        self.values = expressions[len(self.columns):]

    def as_sql(self, compiler, connection):
        sides, params = [], []
        for group in (self.columns, self.values):
            parts = []
            for expression in group:
                sql, part_params = compiler.compile(expression)
                parts.append(sql)
                params.extend(part_params)
            sides.append(f"({', '.join(parts)})")
        return f"{sides[0]} {self.operator} {sides[1]}", params


@dataclass
class KeysetPage:
    rows: list
    next_cursor: str | None
    previous_cursor: str | None

    def __iter__(self):
        return iter(self.rows)


def _fields(ordering) -> list[str]:
    return [key.lstrip("-") for key in ordering]


def encode_cursor(row, ordering) -> str:
    """The row's sort values, opaque in the URL (a cursor only positions, it grants nothing:
    the page query is cut to the scope whatever the cursor says)."""
    values = [getattr(row, field) for field in _fields(ordering)]
    raw = json.dumps([v.isoformat() if hasattr(v, "isoformat") else v for v in values],
                     ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, ordering) -> list | None:
    """The sort values from a cursor; None for a missing, stale or tampered one."""
    if not cursor or len(cursor) > 400:
        return None
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        fields = _fields(ordering)
        if not isinstance(values, list) or len(values) != len(fields):
            return None
        return [Member._meta.get_field(f).to_python(v) for f, v in zip(fields, values,
                                                                       strict=True)]
    except (ValueError, TypeError, binascii.Error, ValidationError):
        return None


def keyset_page(queryset, ordering, *, size: int, after=None, before=None) -> KeysetPage:
    """One page of ``size`` rows after (or before) a cursor; fetching ``size + 1`` rows tells
    whether another page follows, in the same single query."""
    if before is None:
        rows, has_next = _rows_after(queryset, ordering, after, size)
        has_previous = after is not None
    else:
        rows, has_previous = _rows_after(queryset, _reversed(ordering), before, size)
        rows, has_next = rows[::-1], True
    return KeysetPage(
        rows=rows,
        next_cursor=encode_cursor(rows[-1], ordering) if has_next and rows else None,
        previous_cursor=encode_cursor(rows[0], ordering) if has_previous and rows else None,
    )


def _reversed(ordering) -> tuple[str, ...]:
    return tuple(key[1:] if key.startswith("-") else f"-{key}" for key in ordering)


def _rows_after(queryset, ordering, cursor, size: int) -> tuple[list, bool]:
    """Up to ``size`` rows following ``cursor`` in ``ordering``, and whether more follow."""
    if cursor is not None:
        descending = ordering[0].startswith("-")
        fields = _fields(ordering)
        # The leading column's bound repeats the row comparison's first step: it lets the
        # planner start a one-column index there, and prune a list of unions to the rest.
        bound = {f"{fields[0]}__{'lte' if descending else 'gte'}": cursor[0]}
        queryset = queryset.filter(RowCompare(fields, cursor, "<" if descending else ">"),
                                   **bound)
    rows = list(queryset.order_by(*ordering)[:size + 1])
    return rows[:size], len(rows) > size


# --- Views -------------------------------------------------------------------------------

@scoped_view()
def member_list(request):
    """Search and filter the register; pages are cut by the last row shown, not by counting."""
    form = MemberFilterForm(request.GET or None, scope=request.scope)
    ordering = form.ordering()
    root = form.values().get("organisation") or request.scope.organisation
    members = form.filter(Member.objects.within_by_ids(root))
    page = keyset_page(members.select_related("organisation"), ordering, size=PAGE_SIZE,
                       after=decode_cursor(request.GET.get("after"), ordering),
                       before=decode_cursor(request.GET.get("before"), ordering))
    return render(request, "members/list.html", {
        "form": form, "page": page,
        "next_url": _page_url(request, "after", page.next_cursor),
        "previous_url": _page_url(request, "before", page.previous_cursor),
    })


def _page_url(request, direction: str, cursor: str | None) -> str | None:
    """The same search and filters, one page on in ``direction``."""
    if cursor is None:
        return None
    query = request.GET.copy()
    query.pop("after", None)
    query.pop("before", None)
    query[direction] = cursor
    return f"?{query.urlencode()}"


@scoped_view()
def member_detail(request, pk):
    return _render_detail(request, _member(request, pk), revealed=False)


@never_cache
@scoped_view()
def member_reveal(request, pk):
    """The unmasked ID number and phone: a POST, for roles that grant it, always logged."""
    member = _member(request, pk)
    if not sees_personal_data(request.user, member.organisation):
        raise PermissionDenied(_("Your role does not show full personal data of this union."))
    if request.method != "POST":
        return render(request, "members/reveal_confirm.html", {"member": member})
    access_log_write(user=request.user, organisation=member.organisation,
                     action=AccessAction.FULL_VIEW,
                     subject=f"{member.name} (#{member.pk}, {member.masked_document_number})")
    return _render_detail(request, member, revealed=True)


def _render_detail(request, member: Member, *, revealed: bool):
    transfers = member.transfers.select_related("from_organisation", "to_organisation",
                                                "requested_by")
    return render(request, "members/detail.html", {
        "member": member, "revealed": revealed,
        "document_number": (member.document_number if revealed
                            else member.masked_document_number),
        "phone": member.phone if revealed else member.masked_phone,
        "may_reveal": not revealed and sees_personal_data(request.user, member.organisation),
        "history": _history(member), "transfers": transfers,
    })


def _history(member: Member):
    """``history_rows`` made readable for a member: choice labels, union names, no hash."""
    rows = history_rows(member)
    org_ids = {value for row in rows for change in row.changes
               if change.field == "organisation" for value in (change.old, change.new)}
    unions = Organisation.objects.in_bulk([pk for pk in org_ids if pk is not None])
    for row in rows:
        row.changes = [_readable(change, unions) for change in row.changes
                       if change.field not in HIDDEN_HISTORY_FIELDS]
    return rows


def _readable(change, unions):
    """Show what a person reads on the form: labels, not stored codes."""
    if change.field == "organisation":
        change.old, change.new = unions.get(change.old), unions.get(change.new)
    elif change.field == "id_last4":
        change.label = _("document number (last four)")
    elif change.field == "phone":  # the history is read by everyone who reads the member
        change.old, change.new = (mask_phone(value) if value else value
                                  for value in (change.old, change.new))
    else:
        choices = dict(Member._meta.get_field(change.field).flatchoices)
        if choices:
            change.old = choices.get(change.old, change.old)
            change.new = choices.get(change.new, change.new)
    return change


def _edit(request, member: Member):
    form = MemberForm(request.POST or None, instance=member, scope=request.scope)
    if request.method == "POST" and form.is_valid():
        saved = form.save_member(request.user)
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect("members:detail", pk=saved.pk)
    return render(request, "members/form.html", {"form": form, "member": member})


@scoped_view(RoleKind.CADRE)
def member_create(request):
    return _edit(request, Member(join_date=timezone.localdate()))


@scoped_view(RoleKind.CADRE)
def member_update(request, pk):
    return _edit(request, _member(request, pk))


@scoped_view(RoleKind.CADRE)
def member_leave_view(request, pk):
    """Take a member off the register (left, deceased, moved out of the system) on a date."""
    member = _member(request, pk)
    if member.status != MemberStatus.ACTIVE:
        messages.info(request, _("This member is no longer on the register."))
        return redirect("members:detail", pk=member.pk)
    form = LeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member_leave(member=member, actor=request.user, status=form.cleaned_data["status"],
                         on=form.cleaned_data["status_date"])
        except ValidationError as error:
            _add_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The member has been taken off the register."))
            return redirect("members:detail", pk=member.pk)
    return render(request, "members/leave.html", {"form": form, "member": member})


def _add_errors(form, error: ValidationError) -> None:
    for field, errors in getattr(error, "error_dict", {None: error.error_list}).items():
        form.add_error(field if field in form.fields else None, errors)
