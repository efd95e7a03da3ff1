from typing import Any

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _


class PlatformAdminSite(admin.AdminSite):
    """The Django admin, opened only to those the `core.access_admin` rule lets in."""

    site_header = _("MigraLocal administration")
    site_title = _("MigraLocal administration")
    index_title = _("Platform data")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff and user.has_perm("core.access_admin"))

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """Sign-in goes through allauth's page, which asks for the authenticator code and
        counts failures; the admin's own form would accept a password alone."""
        return secure_admin_login(super().login)(request, extra_context)
