from django.utils.translation import gettext_lazy as _

from migralocal.core.navigation import NavEntry

ENTRIES = [
    NavEntry(
        _("Programmes"),
        "programmes:list",
        description=_("The funded programmes: their countries, donors, period and activities."),
        order=80,
    ),
]
