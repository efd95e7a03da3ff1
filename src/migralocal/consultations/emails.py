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


def referral_answer_notify(*, referral_id: int, status: str) -> int:
    """Tell the staff of the referring hub's organisation that the service referred to changed
    the referral to `status`, with a link to the consultation where they follow it up. Names the
    service and the status only. Returns the e-mails sent."""
    referral = (
        Referral.objects.filter(pk=referral_id)
        .select_related("consultation__hub", "service")
        .first()
    )
    if referral is None:
        return 0
    link = settings.SITE_URL.rstrip("/") + referral.consultation.get_absolute_url()
    staff = (
        Membership.objects.filter(
            organisation_id=referral.consultation.hub.operator_id,
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
        language = user.preferred_language or settings.LANGUAGE_CODE
        service = referral.service.safe_translation_getter(
            "name", language_code=language, any_language=True
        )
        with translation.override(language):
            names = {"service": str(service), "status": Referral.Status(status).label}
            subject = _("Referral to %(service)s: %(status)s") % names
            body = _(
                "The service %(service)s changed the status of a referral your hub made to "
                "it. New status: %(status)s. Follow the referral up here:\n\n%(link)s\n\n"
                "This message carries no details of the person referred."
            ) % {**names, "link": link}
        send_mail(subject, body, None, [user.email])
        sent += 1
    return sent
