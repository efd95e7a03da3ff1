from django.utils.translation import gettext_lazy as _

from migralocal.core.models import Actor
from migralocal.core.navigation import NavEntry


def _pending_incoming(user: Actor) -> int:
    from migralocal.consultations.selectors import pending_incoming_count

    return pending_incoming_count(user)


ENTRIES = [
    NavEntry(
        _("Consultations"),
        "consultations:home",
        "consultations.record_consultations",
        _("Record consultations, follow up referrals and see your hub's figures."),
        order=16,
    ),
    NavEntry(
        _("Incoming referrals"),
        "consultations:incoming",
        "consultations.view_incoming_referrals",
        _("Accept or decline the referrals hubs make to your services, and record the outcome."),
        order=17,
        counter=_pending_incoming,
    ),
    NavEntry(
        _("Consultation figures"),
        "consultations:area_dashboard",
        "consultations.view_area_dashboard",
        _("Consultations and referrals by country and municipality, small counts hidden."),
        order=40,
    ),
]
