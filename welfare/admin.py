"""Admin: the registers are shown with their history; writes go through the services.

Hardship cases, their reviews and grants are read-only here: a non-member's ID number is
validated and encrypted, rule warnings confirmed, and grants approved and paid only on the
portal's pages, which check all of it and answer a refusal with a message. Drives,
enrolments and rules are written through their services, with the same refusals as forms.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from ledger.admin import LedgerAdmin
from reports.text import money
from welfare.models import (
    AidGrant,
    AidRule,
    CaseReview,
    DonationDrive,
    HardshipCase,
    MutualAidEnrolment,
)
from welfare.services import drive_delete, drive_save, rule_delete, rule_save


class ReadOnlyLedgerAdmin(LedgerAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HardshipCase)
class HardshipCaseAdmin(ReadOnlyLedgerAdmin):
    list_display = ["date", "__str__", "organisation", "level", "household_size",
                    "monthly_income_per_head", "next_review_date"]
    list_filter = ["level"]
    search_fields = ["name", "member__name", "id_last4"]
    exclude = ["illness_details"]


@admin.register(CaseReview)
class CaseReviewAdmin(ReadOnlyLedgerAdmin):
    list_display = ["date", "case", "organisation", "status", "level", "next_review_date"]
    list_filter = ["status"]


@admin.register(AidGrant)
class AidGrantAdmin(ReadOnlyLedgerAdmin):
    list_display = ["date", "__str__", "organisation", "programme", "cash", "goods", "status"]
    list_filter = ["programme", "status", "visit_reason"]
    search_fields = ["collective_name", "member__name", "case__name"]
    exclude = ["illness"]


class DriveAdminForm(forms.ModelForm):
    class Meta:
        model = DonationDrive
        fields = ["organisation", "date", "title", "purpose", "donors", "total"]

    def clean_total(self):
        total = self.cleaned_data["total"]
        if self.instance.pk:
            paid_out = self.instance.paid_out()
            if total < paid_out:
                raise forms.ValidationError(_(
                    "The drive has already paid out %(paid)s: the total raised cannot be "
                    "less.") % {"paid": money(paid_out)})
        return total


@admin.register(DonationDrive)
class DonationDriveAdmin(LedgerAdmin):
    form = DriveAdminForm
    list_display = ["date", "title", "organisation", "donors", "total"]
    search_fields = ["title", "purpose"]

    def save_model(self, request, obj, form, change):
        drive_save(obj, actor=request.user)

    def delete_model(self, request, obj):
        drive_delete(obj, actor=request.user)

    def has_delete_permission(self, request, obj=None):
        """A drive that paid grants stays: its deletion is refused by the services."""
        return super().has_delete_permission(request, obj) and not (
            obj is not None and obj.grants.exists())

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_through_services", None)  # one by one, through drive_delete
        return actions


@admin.register(MutualAidEnrolment)
class MutualAidEnrolmentAdmin(LedgerAdmin):
    list_display = ["date", "unit", "organisation", "persons", "all_staff", "claims_paid"]
    list_filter = ["all_staff"]
    search_fields = ["unit"]


@admin.register(AidRule)
class AidRuleAdmin(SimpleHistoryAdmin):
    list_display = ["title", "organisation", "programme", "measure", "per", "limit", "action",
                    "active"]
    list_filter = ["action", "measure", "active"]
    autocomplete_fields = ["organisation"]
    search_fields = ["title", "source_document"]

    def save_model(self, request, obj, form, change):
        rule_save(obj, actor=request.user)

    def delete_model(self, request, obj):
        rule_delete(obj, actor=request.user)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions
