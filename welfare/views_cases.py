"""The hardship register's pages: the list (with overdue reviews), a case, its reviews.

Illness details and a non-member's full ID number appear only for roles that handle cases
(``welfare.access``); such a view is written to the access log. The history table leaves
them out for everyone else.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ledger.crud import error_text
from ledger.history import history_rows
from organisations.models import RoleKind
from organisations.scope import get_in_scope, scoped_view
from welfare.access import handles_cases, log_full_view, readable_history
from welfare.choices import CaseStatus
from welfare.forms import CaseForm, ReviewForm
from welfare.models import AidGrant, CaseReview, HardshipCase
from welfare.services import case_save, review_delete, review_save
from welfare.views import today


def _cases(request):
    return HardshipCase.objects.in_scope(request.scope).select_related("organisation", "member")


def _case(request, pk):
    return get_in_scope(request.scope, _cases(request).with_state(), pk=pk)


@scoped_view()
def case_list(request):
    show = request.GET.get("show", CaseStatus.ON_FILE)
    query = request.GET.get("q", "").strip()
    cases = _cases(request).with_state().order_by("-date", "-pk")
    if show in CaseStatus.values:
        cases = cases.filter(state=show)
    if query:
        cases = cases.filter(Q(name__contains=query) | Q(member__name__contains=query)
                             | Q(id_last4=query))
    overdue = _cases(request).review_overdue(today()).order_by("review_due")
    return render(request, "welfare/case_list.html", {
        "page": Paginator(cases, 50).get_page(request.GET.get("page")), "show": show,
        "q": query, "statuses": CaseStatus.choices, "overdue": overdue[:100],
        "overdue_count": overdue.count()})


@scoped_view()
def case_detail(request, pk):
    case = _case(request, pk)
    sensitive = handles_cases(request.scope)
    if sensitive:
        log_full_view(request, case, _("Hardship case %(name)s (#%(pk)s)")
                      % {"name": case, "pk": case.pk})
    grants = (AidGrant.objects.in_scope(request.scope).filter(person_hash=case.id_hash)
              .select_related("organisation").order_by("-date", "-pk"))
    return render(request, "welfare/case_detail.html", {
        "case": case, "sensitive": sensitive,
        "document_number": (case.document_number if sensitive
                            else case.masked_document_number),
        "reviews": case.reviews.select_related("created_by").order_by("-date", "-pk"),
        "grants": grants[:100], "overdue": case.state == CaseStatus.ON_FILE
        and case.review_due < today(),
        "history": readable_history(history_rows(case), sensitive_visible=sensitive)})


def _edit_case(request, case):
    form = CaseForm(request.POST or None, instance=case, scope=request.scope)
    if request.method == "POST" and form.is_valid():
        saved = form.save_case(case_save, actor=request.user)
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect("welfare:case_detail", pk=saved.pk)
    return render(request, "ledger/record_form.html", {
        "form": form, "record": case, "verbose_name": HardshipCase._meta.verbose_name})


@scoped_view(RoleKind.CADRE)
def case_create(request):
    return _edit_case(request, HardshipCase(date=today()))


@scoped_view(RoleKind.CADRE)
def case_update(request, pk):
    return _edit_case(request, _case(request, pk))


# --- Reviews --------------------------------------------------------------------------------

def _review(request, pk):
    reviews = CaseReview.objects.in_scope(request.scope).select_related(
        "case__member", "case__organisation", "organisation")
    return get_in_scope(request.scope, reviews, pk=pk)


def _edit_review(request, review):
    form = ReviewForm(request.POST or None, instance=review, scope=request.scope)
    if (request.method == "POST" and form.is_valid()
            and form.save_with(review_save, actor=request.user) is not None):
        messages.success(request, _("Saved."))
        return redirect("welfare:case_detail", pk=review.case_id)
    return render(request, "ledger/record_form.html", {
        "form": form, "record": review,
        "verbose_name": _("review of %(case)s") % {"case": review.case}})


@scoped_view(RoleKind.CADRE)
def review_create(request, pk):
    case = _case(request, pk)
    return _edit_review(request, CaseReview(case=case, date=today(), level=case.state_level))


@scoped_view(RoleKind.CADRE)
def review_update(request, pk):
    return _edit_review(request, _review(request, pk))


@scoped_view(RoleKind.CADRE)
def review_delete_view(request, pk):
    review = _review(request, pk)
    if request.method == "POST":
        try:
            review_delete(review, actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Deleted."))
        return redirect("welfare:case_detail", pk=review.case_id)
    return render(request, "welfare/confirm_delete.html", {
        "title": _("review of %(case)s on %(date)s") % {"case": review.case,
                                                       "date": review.date.isoformat()},
        "cancel_url": "welfare:case_detail", "cancel_pk": review.case_id})
