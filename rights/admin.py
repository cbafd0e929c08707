"""Admin: ledger records through ``LedgerAdmin``; resolutions through ``rights.services``."""

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ledger.admin import LedgerAdmin
from organisations.services import ensure_period_open
from rights.models import (
    CollectiveContract,
    CongressSession,
    LabourDispute,
    Motion,
    Petition,
    Resolution,
)
from rights.services import resolution_delete, resolution_save


@admin.register(CongressSession)
class CongressSessionAdmin(LedgerAdmin):
    list_display = ["date", "__str__", "organisation", "delegates_elected",
                    "delegates_present"]
    list_filter = ["kind"]


@admin.register(Motion)
class MotionAdmin(LedgerAdmin):
    list_display = ["date", "number", "title", "organisation", "review_outcome",
                    "reply_deadline", "reply_date", "implementation"]
    list_filter = ["review_outcome", "implementation", "category"]
    search_fields = ["number", "title", "submitter"]
    raw_id_fields = ["session", "merged_into"]


@admin.register(CollectiveContract)
class CollectiveContractAdmin(LedgerAdmin):
    list_display = ["date", "title", "organisation", "contract_type", "scope", "end_date",
                    "workers_covered"]
    list_filter = ["contract_type", "scope"]
    search_fields = ["title", "employer_party"]


@admin.register(LabourDispute)
class LabourDisputeAdmin(LedgerAdmin):
    list_display = ["date", "subject", "organisation", "dispute_type", "channel", "outcome",
                    "closed_on"]
    list_filter = ["dispute_type", "channel", "outcome"]
    search_fields = ["subject", "employer"]


@admin.register(Petition)
class PetitionAdmin(LedgerAdmin):
    list_display = ["date", "subject", "organisation", "handled_on", "outcome"]
    list_filter = ["outcome"]
    search_fields = ["subject"]


class ResolutionAdminForm(forms.ModelForm):
    class Meta:
        model = Resolution
        fields = ["session", "title", "votes_for", "votes_against", "votes_abstain"]

    def clean(self):
        cleaned = super().clean()
        sessions = [cleaned.get("session")]
        if self.instance.pk:
            sessions.append(Resolution.objects.get(pk=self.instance.pk).session)
        for session in filter(None, sessions):
            ensure_period_open(session.organisation, session.date)
        return cleaned


@admin.register(Resolution)
class ResolutionAdmin(SimpleHistoryAdmin):
    form = ResolutionAdminForm
    list_display = ["title", "session", "votes_for", "votes_against", "votes_abstain"]
    raw_id_fields = ["session"]
    search_fields = ["title"]

    def save_model(self, request, obj, form, change):
        resolution_save(obj, actor=request.user)

    def delete_model(self, request, obj):
        resolution_delete(obj, actor=request.user)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions
