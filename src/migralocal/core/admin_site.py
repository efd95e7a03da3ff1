from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class PlatformAdminSite(admin.AdminSite):
    """The Django admin, opened only to those the `core.access_admin` rule lets in."""

    site_header = _("MigraLocal administration")
    site_title = _("MigraLocal administration")
    index_title = _("Platform data")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff and user.has_perm("core.access_admin"))
