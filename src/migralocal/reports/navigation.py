from django.utils.translation import gettext_lazy as _

from migralocal.core.navigation import NavEntry

ENTRIES = [
    NavEntry(
        _("Results dashboard"),
        "reports:dashboard",
        "reports.open_dashboard",
        _("The programme's indicators by country, municipality and period, with exports."),
        order=45,
    ),
    NavEntry(_("Public figures"), "reports:public", order=95),
]
