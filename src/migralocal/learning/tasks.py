"""Background work of Learning: thin tasks that load by id and call a function."""

from __future__ import annotations

from django_tasks import task

from migralocal.learning import emails
from migralocal.learning.models import (
    JoinRequest,
    MentoringRequest,
    OrganisationApplication,
    Registration,
)


@task()
def send_place_freed(*, registration_id: int, site_url: str) -> None:
    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if registration is not None:
        emails.send_place_freed(registration=registration, site_url=site_url)


@task()
def send_mentoring_answer(*, request_id: int, site_url: str) -> None:
    request = (
        MentoringRequest.objects.select_related("organisation", "requested_by", "engagement")
        .filter(pk=request_id)
        .first()
    )
    if request is not None:
        emails.send_mentoring_answer(request=request, site_url=site_url)


@task()
def send_application_answer(*, application_id: int, site_url: str) -> None:
    application = (
        OrganisationApplication.objects.select_related("organisation")
        .filter(pk=application_id)
        .first()
    )
    if application is not None:
        emails.send_application_answer(application=application, site_url=site_url)


@task()
def send_join_request_answer(*, join_request_id: int, site_url: str) -> None:
    join_request = (
        JoinRequest.objects.select_related("organisation", "user")
        .filter(pk=join_request_id)
        .first()
    )
    if join_request is not None:
        emails.send_join_request_answer(join_request=join_request, site_url=site_url)


@task()
def send_registration_confirmed(*, registration_id: int, site_url: str) -> None:
    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if registration is not None:
        emails.send_registration_confirmed(registration=registration, site_url=site_url)


@task()
def send_questionnaire_invitations(*, questionnaire_id: int, site_url: str) -> None:
    from migralocal.learning.models import Questionnaire

    questionnaire = Questionnaire.objects.filter(pk=questionnaire_id).first()
    if questionnaire is None:
        return
    for registration in questionnaire.event.registrations.exclude(
        status=Registration.Status.CANCELLED
    ).select_related("event"):
        emails.send_questionnaire_invitation(
            registration=registration, kind=questionnaire.kind, site_url=site_url
        )
