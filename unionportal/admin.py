from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class UnionAdminSite(AdminSite):
    """The admin is for superusers only: cadres and officials work in the portal."""

    site_header = _("UnionPortal administration")
    site_title = _("UnionPortal administration")

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser


class UnionAdminConfig(AdminConfig):
    default_site = "unionportal.admin.UnionAdminSite"
