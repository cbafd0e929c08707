from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from organisations.models import Organisation
from organisations.scope import SESSION_KEY, get_in_scope, pick_role, scoped_view


@scoped_view()
def organisation_tree(request):
    """The active subtree, in tree order, with direct-child counts in the same query."""
    organisations = list(request.scope.organisations().annotate(child_count=Count("children")))
    top = request.scope.organisation.depth
    for organisation in organisations:
        organisation.indent = organisation.depth - top
    return render(request, "organisations/tree.html", {
        "organisations": organisations, "today": timezone.localdate(),
    })


@scoped_view()
def organisation_detail(request, pk):
    organisation = get_in_scope(request.scope, Organisation.objects.select_related("parent"),
                                field="", pk=pk)
    return render(request, "organisations/detail.html", {
        "organisation": organisation,
        "children": organisation.children.all(),
        "subtree_size": Organisation.objects.subtree(organisation).count(),
        "today": timezone.localdate(),
    })


@require_POST
@login_required
def switch_role(request):
    """Make another of the user's roles the active one; unknown ids are ignored."""
    role, _roles = pick_role(request.user, request.POST.get("role"))
    if role is not None and str(role.pk) == request.POST.get("role"):
        request.session[SESSION_KEY] = role.pk
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    return HttpResponseRedirect(target)
