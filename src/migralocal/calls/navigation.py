from django.utils.translation import gettext_lazy as _

from migralocal.core.navigation import NavEntry

ENTRIES = [
    NavEntry(
        _("Calls"),
        "calls:list",
        description=_("Programmes' calls for municipalities to join a certification cohort."),
        order=81,
    ),
]
