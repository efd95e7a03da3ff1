from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    default = True
    name = "migralocal.core"
    label = "core"
    verbose_name = _("Core: places, organisations and people")

    def ready(self) -> None:
        from migralocal.core import (  # noqa: F401  (audit and permissions register on import)
            audit,
            permissions,
            public_cache,
            role_cache,
            translation_cache,
            two_factor_signals,
        )

        public_cache.connect_signals()
        role_cache.connect_signals()
        two_factor_signals.connect_signals()
        translation_cache.install()


class PlatformAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "migralocal.core.admin_site.PlatformAdminSite"
