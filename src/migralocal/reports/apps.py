from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    default = True
    name = "migralocal.reports"
    label = "reports"
    verbose_name = _("Reports: the programme's results dashboard and exports")

    def ready(self) -> None:
        from migralocal.reports import audit, permissions  # noqa: F401  (registers audit and rules)
