from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activities.forms import ActivityForm, PhotoUploadForm, SubEventFormSet
from activities.models import Activity, ActivityPhoto
from activities.photos import photo_delete as photo_delete_service
from activities.photos import photos_attach
from activities.services import activity_copy, activity_delete, sub_events_save
from ledger.crud import RecordPages, children_view, error_text
from organisations.models import RoleKind
from organisations.scope import get_in_scope, scoped_view

activity_pages = RecordPages(
    model=Activity, form_class=ActivityForm, namespace="activities",
    columns=("date", "title", "category", "person_times"),
    record_title=lambda r: r.title, copy=activity_copy, delete=activity_delete,
    detail_include="activities/activity_parts.html",
    detail_context=lambda request, r: {"sub_events": r.sub_events.all(),
                                       "photos": r.photos.all()},
)

activity_events = children_view(
    activity_pages, formset_class=SubEventFormSet, children=lambda a: a.sub_events.all(),
    service=sub_events_save, heading=gettext_lazy("Sub-events and results"))


def _photos(request):
    return ActivityPhoto.objects.in_scope(request.scope).select_related(
        "activity__organisation")


@scoped_view(RoleKind.CADRE)
def activity_photos(request, pk):
    activity = activity_pages.get(request, pk)
    form = PhotoUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            added = photos_attach(activity=activity, files=form.cleaned_data["photos"],
                                  actor=request.user, caption=form.cleaned_data["caption"])
        except (ValidationError, PermissionDenied) as error:
            form.add_error("photos" if isinstance(error, ValidationError) else None,
                           error_text(error))
        else:
            messages.success(request, _("%(count)d photos attached.") % {"count": len(added)})
            return redirect("activities:detail", pk=activity.pk)
    return render(request, "activities/photo_upload.html", {"activity": activity, "form": form})


@scoped_view()
def photo_file(request, pk, size):
    """A photo (size "large") or its thumbnail ("thumb"), only within the subtree."""
    photo = get_in_scope(request.scope, _photos(request), pk=pk)
    if size not in ("large", "thumb"):
        raise Http404
    field = photo.image if size == "large" else photo.thumbnail
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, content_type="image/jpeg")


@scoped_view(RoleKind.CADRE)
def photo_delete(request, pk):
    photo = get_in_scope(request.scope, _photos(request), pk=pk)
    if request.method == "POST":
        try:
            photo_delete_service(photo, actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Deleted."))
        return redirect("activities:detail", pk=photo.activity_id)
    return render(request, "activities/photo_confirm_delete.html", {"photo": photo})
