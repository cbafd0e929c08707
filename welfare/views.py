"""The welfare section's pages: an overview, and the registers declared once.

Mutual aid enrolments and donation drives use the shared record pages (``ledger.crud``).
Hardship cases and grants have their own pages (``views_cases``, ``views_grants``) because
they mask illness details by role, and grants have a workflow and rule warnings; their
list and delete pages still come from the declarations below. Rules: ``views_rules``.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ledger.crud import Column, RecordPages, selected_year, year_choices
from organisations.scope import scoped_view
from welfare.choices import GrantStatus
from welfare.forms import CaseForm, DriveForm, EnrolmentForm, GrantForm
from welfare.models import AidGrant, DonationDrive, HardshipCase, MutualAidEnrolment
from welfare.report import SECTIONS, welfare_figures
from welfare.services import (
    case_delete,
    drive_delete,
    drive_save,
    enrolment_copy,
    enrolment_delete,
    enrolment_save,
    grant_delete,
)

NAV = "welfare/_nav.html"
SECTION = SECTIONS[0]


class GrantPages(RecordPages):
    def records(self, request):
        return super().records(request).select_related("member", "case__member")


def _waiting_grants(request) -> dict:
    waiting = AidGrant.objects.in_scope(request.scope).filter(
        status__in=(GrantStatus.APPLIED, GrantStatus.APPROVED))  # a partial index's rows
    counts = waiting.aggregate(
        applied=Count("pk", filter=Q(status=GrantStatus.APPLIED)),
        approved=Count("pk", filter=Q(status=GrantStatus.APPROVED)))
    return {"grants_applied": counts["applied"], "grants_approved": counts["approved"]}


def _drive_detail(request, drive):
    paid_out = drive.paid_out()
    return {"drive_grants": drive.grants.select_related("organisation", "member",
                                                        "case__member"),
            "paid_out": paid_out, "balance": drive.total - paid_out}


register = partial(RecordPages, namespace="welfare", nav_include=NAV)

case_pages = register(model=HardshipCase, form_class=CaseForm, prefix="case_", route="cases/",
                      list_title=gettext_lazy("Hardship register"), delete=case_delete)
grant_pages = GrantPages(
    model=AidGrant, form_class=GrantForm, namespace="welfare", nav_include=NAV,
    prefix="grant_", route="grants/", list_title=gettext_lazy("Aid grants"),
    add_label=gettext_lazy("Add grant"), delete=grant_delete,
    columns=("date", "programme",
             Column(label=gettext_lazy("recipient"), value=lambda g: g.recipient_name),
             "cash", "goods", "status"),
    list_include="welfare/_grants_waiting.html", list_context=_waiting_grants)
enrolment_pages = register(
    model=MutualAidEnrolment, form_class=EnrolmentForm, prefix="enrolment_",
    route="enrolments/", list_title=gettext_lazy("Mutual medical aid"),
    add_label=gettext_lazy("Add enrolment"), save=enrolment_save, delete=enrolment_delete,
    copy=enrolment_copy,
    columns=("unit", "date", "persons", "on_job_persons", "retired_persons", "ankang_persons",
             "special_persons", "all_staff", "claims_paid", "claims_amount"))
drive_pages = register(
    model=DonationDrive, form_class=DriveForm, prefix="drive_", route="drives/",
    list_title=gettext_lazy("Donation drives"), add_label=gettext_lazy("Add drive"),
    save=drive_save, delete=drive_delete,
    columns=("title", "date", "purpose", "donors", "total"),
    detail_include="welfare/_drive.html", detail_context=_drive_detail)


def today() -> dt.date:
    return timezone.localdate()


@scoped_view()
def index(request):
    """The year at a glance: the section's headline figures, tables and default text,
    and what waits for someone (reviews overdue, grants to approve or pay)."""
    year = selected_year(request)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    organisation = request.scope.organisation
    figures = welfare_figures(organisation, start, end)
    return render(request, "welfare/index.html", {
        "year": year, "years": year_choices(), "figures": figures,
        "headlines": SECTION.headlines(figures), "tables": SECTION.tables(figures),
        "paragraph": SECTION.paragraph(figures, None),
        "overdue_reviews": HardshipCase.objects.in_scope(request.scope).review_overdue(
            today()).count(),
        **_waiting_grants(request),
    })
