from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    default = True
    name = "migralocal.consultations"
    label = "consultations"
    verbose_name = _("Consultations: the hubs' consultation log, referrals and evidence")

    def ready(self) -> None:
        from migralocal.consultations import audit, permissions  # noqa: F401  (registers audit and rules)
