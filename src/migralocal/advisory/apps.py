from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    default = True
    name = "migralocal.advisory"
    label = "advisory"
    verbose_name = _("Technical assistance: advice to governments on their plans")

    def ready(self) -> None:
        from migralocal.advisory import audit, permissions  # noqa: F401  (registers both)
