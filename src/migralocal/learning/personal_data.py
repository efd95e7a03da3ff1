"""What Learning holds about a person, for `core.person_requests`: enrolments, certificates,
event registrations and attendance (by account or by the e-mail given at registration),
self-assessments they submitted, engagements they mentor, mentoring they asked for, paths they
follow and community contacts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Q, QuerySet

from migralocal.core.models import User
from migralocal.learning.models import (
    Certificate,
    CommunityProfile,
    Enrolment,
    JoinRequest,
    MentoringEngagement,
    MentoringRequest,
    OrganisationApplication,
    PathFollow,
    Registration,
    SelfAssessment,
)

ERASED_DOMAIN = "erased.invalid"


def _registrations(user: User | None, email: str) -> QuerySet[Registration]:
    wanted = Q(email__iexact=email)
    if user is not None:
        wanted |= Q(user=user)
    return Registration.objects.filter(wanted).select_related("event", "organisation")


def export_person(*, user: User | None, email: str, references: Sequence[str]) -> dict[str, Any]:
    enrolments = (
        Enrolment.objects.filter(user=user).select_related("course", "organisation")
        if user
        else Enrolment.objects.none()
    )
    return {
        "enrolments": [
            {
                "course": enrolment.course.slug,
                "organisation": enrolment.organisation.slug if enrolment.organisation else "",
                "enrolled_at": enrolment.enrolled_at,
                "completed_at": enrolment.completed_at,
                "lessons_completed": enrolment.completions.count(),
                "quiz_attempts": [
                    {"quiz": attempt.quiz_id, "score": attempt.score, "passed": attempt.passed}
                    for attempt in enrolment.attempts.all()
                ],
            }
            for enrolment in enrolments
        ],
        "certificates": [
            {"number": certificate.number, "learner_name": certificate.learner_name}
            for certificate in Certificate.objects.filter(enrolment__in=enrolments)
        ],
        "event_registrations": [
            {
                "event": registration.event.slug,
                "name": registration.name,
                "email": registration.email,
                "gender": registration.gender,
                "role": registration.role,
                "organisation": registration.organisation.slug
                if registration.organisation
                else registration.organisation_name,
                "department": registration.department,
                "status": registration.status,
                "registered_at": registration.registered_at,
                "attended_at": registration.attended_at,
                "questionnaires": [
                    {
                        "kind": response.questionnaire.kind,
                        "score": response.score,
                        "answers": response.answers,
                        "comment": response.comment,
                        "submitted_at": response.submitted_at,
                    }
                    for response in registration.questionnaire_responses.select_related(
                        "questionnaire"
                    )
                ],
            }
            for registration in _registrations(user, email)
        ],
        "self_assessments_submitted": [
            {"organisation": assessment.organisation.slug, "submitted_at": assessment.submitted_at}
            for assessment in SelfAssessment.objects.filter(submitted_by=user).select_related(
                "organisation"
            )
        ]
        if user
        else [],
        "mentoring_engagements_as_mentor": list(
            MentoringEngagement.objects.filter(mentor=user).values_list("pk", flat=True)
        )
        if user
        else [],
        "paths_followed": list(
            PathFollow.objects.filter(user=user).values_list("path__slug", flat=True)
        )
        if user
        else [],
        "mentoring_requests_asked": list(
            MentoringRequest.objects.filter(requested_by=user).values_list("pk", flat=True)
        )
        if user
        else [],
        "community_applications": list(
            OrganisationApplication.objects.filter(
                Q(contact_email__iexact=email) | Q(applicant=user)
                if user
                else Q(contact_email__iexact=email)
            ).values("pk", "name", "contact_name", "contact_email", "contact_phone", "status")
        ),
        "join_requests": list(
            JoinRequest.objects.filter(user=user).values("pk", "organisation__slug", "status")
        )
        if user
        else [],
        "community_contact_for": list(
            CommunityProfile.objects.filter(contact_email__iexact=email).values_list(
                "organisation__slug", flat=True
            )
        ),
    }


def erase_person(*, user: User | None, email: str, references: Sequence[str]) -> dict[str, int]:
    """Attendance and completion figures stay: registrations keep their gender, role,
    organisation and department, enrolments keep their dates; the name and e-mail go."""
    counts = {"registrations": 0}
    for registration in _registrations(user, email):
        registration.name = ""
        registration.email = f"erased-registration-{registration.pk}@{ERASED_DOMAIN}"
        registration.user = None
        registration.save(update_fields=["name", "email", "user"])
        counts["registrations"] += 1
        # A survey comment may name its writer; the scores and ratings stay in the figures.
        registration.questionnaire_responses.update(comment="")
    counts["community_contacts"] = CommunityProfile.objects.filter(
        contact_email__iexact=email
    ).update(contact_name="", contact_email="")
    applications = OrganisationApplication.objects.filter(contact_email__iexact=email)
    if user is not None:
        applications = applications | OrganisationApplication.objects.filter(applicant=user)
    counts["community_applications"] = applications.update(
        applicant=None, contact_name="", contact_email="", contact_phone=""
    )
    if user is not None:
        counts["join_requests"], _deleted = JoinRequest.objects.filter(user=user).delete()
        counts["certificates"] = Certificate.objects.filter(enrolment__user=user).update(
            learner_name=""
        )
        counts["self_assessments"] = SelfAssessment.objects.filter(submitted_by=user).update(
            submitted_by=None
        )
        counts["mentoring_requests"] = MentoringRequest.objects.filter(requested_by=user).update(
            requested_by=None
        )
        counts["paths_followed"], _deleted = PathFollow.objects.filter(user=user).delete()
    return counts
