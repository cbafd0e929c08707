"""The list, detail, create, edit and delete pages of a ledger record, made once.

A ``RecordPages`` names the model, its form, its URL names and the columns of its list;
where a kind of record needs more (entries, photos, overdue replies, dispute clocks) it adds
a function that extends the page's context and a template snippet that shows it.
``urls_for(pages)`` gives the URL patterns. Every read starts from
``Model.objects.in_scope(request.scope)``, objects by id come from ``get_in_scope`` (404
outside the subtree), writes need a cadre role and go through the given services, whose
refusals (a locked year) become form errors or messages. Used by competitions, activities
and rights; the small helpers below serve the chronicle's own views as well.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ledger.history import history_rows
from ledger.services import ledger_delete, ledger_save
from organisations.models import RoleKind
from organisations.scope import get_in_scope, scoped_view

FIRST_YEAR = 2015


ACCEPTED_YEARS = range(1900, 2101)  # a year outside these (0, 99999) has no calendar to show
MAX_ID = 2**63 - 1  # the largest key a database column holds


def selected_year(request) -> int:
    """The year asked for in ``?year=``, else this year."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if year in ACCEPTED_YEARS else timezone.localdate().year


def id_param(value) -> int | None:
    """An id from a query string or a tampered form: a number a key can hold, else None."""
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_ID:
        return None
    return int(text)


def year_choices() -> range:
    """The years a list offers, newest (next year, for early entries) first."""
    return range(timezone.localdate().year + 1, FIRST_YEAR - 1, -1)


def error_text(error) -> str:
    """The message(s) of a refusal (ValidationError or PermissionDenied) as one line."""
    return " ".join(getattr(error, "messages", [str(error)]))


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


@dataclass(frozen=True)
class Column:
    """A list column: a model field by name (headed by its verbose name, shown through
    ``display``) or, given ``value``, anything computed from the record, headed ``label``."""

    field: str = ""
    label: str = ""
    value: Callable | None = None

    def heading(self, model) -> str:
        return self.label or model._meta.get_field(self.field).verbose_name

    def cell(self, record):
        return self.value(record) if self.value else display(record, self.field)


ORGANISATION = Column("organisation", value=lambda record: record.organisation.display_name)


@dataclass(frozen=True)
class RecordPages:
    model: type
    form_class: type
    namespace: str  # "competitions"
    prefix: str = ""  # url names are f"{namespace}:{prefix}list" and so on
    route: str = ""  # paths are f"{route}", f"{route}new/", f"{route}<int:pk>/" and so on
    columns: tuple = ()  # of the list page: field names or Columns; the first links
    list_title: str = ""  # default: the model's verbose plural
    add_label: str = ""  # the create button and form title; default "Add"
    record_title: Callable = str
    save: Callable = ledger_save
    delete: Callable = ledger_delete
    copy: Callable | None = None  # service(record, actor=) -> next year's edition
    nav_include: str = ""  # a template above list and detail pages (tabs, breadcrumb)
    list_include: str = ""  # a template between the list's heading and its table
    list_context: Callable | None = None  # (request) -> dict for list_include
    detail_include: str = ""  # a template under the fields (entries, photos, clocks)
    detail_context: Callable | None = None  # (request, record) -> dict for detail_include

    def __post_init__(self):
        columns = tuple(c if isinstance(c, Column) else Column(c) for c in self.columns)
        object.__setattr__(self, "columns", columns)
        if not self.list_title:
            object.__setattr__(self, "list_title",
                               capfirst(self.model._meta.verbose_name_plural))

    def url(self, action: str) -> str:
        return f"{self.namespace}:{self.prefix}{action}"

    @property
    def urls(self) -> dict[str, str]:
        """URL names by action, for templates: ``{% url pages.urls.detail record.pk %}``."""
        return {action: self.url(action) for action in
                ("list", "create", "detail", "update", "delete", "copy")}

    def records(self, request):
        return self.model.objects.in_scope(request.scope).select_related("organisation")

    def get(self, request, pk):
        return get_in_scope(request.scope, self.records(request), pk=pk)


