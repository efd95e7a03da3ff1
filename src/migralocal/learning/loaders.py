"""The records that Learning's addresses name, loaded for `permission_required`: each returns
the record, or answers 404 when there is none or when the user may not see it (a course not yet
published is not revealed). Organisations are loaded by core's `organisation_for`."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from migralocal.learning.models import (
    Certificate,
    Course,
    Event,
    JoinRequest,
    LearningPath,
    MentoringEngagement,
    MentoringRequest,
    OrganisationApplication,
    SelfAssessment,
)


def course_for(request: HttpRequest, slug: str) -> Course:
    course = get_object_or_404(Course.objects.select_related("country"), slug=slug)
    if not request.user.has_perm("learning.view_course", course):
        raise Http404
    return course


def certificate_for(request: HttpRequest, number: str) -> Certificate:
    return get_object_or_404(
        Certificate.objects.select_related("enrolment__course", "enrolment__user"), number=number
    )


def self_assessment_for(request: HttpRequest, pk: int) -> SelfAssessment:
    return get_object_or_404(
        SelfAssessment.objects.select_related("organisation", "recommended_path"), pk=pk
    )


def event_for(request: HttpRequest, slug: str) -> Event:
    return get_object_or_404(Event.objects.select_related("country"), slug=slug)


def engagement_for(request: HttpRequest, pk: int) -> MentoringEngagement:
    return get_object_or_404(
        MentoringEngagement.objects.select_related("mentor", "organisation__country"), pk=pk
    )


def mentoring_request_for(request: HttpRequest, pk: int) -> MentoringRequest:
    return get_object_or_404(
        MentoringRequest.objects.select_related(
            "organisation__country", "requested_by", "decided_by", "engagement"
        ).prefetch_related("areas__translations"),
        pk=pk,
    )


def path_for(request: HttpRequest, slug: str) -> LearningPath:
    return get_object_or_404(LearningPath.objects.prefetch_related("translations"), slug=slug)


def application_for(request: HttpRequest, pk: int) -> OrganisationApplication:
    return get_object_or_404(
        OrganisationApplication.objects.select_related(
            "country", "applicant", "decided_by", "organisation"
        ).prefetch_related("areas_of_work__translations", "country__translations"),
        pk=pk,
    )


def join_request_for(request: HttpRequest, pk: int) -> JoinRequest:
    return get_object_or_404(
        JoinRequest.objects.select_related("organisation", "user", "decided_by"), pk=pk
    )
