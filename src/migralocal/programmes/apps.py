from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    default = True
    name = "migralocal.programmes"
    label = "programmes"
    verbose_name = _("Programmes: the funded projects that own the work")

    def ready(self) -> None:
        from migralocal.programmes import audit, permissions  # noqa: F401  (registers both)
