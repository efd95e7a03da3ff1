from django.utils.translation import gettext_lazy as _

from migralocal.core.navigation import NavEntry

ENTRIES = [
    NavEntry(
        _("Consultations"),
        "consultations:home",
        "consultations.record_consultations",
        _("Record consultations, follow up referrals and see your hub's figures."),
        order=16,
    ),
    NavEntry(
        _("Consultation figures"),
        "consultations:area_dashboard",
        "consultations.view_area_dashboard",
        _("Consultations and referrals by country and municipality, small counts hidden."),
        order=40,
    ),
]
