"""The federations' policy rules: everyone sees the rules that apply to their union (set
on it, above it or below it); officials set and change the rules of their own subtree."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ledger.crud import display, error_text
from ledger.history import history_rows
from organisations.models import RoleKind
from organisations.scope import get_in_scope, scoped_view
from welfare.access import readable_history
from welfare.forms import RuleForm
from welfare.models import AidRule
from welfare.services import rule_delete, rule_save

FIELDS = ["source_document", "programme", "visit_reason", "measure", "per", "limit", "action",
          "valid_from", "valid_until", "active"]


def _visible(request):
    return AidRule.objects.in_scope(request.scope).select_related("organisation")


def _own(request, pk):
    """A rule the active role may change: one set within its subtree."""
    rules = AidRule.objects.within(request.scope.organisation).select_related("organisation")
    return get_in_scope(request.scope, rules, pk=pk)


@scoped_view()
def rule_list(request):
    return render(request, "welfare/rule_list.html", {"rules": _visible(request)})


@scoped_view()
def rule_detail(request, pk):
    rule = get_in_scope(request.scope, _visible(request), pk=pk)
    fields = [(AidRule._meta.get_field(name).verbose_name, display(rule, name))
              for name in FIELDS]
    may_change = (request.scope.can_review
                  and rule.organisation.is_within(request.scope.organisation))
    return render(request, "welfare/rule_detail.html", {
        "rule": rule, "fields": fields, "may_change": may_change,
        "history": readable_history(history_rows(rule), sensitive_visible=False)})


def _edit(request, rule):
    form = RuleForm(request.POST or None, instance=rule, scope=request.scope)
    if (request.method == "POST" and form.is_valid()
            and form.save_with(rule_save, actor=request.user) is not None):
        messages.success(request, _("Saved."))
        return redirect("welfare:rule_detail", pk=rule.pk)
    return render(request, "ledger/record_form.html", {
        "form": form, "record": rule, "verbose_name": AidRule._meta.verbose_name})


@scoped_view(RoleKind.OFFICIAL)
def rule_create(request):
    return _edit(request, AidRule())


@scoped_view(RoleKind.OFFICIAL)
def rule_update(request, pk):
    return _edit(request, _own(request, pk))


@scoped_view(RoleKind.OFFICIAL)
def rule_delete_view(request, pk):
    rule = _own(request, pk)
    if request.method == "POST":
        try:
            rule_delete(rule, actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, error_text(error))
            return redirect("welfare:rule_detail", pk=rule.pk)
        messages.success(request, _("Deleted."))
        return redirect("welfare:rule_list")
    return render(request, "welfare/confirm_delete.html", {
        "title": rule.title, "cancel_url": "welfare:rule_detail", "cancel_pk": rule.pk})
