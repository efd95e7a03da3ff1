from django.utils.translation import gettext_lazy as _

from migralocal.core.navigation import NavEntry

ENTRIES = [
    NavEntry(
        _("Find help"),
        "directory:search",
        description=_("Find information hubs and services near you, in your language."),
        order=5,
    ),
    NavEntry(
        _("What to do if…"),
        "directory:pathway_list",
        description=_("Step-by-step referral pathways for urgent situations."),
        order=6,
    ),
    NavEntry(
        _("My hubs"),
        "directory:manage",
        "directory.keep_listings",
        _("Keep your hub's hours, contacts and services current, in both languages."),
        order=15,
    ),
]
