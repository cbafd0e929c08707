"""One small set of list / create / detail / edit / delete views, shared by every register.

A ``Register`` names the model, its form, the columns of its list and, where a register
needs more (overdue replies, expiring contracts, dispute clocks), a function that adds to
the page's context and a template snippet that shows it. Every query starts from
``in_scope``; objects by id come through ``get_in_scope`` (404 outside the subtree).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from organisations.models import RoleKind
from organisations.scope import get_in_scope, scoped_view
from rights import services


@dataclass(frozen=True)
class Column:
    label: str
    value: Callable[[object], object]


@dataclass(frozen=True)
class Register:
    key: str
    route: str
    model: type
    form: type
    title: str
    add_label: str
    columns: tuple = ()
    list_extra: Callable | None = None
    detail_extra: Callable | None = None
    list_include: str = ""
    detail_include: str = ""
    select_related: tuple = field(default=("organisation",))

    def queryset(self, request):
        return self.model.objects.in_scope(request.scope).select_related(*self.select_related)

    def url(self, action: str) -> str:
        return f"rights:{self.key}_{action}"


def display(obj, name: str):
    """A field's value as a person reads it: choice label, yes/no, yuan, ISO date, or —."""
    model_field = obj._meta.get_field(name)
    value = getattr(obj, name)
    if model_field.choices:
        value = getattr(obj, f"get_{name}_display")()
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _cell(obj, column):
    return column.value(obj) if isinstance(column, Column) else display(obj, column)


def _label(model, column) -> str:
    if isinstance(column, Column):
        return column.label
    return capfirst(model._meta.get_field(column).verbose_name)


def selected_year(request) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year


def make_views(reg: Register) -> dict[str, Callable]:
    def _edit(request, record):
        form = reg.form(request.POST or None, instance=record, scope=request.scope)
        if request.method == "POST" and form.is_valid():
            saved = form.save_with(services.record_save, actor=request.user)
            if saved is not None:
                messages.success(request, _("Saved."))
                return redirect(reg.url("detail"), pk=saved.pk)
        return render(request, "rights/record_form.html",
                      {"form": form, "record": record, "reg": reg})

    @scoped_view()
    def record_list(request):
        year = selected_year(request)
        records = reg.queryset(request).in_year(year)
        page = Paginator(records, 50).get_page(request.GET.get("page"))
        context = {
            "reg": reg, "page": page, "year": year,
            "years": range(timezone.localdate().year + 1, 2014, -1),
            "labels": [_label(reg.model, c) for c in reg.columns],
            "rows": [(obj, [_cell(obj, c) for c in reg.columns]) for obj in page],
        }
        if reg.list_extra:
            context.update(reg.list_extra(request))
        return render(request, "rights/record_list.html", context)

    @scoped_view()
    def record_detail(request, pk):
        from ledger.history import history_rows

        record = get_in_scope(request.scope, reg.queryset(request), pk=pk)
        names = [name for name in reg.form._meta.fields if name != "organisation"]
        context = {
            "reg": reg, "record": record, "history": history_rows(record),
            "fields": [(capfirst(reg.form.base_fields[name].label), display(record, name))
                       for name in names],
        }
        if reg.detail_extra:
            context.update(reg.detail_extra(request, record))
        return render(request, "rights/record_detail.html", context)

    @scoped_view(RoleKind.CADRE)
    def record_create(request):
        return _edit(request, reg.model(date=timezone.localdate()))

    @scoped_view(RoleKind.CADRE)
    def record_update(request, pk):
        return _edit(request, get_in_scope(request.scope, reg.queryset(request), pk=pk))

    @scoped_view(RoleKind.CADRE)
    def record_delete(request, pk):
        record = get_in_scope(request.scope, reg.queryset(request), pk=pk)
        if request.method == "POST":
            try:
                services.record_delete(record, actor=request.user)
            except (ValidationError, PermissionDenied) as error:
                messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
                return redirect(reg.url("detail"), pk=record.pk)
            messages.success(request, _("Deleted."))
            return redirect(reg.url("list"))
        return render(request, "rights/record_confirm_delete.html",
                      {"reg": reg, "record": record})

    return {"list": record_list, "create": record_create, "detail": record_detail,
            "update": record_update, "delete": record_delete}


def urls_for(reg: Register) -> list:
    views = make_views(reg)
    return [
        path(f"{reg.route}/", views["list"], name=f"{reg.key}_list"),
        path(f"{reg.route}/new/", views["create"], name=f"{reg.key}_create"),
        path(f"{reg.route}/<int:pk>/", views["detail"], name=f"{reg.key}_detail"),
        path(f"{reg.route}/<int:pk>/edit/", views["update"], name=f"{reg.key}_update"),
        path(f"{reg.route}/<int:pk>/delete/", views["delete"], name=f"{reg.key}_delete"),
    ]
