from django.utils.translation import gettext_lazy as _

from migralocal.core.navigation import NavEntry

ENTRIES = [
    NavEntry(
        _("Cash assistance"),
        "assistance:list",
        "assistance.browse_programmes",
        description=_("Cash transfer programmes: households registered and probable duplicates."),
        order=85,
    ),
]
