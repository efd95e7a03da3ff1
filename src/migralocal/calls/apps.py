from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    default = True
    name = "migralocal.calls"
    label = "calls"
    verbose_name = _("Calls and cohorts: municipalities that join a programme's certification")

    def ready(self) -> None:
        from migralocal.calls import audit, permissions  # noqa: F401  (registers both)
