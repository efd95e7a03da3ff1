from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    default = True
    name = "migralocal.directory"
    label = "directory"
    verbose_name = _("Directory: hubs, services and referral pathways")

    def ready(self) -> None:
        from migralocal.directory import audit, permissions  # noqa: F401  (registers audit and rules)
