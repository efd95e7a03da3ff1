"""The e-mails Learning sends, each in the language of the person it is for."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from migralocal.core.models import Membership
from migralocal.learning.models import (
    Decision,
    JoinRequest,
    MentoringRequest,
    OrganisationApplication,
    Registration,
)


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


def send_application_answer(*, application: OrganisationApplication, site_url: str) -> None:
    """Tell the applicant, in the language they applied in, that the organisation's application
    was approved or declined (with the reason)."""
    if not application.contact_email:  # erased on the person's request
        return
    with translation.override(application.language or settings.LANGUAGE_CODE):
        approved = application.status == Decision.APPROVED
        target = (
            reverse("learning:organisation_members", kwargs={"slug": application.organisation.slug})
            if approved and application.organisation
            else application.get_absolute_url()
        )
        context = {
            "name": application.name,
            "approved": approved,
            "reason": application.decline_reason,
            "link": _absolute(site_url, target),
        }
        body = render_to_string("learning/emails/application_answer.txt", context)
        subject = (
            _("%(name)s has joined the community")
            if approved
            else _("Your application to join the community was declined")
        ) % {"name": application.name}
        send_mail(subject, body, None, [application.contact_email])


def send_join_request_answer(*, join_request: JoinRequest, site_url: str) -> None:
    """Tell the person who asked to join an organisation what its administrators answered."""
    person = join_request.user
    if not person.email:
        return
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        approved = join_request.status == Decision.APPROVED
        roles = Membership.objects.filter(user=person, organisation=join_request.organisation)
        context = {
            "organisation": join_request.organisation.name,
            "approved": approved,
            "roles": ", ".join(str(m.get_role_display()) for m in roles),
            "reason": join_request.decline_reason,
            "link": _absolute(site_url, join_request.get_absolute_url()),
        }
        body = render_to_string("learning/emails/join_request_answer.txt", context)
        subject = (
            _("You have joined %(organisation)s")
            if approved
            else _("Your request to join %(organisation)s was declined")
        ) % {"organisation": join_request.organisation.name}
        send_mail(subject, body, None, [person.email])


def _questionnaire_links(registration: Registration, site_url: str) -> list[tuple[str, str]]:
    from migralocal.learning.agenda_services import answer_token

    token = answer_token(registration)
    return [
        (
            str(questionnaire.get_kind_display()),
            _absolute(
                site_url,
                reverse(
                    "learning:event_questionnaire_by_link",
                    kwargs={
                        "slug": registration.event.slug,
                        "kind": questionnaire.kind,
                        "token": token,
                    },
                ),
            ),
        )
        for questionnaire in registration.event.questionnaires.all()
    ]


def send_registration_confirmed(*, registration: Registration, site_url: str) -> None:
    """Confirm a place, in the language the person registered in, with the event's calendar
    file attached and linked, and a link to each of its questionnaires (no account needed)."""
    from migralocal.learning.calendar import event_calendar

    language = registration.language or settings.LANGUAGE_CODE
    with translation.override(language):
        event = registration.event
        event.set_current_language(translation.get_language())
        context = {
            "name": registration.name,
            "event": str(event),
            "link": _absolute(site_url, event.get_absolute_url()),
            "calendar": _absolute(
                site_url, reverse("learning:event_calendar", kwargs={"slug": event.slug})
            ),
            "questionnaires": _questionnaire_links(registration, site_url),
        }
        body = render_to_string("learning/emails/registration_confirmed.txt", context)
        subject = _("You are registered: %(event)s") % {"event": context["event"]}
        message = EmailMessage(subject, body, None, [registration.email])
        message.attach(
            f"{event.slug}.ics",
            event_calendar(event, language=language, site_url=site_url),
            "text/calendar",
        )
        message.send()


def send_questionnaire_invitation(*, registration: Registration, kind: str, site_url: str) -> None:
    """Invite a registrant to answer one of the event's questionnaires by its link."""
    from migralocal.learning.agenda_services import answer_token
    from migralocal.learning.models import Questionnaire

    with translation.override(registration.language or settings.LANGUAGE_CODE):
        event = registration.event
        event.set_current_language(translation.get_language())
        path = reverse(
            "learning:event_questionnaire_by_link",
            kwargs={"slug": event.slug, "kind": kind, "token": answer_token(registration)},
        )
        context = {
            "name": registration.name,
            "event": str(event),
            "kind": str(Questionnaire.Kind(kind).label),
            "link": _absolute(site_url, path),
        }
        body = render_to_string("learning/emails/questionnaire_invitation.txt", context)
        subject = _("%(kind)s: %(event)s") % {"kind": context["kind"], "event": context["event"]}
        send_mail(subject, body, None, [registration.email])
