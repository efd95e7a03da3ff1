from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    default = True
    name = "migralocal.assessments"
    label = "assessments"
    verbose_name = _("Assessments: governance diagnostic and certification")

    def ready(self) -> None:
        from migralocal.assessments import audit, permissions  # noqa: F401  (registers them)
