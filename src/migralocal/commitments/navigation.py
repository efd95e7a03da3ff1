from django.utils.translation import gettext_lazy as _

from migralocal.core.navigation import NavEntry

ENTRIES = [
    NavEntry(
        _("Commitments"),
        "commitments:list",
        description=_("Browse and subscribe to what cities and organisations pledge and do."),
        order=60,
    ),
    NavEntry(
        _("Submit a commitment"),
        "commitments:submit",
        description=_("Publish a commitment, practice or programme of your city or organisation."),
        in_menu=False,
        order=61,
    ),
    NavEntry(
        _("Review commitments"),
        "commitments:queue",
        "commitments.view_moderation_queue",
        _("Verify, send back or reject the commitments submitted in your countries."),
        order=62,
    ),
]
