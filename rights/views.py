"""The section's pages: an index, five registers (through ``ledger.crud``) and resolutions."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ledger.crud import Column, RecordPages, error_text, selected_year, year_choices
from organisations.models import RoleKind
from organisations.scope import get_in_scope, scoped_view
from rights import clocks
from rights.forms import (
    ContractForm,
    DisputeForm,
    MotionForm,
    PetitionForm,
    ResolutionForm,
    SessionForm,
)
from rights.models import (
    CollectiveContract,
    CongressSession,
    LabourDispute,
    Motion,
    Petition,
    Resolution,
)
from rights.report import democratic_management, rights_protection
from rights.services import resolution_delete, resolution_save

CONTRACT_WARN_DAYS = 90
FLAGGED_SHOWN = 100  # like the overdue motions and ending contracts: the list stays a page


def _today() -> dt.date:
    return timezone.localdate()


def clock_badges(dispute) -> str:
    """Badges for the clocks of a case: grey within the limit, amber near it, red past it."""
    colours = {clocks.ClockStatus.OK: "secondary", clocks.ClockStatus.NEAR: "warning",
               clocks.ClockStatus.PAST: "danger"}
    return format_html_join(
        " ", '<span class="badge text-bg-{} clock-{}" title="{}">{} {} · {}</span>',
        ((colours[c.status], c.status, c.status_label, c.label, c.deadline.isoformat(),
          c.status_label) for c in dispute.clocks(_today()))) or "—"


def _motion_list(request):
    overdue = Motion.objects.in_scope(request.scope).overdue(_today()).select_related(
        "organisation").order_by("reply_deadline")
    return {"overdue_motions": overdue[:100]}


def _motion_detail(request, motion):
    return {"overdue": motion.is_overdue(_today()),
            "merged_motions": motion.merged_motions.all()}


def _contract_list(request):
    ending = CollectiveContract.objects.in_scope(request.scope).ending_within(
        _today(), CONTRACT_WARN_DAYS).select_related("organisation").order_by("end_date")
    return {"ending_contracts": ending[:100], "contract_warn_days": CONTRACT_WARN_DAYS}


def _contract_detail(request, contract):
    today = _today()
    return {"in_force": contract.date <= today <= contract.end_date,
            "ends_in": (contract.end_date - today).days,
            "contract_warn_days": CONTRACT_WARN_DAYS}


def _dispute_list(request):
    cases = LabourDispute.objects.in_scope(request.scope).open().select_related("organisation")
    return {"flagged_cases": clocks.flagged_cases(cases, _today())[:FLAGGED_SHOWN]}


def _dispute_detail(request, dispute):
    return {"clocks": dispute.clocks(_today())}


def _session_detail(request, session):
    return {"resolutions": session.resolutions.all(),
            "session_motions": session.motions.count()}


register = partial(RecordPages, namespace="rights", nav_include="rights/_breadcrumb.html")

REGISTERS = [
    register(model=CongressSession, form_class=SessionForm, prefix="session_",
             route="sessions/", list_title=gettext_lazy("Congress sessions"),
             add_label=gettext_lazy("Add session"),
             columns=(Column(label=gettext_lazy("session"), value=str), "date",
                      "delegates_elected", "delegates_present"),
             detail_context=_session_detail, detail_include="rights/_session.html"),
    register(model=Motion, form_class=MotionForm, prefix="motion_", route="motions/",
             list_title=gettext_lazy("Motions"), add_label=gettext_lazy("Add motion"),
             columns=("number", "title", "date", "submitter", "review_outcome",
                      "reply_deadline", "reply_date", "implementation"),
             list_context=_motion_list, list_include="rights/_motions_overdue.html",
             detail_context=_motion_detail, detail_include="rights/_motion.html"),
    register(model=CollectiveContract, form_class=ContractForm, prefix="contract_",
             route="contracts/", list_title=gettext_lazy("Collective contracts"),
             add_label=gettext_lazy("Add contract"),
             columns=("title", "contract_type", "scope", "date", "end_date",
                      "workers_covered"),
             list_context=_contract_list, list_include="rights/_contracts_ending.html",
             detail_context=_contract_detail, detail_include="rights/_contract.html"),
    register(model=LabourDispute, form_class=DisputeForm, prefix="dispute_",
             route="disputes/", list_title=gettext_lazy("Labour disputes"),
             add_label=gettext_lazy("Add dispute"),
             columns=("subject", "dispute_type", "date", "workers_involved", "amount",
                      "outcome", "closed_on",
                      Column(label=gettext_lazy("time limits"), value=clock_badges)),
             list_context=_dispute_list, list_include="rights/_disputes_flagged.html",
             detail_context=_dispute_detail, detail_include="rights/_dispute.html"),
    register(model=Petition, form_class=PetitionForm, prefix="petition_",
             route="petitions/", list_title=gettext_lazy("Petitions"),
             add_label=gettext_lazy("Add petition"),
             columns=("subject", "date", "petitioners", "handled_on", "outcome")),
]


@scoped_view()
def index(request):
    year = selected_year(request)
    organisation = request.scope.organisation
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    scope = request.scope
    today = _today()
    return render(request, "rights/index.html", {
        "year": year, "years": year_choices(), "registers": REGISTERS,
        "democracy": democratic_management(organisation, start, end),
        "protection": rights_protection(organisation, start, end),
        "overdue_motions": Motion.objects.in_scope(scope).overdue(today).count(),
        "ending_contracts": CollectiveContract.objects.in_scope(scope).ending_within(
            today, CONTRACT_WARN_DAYS).count(),
        "flagged_cases": len(clocks.flagged_cases(
            LabourDispute.objects.in_scope(scope).open(), today)),
    })


def _sessions(request):
    return CongressSession.objects.in_scope(request.scope).select_related("organisation")


def _resolutions(request):
    return Resolution.objects.select_related("session__organisation")


def _edit_resolution(request, resolution):
    form = ResolutionForm(request.POST or None, instance=resolution, scope=request.scope)
    if (request.method == "POST" and form.is_valid()
            and form.save_with(resolution_save, actor=request.user) is not None):
        messages.success(request, _("Saved."))
        return redirect("rights:session_detail", pk=resolution.session_id)
    return render(request, "rights/resolution_form.html",
                  {"form": form, "resolution": resolution, "session": resolution.session})


@scoped_view(RoleKind.CADRE)
def resolution_create(request, pk):
    session = get_in_scope(request.scope, _sessions(request), pk=pk)
    return _edit_resolution(request, Resolution(session=session))


@scoped_view(RoleKind.CADRE)
def resolution_update(request, pk):
    resolution = get_in_scope(request.scope, _resolutions(request),
                              field="session__organisation", pk=pk)
    return _edit_resolution(request, resolution)


@scoped_view(RoleKind.CADRE)
def resolution_delete_view(request, pk):
    resolution = get_in_scope(request.scope, _resolutions(request),
                              field="session__organisation", pk=pk)
    if request.method == "POST":
        try:
            resolution_delete(resolution, actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Deleted."))
        return redirect("rights:session_detail", pk=resolution.session_id)
    return render(request, "rights/resolution_confirm_delete.html",
                  {"resolution": resolution, "session": resolution.session})
