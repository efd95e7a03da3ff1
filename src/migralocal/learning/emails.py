"""The e-mails Learning sends, each in the language of the person it is for."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from migralocal.learning.models import MentoringRequest, Registration


def _absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + path


def send_place_freed(*, registration: Registration, site_url: str) -> None:
    """Tell the first person on the waiting list that a place was freed for them."""
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        event = registration.event
        context = {
            "name": registration.name,
            "event": str(event),
            "link": _absolute(site_url, event.get_absolute_url()),
        }
        body = render_to_string("learning/emails/place_freed.txt", context)
        subject = _("A place is yours: %(event)s") % {"event": context["event"]}
        send_mail(subject, body, None, [registration.email])


def send_mentoring_answer(*, request: MentoringRequest, site_url: str) -> None:
    """Tell whoever asked for mentoring that their request was accepted or declined."""
    asker = request.requested_by
    if asker is None or not asker.email:
        return
    with translation.override(asker.preferred_language or settings.LANGUAGE_CODE):
        accepted = request.status == MentoringRequest.Status.ACCEPTED
        target = request.engagement if accepted and request.engagement else request
        context = {
            "organisation": request.organisation.name,
            "accepted": accepted,
            "reason": request.decline_reason,
            "link": _absolute(site_url, target.get_absolute_url()),
        }
        body = render_to_string("learning/emails/mentoring_answer.txt", context)
        subject = (
            _("Mentoring for %(organisation)s starts")
            if accepted
            else _("Your mentoring request was declined")
        ) % {"organisation": request.organisation.name}
        send_mail(subject, body, None, [asker.email])
