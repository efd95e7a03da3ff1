from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    default = True
    name = "migralocal.learning"
    label = "learning"
    verbose_name = _("Learning: courses, paths, events, mentoring and community")

    def ready(self) -> None:
        from migralocal.learning import audit, permissions  # noqa: F401  (registers audit and rules)
