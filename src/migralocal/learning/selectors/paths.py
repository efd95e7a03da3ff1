"""Reads of learning paths and of the organisational capacity self-assessment that recommends
them: the areas, the questions, the recommendation and a learner's path."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from migralocal.core.models import Actor, Organisation, TaxonomyTerm
from migralocal.learning import scoring
from migralocal.learning.models import (
    CAPACITY_AREAS,
    Course,
    Enrolment,
    LearningPath,
    SelfAssessment,
    SelfAssessmentQuestion,
)
from migralocal.learning.selectors.courses import (
    CourseProgress,
    catalogue,
    course_progress,
    organisation_ids_of,
)


def capacity_areas() -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.of(CAPACITY_AREAS).prefetch_related("translations")


def self_assessment_questions() -> QuerySet[SelfAssessmentQuestion]:
    return SelfAssessmentQuestion.objects.select_related("area").prefetch_related(
        "translations", "area__translations"
    )


def path_candidates() -> list[scoring.PathCandidate]:
    return [
        scoring.PathCandidate(
            key=path.slug,
            position=path.position,
            target_areas=frozenset(term.code for term in path.target_areas.all()),
        )
        for path in LearningPath.objects.prefetch_related("target_areas")
    ]


@dataclass(frozen=True)
class Recommendation:
    path: LearningPath | None
    weak_areas: list[TaxonomyTerm]
    scores: dict[str, int]
    courses: list[Course]


def recommendation_for(assessment: SelfAssessment) -> Recommendation:
    """The path and the courses that target the assessment's weakest areas, weakest first."""
    scores = {code: int(value) for code, value in assessment.scores.items()}
    weak_codes = scoring.weakest_areas(scores)
    terms = {term.code: term for term in capacity_areas().filter(code__in=weak_codes)}
    weak_terms = [terms[code] for code in weak_codes if code in terms]
    courses: list[Course] = []
    for term in weak_terms:
        for course in catalogue().filter(capacity_areas=term):
            if course not in courses:
                courses.append(course)
    return Recommendation(
        path=assessment.recommended_path, weak_areas=weak_terms, scores=scores, courses=courses
    )


def latest_self_assessment(organisation: Organisation) -> SelfAssessment | None:
    return organisation.capacity_self_assessments.select_related("recommended_path").first()


def my_path(user: Actor) -> tuple[SelfAssessment | None, list[CourseProgress | Course]]:
    """The path recommended to the user's organisation, each course with the user's progress."""
    if not user.is_authenticated:
        return None, []
    assessment = (
        SelfAssessment.objects.filter(organisation__in=organisation_ids_of(user))
        .select_related("recommended_path", "organisation")
        .first()
    )
    if assessment is None or assessment.recommended_path is None:
        return assessment, []
    enrolments = {e.course_id: e for e in Enrolment.objects.filter(user=user)}
    steps: list[CourseProgress | Course] = []
    for step in assessment.recommended_path.steps.select_related("course"):
        enrolment = enrolments.get(step.course_id)
        steps.append(course_progress(enrolment) if enrolment else step.course)
    return assessment, steps
