from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    default = True
    name = "migralocal.commitments"
    label = "commitments"
    verbose_name = _("Commitments: what cities and organisations pledge")

    def ready(self) -> None:
        from migralocal.commitments import audit, permissions  # noqa: F401  (registers both)
