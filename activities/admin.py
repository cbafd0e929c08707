from django.contrib import admin

from activities.models import Activity, ActivityPhoto, SubEvent
from activities.photos import photo_delete
from activities.services import activity_delete
from competitions.admin import ChildrenThroughServices
from ledger.admin import LedgerAdmin


class SubEventInline(admin.TabularInline):
    model = SubEvent
    extra = 0


class PhotoInline(admin.TabularInline):
    """Photos are attached in the portal (checked and re-encoded there); here they are
    listed and may be removed."""

    model = ActivityPhoto
    fields = ["thumbnail", "caption", "width", "height", "uploaded_at"]
    readonly_fields = ["thumbnail", "width", "height", "uploaded_at"]
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Activity)
class ActivityAdmin(ChildrenThroughServices, LedgerAdmin):
    list_display = ["date", "title", "category", "participants", "person_times",
                    "organisation"]
    list_filter = ["category"]
    search_fields = ["title", "description"]
    inlines = [SubEventInline, PhotoInline]

    def delete_child(self, obj, parent, actor):
        if isinstance(obj, ActivityPhoto):
            photo_delete(obj, actor=actor)
        else:
            super().delete_child(obj, parent, actor)

    def delete_model(self, request, obj):
        activity_delete(obj, actor=request.user)
