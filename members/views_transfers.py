"""会员关系转接: the sending union asks, the receiving union answers; both see the history."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ledger.crud import error_text
from members.models import Member, MemberTransfer, TransferStatus
from members.services import transfer_accept, transfer_cancel, transfer_decline, transfer_request
from organisations.models import Level, Organisation, RoleKind, subtree_q
from organisations.scope import get_in_scope, scoped_view

RECEIVING_LEVELS = [Level.STREET, Level.COMMUNITY, Level.GRASSROOTS, Level.BRANCH]


class TransferRequestForm(forms.Form):
    to_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(level__in=RECEIVING_LEVELS),
        label=gettext_lazy("receiving union"), widget=forms.RadioSelect)
    reason = forms.CharField(label=gettext_lazy("reason"), max_length=200, required=False)


def _receiving_candidates(query: str):
    """Unions a member may move to, anywhere in the system: names are not confidential."""
    if len(query.strip()) < 2:
        return Organisation.objects.none()
    return (Organisation.objects.filter(level__in=RECEIVING_LEVELS)
            .filter(name__contains=query.strip()) | Organisation.objects.filter(
                level__in=RECEIVING_LEVELS, credit_code=query.strip().upper()))[:20]


@scoped_view(RoleKind.CADRE)
def transfer_request_view(request, pk):
    member = get_in_scope(request.scope, Member.objects.select_related("organisation"), pk=pk)
    query = request.GET.get("q", "")
    form = TransferRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            transfer = transfer_request(member=member, actor=request.user,
                                        to_organisation=form.cleaned_data["to_organisation"],
                                        reason=form.cleaned_data["reason"])
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("Transfer requested: %(union)s will be asked to accept.")
                             % {"union": transfer.to_organisation})
            return redirect("members:transfer_detail", pk=transfer.pk)
    return render(request, "members/transfer_request.html", {
        "member": member, "form": form, "query": query,
        "candidates": _receiving_candidates(query),
    })


@scoped_view()
def transfer_list(request):
    transfers = MemberTransfer.objects.in_scope(request.scope).select_related(
        "member", "from_organisation", "to_organisation", "requested_by")
    root = [request.scope.organisation]
    pending = transfers.filter(status=TransferStatus.PENDING)
    return render(request, "members/transfer_list.html", {
        "incoming": pending.filter(subtree_q(root, prefix="to_organisation__")),
        "outgoing": pending.filter(subtree_q(root, prefix="from_organisation__")),
        "decided": transfers.exclude(status=TransferStatus.PENDING)[:100],
    })


def _transfer(request, pk) -> MemberTransfer:
    return get_in_scope(request.scope, MemberTransfer.objects.select_related(
        "member", "from_organisation", "to_organisation", "requested_by", "decided_by"), pk=pk)


@scoped_view()
def transfer_detail(request, pk):
    transfer = _transfer(request, pk)
    root = request.scope.organisation
    return render(request, "members/transfer_detail.html", {
        "transfer": transfer,
        "can_answer": request.scope.can_write and transfer.to_organisation.is_within(root)
        and transfer.status == TransferStatus.PENDING,
        "can_cancel": request.scope.can_write and transfer.from_organisation.is_within(root)
        and transfer.status == TransferStatus.PENDING,
    })


def _decide(request, pk, action, **kwargs):
    transfer = _transfer(request, pk)
    try:
        action(transfer=transfer, actor=request.user, **kwargs)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Done."))
    return redirect("members:transfer_detail", pk=transfer.pk)


@require_POST
@scoped_view(RoleKind.CADRE)
def transfer_accept_view(request, pk):
    return _decide(request, pk, transfer_accept, note=request.POST.get("note", ""))


@require_POST
@scoped_view(RoleKind.CADRE)
def transfer_decline_view(request, pk):
    return _decide(request, pk, transfer_decline, note=request.POST.get("note", ""))


@require_POST
@scoped_view(RoleKind.CADRE)
def transfer_cancel_view(request, pk):
    return _decide(request, pk, transfer_cancel)
