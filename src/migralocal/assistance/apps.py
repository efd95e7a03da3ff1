from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    default = True
    name = "migralocal.assistance"
    label = "assistance"
    verbose_name = _("Cash assistance: transfers to vulnerable households")

    def ready(self) -> None:
        from migralocal.assistance import audit, permissions  # noqa: F401  (registers both)
        from migralocal.assistance.models import AssistanceStaff
        from migralocal.core.role_cache import changes_roles

        # Assistance staff reach identifying details: two-factor authentication (core) reads it.
        changes_roles(AssistanceStaff)
