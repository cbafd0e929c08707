"""Admin for the register: saves go through ``members.services`` (same checks as the portal)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from members.models import Member, MemberTransfer
from members.services import MEMBER_FIELDS, member_check, member_save


class MemberAdminForm(forms.ModelForm):
    document_number = forms.CharField(
        label=_("document number"), required=False,
        help_text=_("Leave empty to keep the stored number."))

    class Meta:
        model = Member
        fields = ["organisation", *MEMBER_FIELDS]

    def _post_clean(self):
        """After the instance holds the form's values, apply the register's own rules."""
        super()._post_clean()
        number = (self.cleaned_data.get("document_number") or "").strip().upper() or None
        if self.instance.pk is None and not number:
            self.add_error("document_number", _("The document number is required."))
            return
        if number:
            self.instance.set_document_number(number)
        try:
            member_check(self.instance, number, self.request_user)
        except ValidationError as error:
            for field, messages in error.error_dict.items():
                self.add_error(field if field in self.fields else None, messages)


@admin.register(Member)
class MemberAdmin(SimpleHistoryAdmin):
    form = MemberAdminForm
    list_display = ["name", "organisation", "gender", "masked_document_number", "status",
                    "join_date"]
    list_filter = ["status", "gender", "employment_form", "document_type"]
    search_fields = ["name", "id_last4"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation"]
    show_full_result_count = False

    @admin.display(description=_("document number"))
    def masked_document_number(self, obj):
        return obj.masked_document_number

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.request_user = request.user
        return form

    def save_model(self, request, obj, form, change):
        number = (form.cleaned_data.get("document_number") or "").strip() or None
        member_save(obj, actor=request.user, document_number=number)


@admin.register(MemberTransfer)
class MemberTransferAdmin(SimpleHistoryAdmin):
    list_display = ["member", "from_organisation", "to_organisation", "status", "requested_at"]
    list_filter = ["status"]
    raw_id_fields = ["member"]
    readonly_fields = [f.name for f in MemberTransfer._meta.fields]

    def has_add_permission(self, request):
        return False