def record_views(pages: RecordPages) -> dict[str, Callable]:
    def common(**context):
        return {"pages": pages, "can_copy": pages.copy is not None,
                "verbose_name": pages.model._meta.verbose_name, **context}

    @scoped_view()
    def record_list(request):
        year = selected_year(request)
        page = Paginator(pages.records(request).in_year(year), 50).get_page(
            request.GET.get("page"))
        columns = (*pages.columns, ORGANISATION)
        context = common(
            page=page, year=year, years=year_choices(),
            headings=[column.heading(pages.model) for column in columns],
            rows=[(record, [column.cell(record) for column in columns]) for record in page])
        if pages.list_context:
            context.update(pages.list_context(request))
        return render(request, "ledger/record_list.html", context)

    @scoped_view()
    def record_detail(request, pk):
        record = pages.get(request, pk)
        form_fields = pages.form_class.base_fields
        fields = [(form_fields[name].label, display(record, name))
                  for name in form_fields if name != "organisation"]
        context = common(record=record, title=pages.record_title(record), fields=fields,
                         history=history_rows(record))
        if pages.detail_context:
            context.update(pages.detail_context(request, record))
        return render(request, "ledger/record_detail.html", context)

    def edit(request, record):
        form = pages.form_class(request.POST or None, instance=record, scope=request.scope)
        if request.method == "POST" and form.is_valid():
            saved = form.save_with(pages.save, actor=request.user)
            if saved is not None:
                messages.success(request, _("Saved."))
                return redirect(pages.url("detail"), pk=saved.pk)
        return render(request, "ledger/record_form.html", common(form=form, record=record))

    @scoped_view(RoleKind.CADRE)
    def record_create(request):
        return edit(request, pages.model(date=timezone.localdate()))

    @scoped_view(RoleKind.CADRE)
    def record_update(request, pk):
        return edit(request, pages.get(request, pk))

    @scoped_view(RoleKind.CADRE)
    def record_delete(request, pk):
        record = pages.get(request, pk)
        if request.method == "POST":
            try:
                pages.delete(record, actor=request.user)
            except (ValidationError, PermissionDenied) as error:
                messages.error(request, error_text(error))
                return redirect(pages.url("detail"), pk=record.pk)
            messages.success(request, _("Deleted."))
            return redirect(pages.url("list"))
        return render(request, "ledger/record_confirm_delete.html",
                      common(record=record, title=pages.record_title(record)))

    @scoped_view(RoleKind.CADRE)
    def record_copy(request, pk):
        """POST: make next year's edition of a recurring record through ``pages.copy``."""
        record = pages.get(request, pk)
        if request.method != "POST":
            return redirect(pages.url("detail"), pk=record.pk)
        try:
            copy = pages.copy(record, actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, error_text(error))
            return redirect(pages.url("detail"), pk=record.pk)
        messages.success(request, _("Copied to %(year)s: check the dates and figures.")
                         % {"year": copy.date.year})
        return redirect(pages.url("update"), pk=copy.pk)

    views = {"list": record_list, "create": record_create, "detail": record_detail,
             "update": record_update, "delete": record_delete}
    if pages.copy is not None:
        views["copy"] = record_copy
    return views


def urls_for(pages: RecordPages) -> list:
    """The URL patterns of ``pages``: list, create, detail, update, delete (and copy)."""
    routes = {"list": "", "create": "new/", "detail": "<int:pk>/", "update": "<int:pk>/edit/",
              "delete": "<int:pk>/delete/", "copy": "<int:pk>/copy/"}
    return [path(pages.route + routes[action], view, name=f"{pages.prefix}{action}")
            for action, view in record_views(pages).items()]


def children_view(pages: RecordPages, *, formset_class, children: Callable, service: Callable,
                  heading: str, extra_context: Callable | None = None) -> Callable:
    """A page that adds, edits and deletes many children of one record at once (a
    formset), saved all or none through ``service(parent, save=, delete=, actor=)``."""

    @scoped_view(RoleKind.CADRE)
    def record_children(request, pk):
        parent = pages.get(request, pk)
        formset = formset_class(request.POST or None, queryset=children(parent),
                                form_kwargs={pages.model._meta.model_name: parent})
        if request.method == "POST" and formset.is_valid():
            save = [form.instance for form in formset.forms
                    if form.has_changed() and form not in formset.deleted_forms]
            # The rows as stored, not the forms' instances: a row ticked for deletion is
            # not validated, and its instance holds whatever was typed over it.
            delete = list(children(parent).filter(pk__in=[
                form.instance.pk for form in formset.deleted_forms if form.instance.pk]))
            try:
                count = service(parent, save=save, delete=delete, actor=request.user)
            except (ValidationError, PermissionDenied) as error:
                messages.error(request, error_text(error))
            else:
                messages.success(request, _("Saved %(count)d rows.") % {"count": count})
                return redirect(pages.url("detail"), pk=parent.pk)
        context = {"parent": parent, "title": pages.record_title(parent), "formset": formset,
                   "heading": heading, "detail_url": pages.url("detail")}
        if extra_context:
            context.update(extra_context(parent))
        return render(request, "ledger/record_children.html", context)

    return record_children
