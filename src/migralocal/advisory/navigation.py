from django.utils.translation import gettext_lazy as _

from migralocal.core.navigation import NavEntry

ENTRIES = [
    NavEntry(
        _("Technical assistance"),
        "advisory:list",
        description=_("Advice to governments on their plans, recommendation by recommendation."),
        permission="advisory.list_engagements",
        order=85,
    ),
]
