"""Every page sits under a language prefix (/es/…, /en/…); the admin and the switcher do not."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from migralocal.core import offline
from migralocal.core import views as core_views
from migralocal.core.modules import modules_providing


def module_urls() -> list:
    """Each module that has pages mounts them under its own label: /es/directory/, …"""
    return [
        path(f"{config.label}/", include(module_name))
        for config, module_name in modules_providing("urls")
        if config.label != "core"
    ]


urlpatterns = [
    path("i18n/setlang/", core_views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("migralocal.api_urls")),
    # At the root, so that the service worker's scope is the whole site.
    path("sw.js", offline.service_worker, name="service_worker"),
    path("manifest.webmanifest", offline.manifest, name="manifest"),
    path("favicon.ico", RedirectView.as_view(url="/static/img/favicon.svg", permanent=True)),
    *i18n_patterns(
        path("accounts/", include("allauth.urls")),
        *module_urls(),
        path("", include("migralocal.core.urls")),
    ),
]

handler404 = "migralocal.core.api_schema.api_not_found"
