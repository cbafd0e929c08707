from django.contrib import admin

from competitions.models import Competition, CompetitionEntry, Honour, RationalisationProposal
from ledger.admin import LedgerAdmin
from ledger.services import child_delete, child_save


class ChildrenThroughServices:
    """Inline rows are saved and deleted through the services, checked against the parent."""

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            self.delete_child(obj, form.instance, request.user)
        for obj in instances:
            child_save(obj, parent=form.instance, actor=request.user)
        formset.save_m2m()

    def delete_child(self, obj, parent, actor):
        child_delete(obj, parent=parent, actor=actor)


class EntryInline(admin.TabularInline):
    """Entries in the admin: the competition's own form (and its lock check) saves them."""

    model = CompetitionEntry
    fields = ["name", "member", "headcount", "trade", "placing", "award"]
    raw_id_fields = ["member"]
    extra = 0


@admin.register(Competition)
class CompetitionAdmin(ChildrenThroughServices, LedgerAdmin):
    list_display = ["date", "title", "kind", "organiser", "level", "organisation"]
    list_filter = ["kind", "organiser", "level"]
    search_fields = ["title", "trades"]
    inlines = [EntryInline]


@admin.register(RationalisationProposal)
class RationalisationProposalAdmin(LedgerAdmin):
    list_display = ["date", "title", "submitters", "campaign", "grade", "adopted",
                    "organisation"]
    list_filter = ["kind", "grade", "adopted"]
    search_fields = ["title", "submitters", "campaign"]


@admin.register(Honour)
class HonourAdmin(LedgerAdmin):
    list_display = ["date", "name", "title", "level", "awarding_body", "organisation"]
    list_filter = ["title", "level", "recipient"]
    search_fields = ["name", "awarding_body"]
    raw_id_fields = ["member"]
