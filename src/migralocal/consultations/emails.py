"""The e-mails of the consultation log, each in the language of the person it is for. They name
services and counts, never the person referred."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from migralocal.consultations.models import Referral
from migralocal.core.models import Membership
from migralocal.core.roles import OrganisationRole


def incoming_referrals_notify(*, referral_ids: Iterable[int]) -> int:
    """Tell the hub staff of each organisation that runs a service referred to how many new
    referrals it received, with a link to its incoming referrals. Returns the e-mails sent."""
    counts: dict[int, int] = defaultdict(int)
    referrals = Referral.objects.filter(pk__in=list(referral_ids)).select_related("service__hub")
    for referral in referrals:
        hub = referral.service.hub
        if hub is not None:
            counts[hub.operator_id] += 1
    if not counts:
        return 0
    link = settings.SITE_URL.rstrip("/") + reverse("consultations:incoming")
    staff = (
        Membership.objects.filter(
            organisation_id__in=counts,
            role=OrganisationRole.HUB_STAFF,
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("pk")
    )
    sent = 0
    for membership in staff:
        user = membership.user
        count = counts[membership.organisation_id]
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            subject = ngettext(
                "%(count)d new referral to your services",
                "%(count)d new referrals to your services",
                count,
            ) % {"count": count}
            body = _(
                "Hubs have referred people to the services your organisation runs. The "
                "referrals are waiting for you to accept or decline them:\n\n%(link)s\n\n"
                "This message carries no details of the people referred."
            ) % {"link": link}
        send_mail(subject, body, None, [user.email])
        sent += 1
    return sent
