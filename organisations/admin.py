"""Admin for the union tree, roles and period locks.

The tree is listed in path order with names indented by depth. Changing an organisation's
parent moves its whole subtree; a cycle or a parent at the same or a lower level is refused
on the form with the service's message.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from organisations.models import Level, Organisation, PeriodLock, Role
from organisations.services import (
    ORGANISATION_FIELDS,
    check_placement,
    organisation_create,
    organisation_update,
)


class RegionFilter(admin.SimpleListFilter):
    """Filter by region: the subtree of a district or street federation."""

    title = _("region")
    parameter_name = "region"

    def lookups(self, request, model_admin):
        regions = Organisation.objects.filter(level__lte=Level.STREET).only("pk", "name")
        return [(str(r.pk), r.name) for r in regions]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        region = Organisation.objects.filter(pk=self.value()).first()
        return queryset.subtree(region) if region else queryset.none()


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["parent", *ORGANISATION_FIELDS]

    def clean(self):
        cleaned = super().clean()
        self.instance.level = cleaned.get("level", self.instance.level)
        try:
            check_placement(self.instance, cleaned.get("parent"))
        except ValidationError as error:
            self.add_error("parent", error.error_dict["parent"])
        return cleaned


class RoleInline(admin.TabularInline):
    model = Role
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    form = OrganisationForm
    list_display = ["tree_name", "level", "kind", "employee_count", "term_end"]
    list_filter = ["level", "kind", RegionFilter]
    search_fields = ["name", "short_name", "credit_code"]
    autocomplete_fields = ["parent"]
    inlines = [RoleInline]
    list_per_page = 100

    @admin.display(description=_("name"), ordering="path")
    def tree_name(self, obj):
        return format_html(
            '<span style="padding-left:{}em">{}{}</span>',
            (obj.depth - 1) * 1.5, "└ " if obj.depth > 1 else "", obj.name,
        )

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data.get(name) for name in ORGANISATION_FIELDS}
        parent = form.cleaned_data.get("parent")
        if change:
            saved = organisation_update(organisation=obj, parent=parent, actor=request.user,
                                        **fields)
        else:
            saved = organisation_create(parent=parent, actor=request.user, **fields)
        obj.pk, obj.path, obj.node_key = saved.pk, saved.path, saved.node_key


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):
    list_display = ["user", "kind", "organisation"]
    list_filter = ["kind", "organisation__level"]
    search_fields = ["user__username", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(PeriodLock)
class PeriodLockAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "year", "locked_by", "locked_at", "reason"]
    list_filter = ["year"]
    search_fields = ["organisation__name"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["locked_by", "locked_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.locked_by = request.user
        obj._history_user = request.user
        super().save_model(request, obj, form, change)
