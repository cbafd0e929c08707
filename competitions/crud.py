"""The list, detail, create, edit and delete pages of a ledger record, made once.

``record_views(pages)`` returns scoped function views for one model: every read starts from
``Model.objects.in_scope(request.scope)``, objects by id come from ``get_in_scope`` (404
outside the subtree), writes need a cadre role and go through the given services, whose
refusals (a locked year) become form errors. Used by competitions and activities.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ledger.history import history_rows
from ledger.services import ledger_delete, ledger_save
from organisations.models import RoleKind
from organisations.scope import get_in_scope, scoped_view


@dataclass(frozen=True)
class RecordPages:
    model: type
    form_class: type
    namespace: str  # "competitions"
    prefix: str  # url names are f"{namespace}:{prefix}list" and so on
    columns: list[tuple[str, Callable]]  # list page: (heading, value of a record)
    title: Callable = str
    save: Callable = ledger_save
    delete: Callable = ledger_delete
    detail_include: str = ""  # a template shown under the fields (entries, photos)
    detail_context: Callable | None = None
    can_copy: bool = False
    list_title: str = ""
    extra_links: list[tuple[str, str]] = field(default_factory=list)

    def url(self, action: str) -> str:
        return f"{self.namespace}:{self.prefix}{action}"


def selected_year(request) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year


def error_text(error) -> str:
    return " ".join(getattr(error, "messages", [str(error)]))


def _fields(record) -> list[tuple[str, object]]:
    rows = []
    for f in record._meta.concrete_fields:
        if f.name in ("id",) or f.name.startswith("history"):
            continue
        value = getattr(record, f"get_{f.name}_display")() if f.choices else getattr(
            record, f.name)
        if f.name == "organisation":
            value = record.organisation.name
        if value in ("", None):
            continue
        rows.append((f.verbose_name, value))
    return rows


def record_views(pages: RecordPages) -> dict[str, Callable]:
    def records(request):
        return pages.model.objects.in_scope(request.scope).select_related("organisation")

    def common(**context):
        return {"pages": pages, "urls": {a: pages.url(a) for a in
                                         ("list", "create", "detail", "update", "delete",
                                          "copy")},
                "verbose_name": pages.model._meta.verbose_name,
                "verbose_plural": pages.model._meta.verbose_name_plural, **context}

    @scoped_view()
    def record_list(request):
        year = selected_year(request)
        page = Paginator(records(request).in_year(year), 50).get_page(request.GET.get("page"))
        rows = [(record, [value(record) for _h, value in pages.columns]) for record in page]
        return render(request, "competitions/record_list.html", common(
            page=page, rows=rows, year=year, headings=[h for h, _v in pages.columns],
            years=range(timezone.localdate().year + 1, 2014, -1)))

    @scoped_view()
    def record_detail(request, pk):
        record = get_in_scope(request.scope, records(request), pk=pk)
        context = common(record=record, title=pages.title(record), fields=_fields(record),
                         history=history_rows(record))
        if pages.detail_context:
            context.update(pages.detail_context(request, record))
        return render(request, "competitions/record_detail.html", context)

    def edit(request, record):
        form = pages.form_class(request.POST or None, instance=record, scope=request.scope)
        if request.method == "POST" and form.is_valid():
            saved = form.save_with(pages.save, actor=request.user)
            if saved is not None:
                messages.success(request, _("Saved."))
                return redirect(pages.url("detail"), pk=saved.pk)
        return render(request, "competitions/record_form.html",
                      common(form=form, record=record))

    @scoped_view(RoleKind.CADRE)
    def record_create(request):
        return edit(request, pages.model(date=timezone.localdate()))

    @scoped_view(RoleKind.CADRE)
    def record_update(request, pk):
        return edit(request, get_in_scope(request.scope, records(request), pk=pk))

    @scoped_view(RoleKind.CADRE)
    def record_delete(request, pk):
        record = get_in_scope(request.scope, records(request), pk=pk)
        if request.method == "POST":
            try:
                pages.delete(record, actor=request.user)
            except (ValidationError, PermissionDenied) as error:
                messages.error(request, error_text(error))
                return redirect(pages.url("detail"), pk=record.pk)
            messages.success(request, _("Deleted."))
            return redirect(pages.url("list"))
        return render(request, "competitions/record_confirm_delete.html",
                      common(record=record, title=pages.title(record)))

    views = {"list": record_list, "detail": record_detail, "create": record_create,
             "update": record_update, "delete": record_delete}
    return views


def copy_view(pages: RecordPages, service: Callable) -> Callable:
    """POST: make next year's edition of a recurring record through ``service``."""

    @scoped_view(RoleKind.CADRE)
    def record_copy(request, pk):
        record = get_in_scope(request.scope, pages.model.objects.in_scope(request.scope)
                              .select_related("organisation"), pk=pk)
        if request.method != "POST":
            return redirect(pages.url("detail"), pk=record.pk)
        try:
            copy = service(record, actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, error_text(error))
            return redirect(pages.url("detail"), pk=record.pk)
        messages.success(request, _("Copied to %(year)s: check the dates and figures.")
                         % {"year": copy.date.year})
        return redirect(pages.url("update"), pk=copy.pk)

    return record_copy


def children_view(pages: RecordPages, *, formset_class, children: Callable, service: Callable,
                  heading: str, extra_context: Callable | None = None) -> Callable:
    """A page that adds, edits and deletes many children of one record at once (a
    formset), saved all or none through ``service(parent, save=, delete=, actor=)``."""

    @scoped_view(RoleKind.CADRE)
    def record_children(request, pk):
        parent = get_in_scope(request.scope, pages.model.objects.in_scope(request.scope)
                              .select_related("organisation"), pk=pk)
        formset = formset_class(request.POST or None, queryset=children(parent),
                                form_kwargs={pages.model._meta.model_name: parent})
        if request.method == "POST" and formset.is_valid():
            save = [form.instance for form in formset.forms
                    if form.has_changed() and form not in formset.deleted_forms]
            delete = [form.instance for form in formset.deleted_forms if form.instance.pk]
            try:
                count = service(parent, save=save, delete=delete, actor=request.user)
            except (ValidationError, PermissionDenied) as error:
                messages.error(request, error_text(error))
            else:
                messages.success(request, _("Saved %(count)d rows.") % {"count": count})
                return redirect(pages.url("detail"), pk=parent.pk)
        context = {"parent": parent, "formset": formset, "heading": heading,
                   "detail_url": pages.url("detail")}
        if extra_context:
            context.update(extra_context(parent))
        return render(request, "competitions/children_form.html", context)

    return record_children
