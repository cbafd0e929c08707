"""Aid grant pages: entry with rule warnings, a grant and its workflow, the grants waiting
for approval or payment, and the one-page entry of a festival round.

A warning of a federation's rule is shown above the form with a box the cadre ticks to
save anyway; the confirmed warnings are kept on the grant (and in its history).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ledger.crud import display, error_text, id_param
from ledger.history import history_rows
from organisations.models import RoleKind
from organisations.scope import get_in_scope, scoped_view
from welfare.access import handles_cases, log_full_view, readable_history
from welfare.choices import GrantStatus
from welfare.forms import BatchFormSet, BatchHeaderForm, GrantForm, PayForm
from welfare.models import AidGrant
from welfare.services import (
    RuleWarnings,
    grant_approve,
    grant_pay,
    grant_save,
    grants_approve,
    grants_batch_save,
    grants_pay,
)
from welfare.views import grant_pages, today

DETAIL_FIELDS = ["programme", "visit_reason", "collective_kind", "headcount", "illness",
                 "cash", "goods", "student_name", "school_level", "school", "note",
                 "override_reason", "warnings_confirmed"]


def _grants(request):
    return grant_pages.records(request).select_related("drive")


def _grant(request, pk):
    return get_in_scope(request.scope, _grants(request), pk=pk)


def _confirmed(request) -> bool:
    return request.POST.get("confirm_warnings") == "1"


def _collecting(warnings: list):
    """A grant service that turns rule warnings into a list shown above the form."""

    def save(instance, **kwargs):
        try:
            return grant_save(instance, **kwargs)
        except RuleWarnings as error:
            warnings.extend(error.messages)
            return None

    return save


def _edit(request, grant):
    form = GrantForm(request.POST or None, instance=grant, scope=request.scope)
    warnings: list[str] = []
    if request.method == "POST" and form.is_valid():
        saved = form.save_with(_collecting(warnings), actor=request.user,
                               confirm_warnings=_confirmed(request))
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect("welfare:grant_detail", pk=saved.pk)
    return render(request, "welfare/grant_form.html",
                  {"form": form, "record": grant, "warnings": warnings})


@scoped_view(RoleKind.CADRE)
def grant_create(request):
    return _edit(request, AidGrant(date=today()))


@scoped_view(RoleKind.CADRE)
def grant_update(request, pk):
    return _edit(request, _grant(request, pk))


@scoped_view()
def grant_detail(request, pk):
    grant = _grant(request, pk)
    sensitive = handles_cases(request.scope)
    if sensitive and grant.illness:
        log_full_view(request, grant, _("Aid grant %(grant)s (#%(pk)s)")
                      % {"grant": grant, "pk": grant.pk})
    fields = [(AidGrant._meta.get_field(name).verbose_name, display(grant, name))
              for name in DETAIL_FIELDS if sensitive or name != "illness"]
    scope = request.scope
    return render(request, "welfare/grant_detail.html", {
        "grant": grant, "fields": fields, "pages": grant_pages,
        "may_change": scope.can_write and (grant.status == GrantStatus.APPLIED
                                           or scope.can_review),
        "may_approve": scope.can_review and grant.status == GrantStatus.APPLIED,
        "may_pay": scope.can_write and grant.status == GrantStatus.APPROVED,
        "pay_form": PayForm(),
        "history": readable_history(history_rows(grant), sensitive_visible=sensitive)})


def _step(request, grant, service, **kwargs):
    try:
        service(grant, actor=request.user, **kwargs)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Saved."))
    return redirect("welfare:grant_detail", pk=grant.pk)


@scoped_view(RoleKind.OFFICIAL)
def grant_approve_view(request, pk):
    grant = _grant(request, pk)
    if request.method != "POST":
        return redirect("welfare:grant_detail", pk=grant.pk)
    return _step(request, grant, grant_approve)


@scoped_view(RoleKind.CADRE)
def grant_pay_view(request, pk):
    grant = _grant(request, pk)
    form = PayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _step(request, grant, grant_pay, paid_on=form.cleaned_data["paid_on"])
    return render(request, "welfare/grant_pay.html", {"grant": grant, "form": form})


@scoped_view()
def grants_waiting(request):
    """Grants awaiting approval (officials approve many at once) or payment (cadres)."""
    scope = request.scope
    grants = _grants(request).order_by("date", "pk")
    if request.method == "POST":
        chosen = grants.filter(pk__in=[id_param(pk) for pk in request.POST.getlist("grant")])
        action = request.POST.get("action")
        try:
            if action == "approve":
                if not scope.can_review:
                    raise PermissionDenied(_("Your role does not allow this action."))
                count = grants_approve(list(chosen.filter(status=GrantStatus.APPLIED)),
                                       actor=request.user)
            else:
                if not scope.can_write:
                    raise PermissionDenied(_("Your role does not allow this action."))
                form = PayForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Give the date of payment."))
                count = grants_pay(list(chosen.filter(status=GrantStatus.APPROVED)),
                                   actor=request.user, paid_on=form.cleaned_data["paid_on"])
        except ValidationError as error:
            messages.error(request, _("Nothing was saved: %(reason)s")
                           % {"reason": error_text(error)})
        else:
            messages.success(request, _("Saved %(count)d rows.") % {"count": count})
        return redirect("welfare:grants_waiting")
    return render(request, "welfare/grants_waiting.html", {
        "applied": grants.filter(status=GrantStatus.APPLIED)[:200],
        "approved": grants.filter(status=GrantStatus.APPROVED)[:200],
        "pay_form": PayForm()})


def _batch_organisation(request):
    """The union whose members the rows offer: ``?organisation=``, else the active one."""
    organisations = request.scope.organisations()
    chosen = id_param(request.GET.get("organisation"))
    if chosen is not None:
        found = organisations.filter(pk=chosen).first()
        if found is not None:
            return found
    return request.scope.organisation


@scoped_view(RoleKind.CADRE)
def grants_batch(request):
    """A festival round of visits to many people on one page: all rows saved, or none."""
    organisation = _batch_organisation(request)
    header = BatchHeaderForm(request.POST or None, initial={"date": today()})
    header_ok = request.method == "POST" and header.is_valid()
    formset = BatchFormSet(request.POST or None, queryset=AidGrant.objects.none(),
                           form_kwargs={"organisation": organisation, "scope": request.scope,
                                        "header": header.cleaned_data if header_ok else None})
    warnings: list[str] = []
    if header_ok and formset.is_valid():
        grants = [form.instance for form in formset.forms if form.has_changed()]
        if not grants:
            messages.error(request, _("Fill in at least one row."))
        else:
            try:
                count = grants_batch_save(grants, actor=request.user,
                                          confirm_warnings=_confirmed(request))
            except RuleWarnings as error:
                warnings = error.messages
            except (ValidationError, PermissionDenied) as error:
                messages.error(request, _("Nothing was saved: %(reason)s")
                               % {"reason": error_text(error)})
            else:
                messages.success(request, _("Saved %(count)d rows.") % {"count": count})
                return redirect("welfare:grants_waiting")
    return render(request, "welfare/grant_batch.html", {
        "header": header, "formset": formset, "organisation": organisation,
        "organisations": request.scope.organisations(), "warnings": warnings})
