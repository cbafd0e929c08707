"""Admin for ledger records: every save and delete goes through the ledger services.

A locked year is refused with the service's message on the form (change), on the page
(delete) and for bulk deletion, exactly as in the portal's own forms.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.admin import SimpleHistoryAdmin

from ledger.crud import error_text
from ledger.models import ChronicleEntry
from ledger.services import ledger_delete, ledger_save
from organisations.services import ensure_period_open


class LedgerAdmin(SimpleHistoryAdmin):
    date_hierarchy = "date"
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    actions = ["delete_through_services"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)

        class LockCheckedForm(form_class):
            def clean(self):
                cleaned = super().clean()
                places = []
                if self.instance.pk:
                    stored = type(self.instance).objects.get(pk=self.instance.pk)
                    places.append((stored.organisation, stored.date))
                if cleaned.get("organisation") and cleaned.get("date"):
                    places.append((cleaned["organisation"], cleaned["date"]))
                for organisation, date in places:
                    ensure_period_open(organisation, date)
                return cleaned

        return LockCheckedForm

    def save_model(self, request, obj, form, change):
        ledger_save(obj, actor=request.user)

    def delete_model(self, request, obj):
        ledger_delete(obj, actor=request.user)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None:
            try:
                ensure_period_open(obj.organisation, obj.date)
            except ValidationError as error:
                self.message_user(request, error_text(error), messages.ERROR)
                return HttpResponseRedirect(request.path.rsplit("/delete/", 1)[0] + "/change/")
        return super().delete_view(request, object_id, extra_context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description=gettext_lazy("Delete selected records (checks period locks)"),
                  permissions=["delete"])
    def delete_through_services(self, request, queryset):
        try:
            with transaction.atomic():
                count = 0
                for record in queryset.select_related("organisation"):
                    ledger_delete(record, actor=request.user)
                    count += 1
        except ValidationError as error:
            self.message_user(request, _("Nothing was deleted: %(reason)s")
                              % {"reason": error_text(error)}, messages.ERROR)
            return
        self.message_user(request, ngettext("Deleted %(count)d record.",
                                            "Deleted %(count)d records.", count)
                          % {"count": count})


@admin.register(ChronicleEntry)
class ChronicleEntryAdmin(LedgerAdmin):
    list_display = ["date", "title", "organisation", "created_by"]
    search_fields = ["title", "description"]
