from django.utils.translation import gettext_lazy as _

from migralocal.core.navigation import NavEntry

ENTRIES = [
    NavEntry(
        _("Technical assistance"),
        "assistance:list",
        description=_("Advice to governments on their plans, recommendation by recommendation."),
        permission="assistance.list_engagements",
        order=85,
    ),
]
