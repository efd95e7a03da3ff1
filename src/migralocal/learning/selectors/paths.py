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
    LearningPath,
    PathFollow,
    PathStep,
    SelfAssessment,
    SelfAssessmentQuestion,
)
from migralocal.learning.selectors.courses import (
    CourseProgress,
    catalogue,
    learner_progress,
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


@dataclass(frozen=True)
class StepProgress:
    """One course of a path as the learner stands in it: not started, under way or done."""

    position: int
    course: Course
    progress: CourseProgress | None

    @property
    def percent(self) -> int:
        return self.progress.percent if self.progress else 0

    @property
    def is_started(self) -> bool:
        return self.progress is not None

    @property
    def is_completed(self) -> bool:
        return bool(self.progress and self.progress.enrolment.completed_at)


@dataclass(frozen=True)
class FollowedPath:
    """A path the learner follows: recommended to their organisation, or chosen themself."""

    path: LearningPath
    steps: list[StepProgress]
    assessment: SelfAssessment | None = None

    @property
    def completed_steps(self) -> int:
        return sum(step.is_completed for step in self.steps)


def path_steps(path: LearningPath) -> QuerySet[PathStep]:
    return path.steps.select_related("course").prefetch_related("course__translations")


def step_progress_of(user: Actor, path: LearningPath) -> list[StepProgress]:
    """Every step of `path`, in order, with the user's progress in its course (if any)."""
    progress = {
        item.enrolment.course_id: item
        for item in (learner_progress(user) if user.is_authenticated else [])
    }
    return [
        StepProgress(position=number, course=step.course, progress=progress.get(step.course_id))
        for number, step in enumerate(path_steps(path), start=1)
    ]


def is_following(*, user: Actor, path: LearningPath) -> bool:
    return user.is_authenticated and PathFollow.objects.filter(user=user, path=path).exists()


def my_paths(user: Actor) -> tuple[SelfAssessment | None, list[FollowedPath]]:
    """The path recommended to the user's organisation (by its latest self-assessment) and the
    paths the user chose to follow, each step with the user's progress."""
    if not user.is_authenticated:
        return None, []
    assessment = (
        SelfAssessment.objects.filter(organisation__in=organisation_ids_of(user))
        .select_related("recommended_path", "organisation")
        .first()
    )
    followed: list[FollowedPath] = []
    if assessment is not None and assessment.recommended_path is not None:
        path = assessment.recommended_path
        followed.append(FollowedPath(path, step_progress_of(user, path), assessment))
    chosen = LearningPath.objects.filter(follows__user=user).order_by("follows__started_at")
    for path in chosen.prefetch_related("translations"):
        if all(item.path.pk != path.pk for item in followed):
            followed.append(FollowedPath(path, step_progress_of(user, path)))
    return assessment, followed
