"""Reads of courses: who may enrol and see them, lessons, learners' progress, quizzes,
certificates, trainers' progress figures and the municipal certification-cycle training."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from migralocal.core.models import Actor, Country, Membership, Organisation
from migralocal.core.selectors import user_role_set
from migralocal.learning.models import (
    Certificate,
    Course,
    CourseInvitation,
    Enrolment,
    Lesson,
    LessonCompletion,
    Quiz,
    QuizAttempt,
)


def organisation_ids_of(user: Actor) -> set[int]:
    return set(user_role_set(user).organisation_roles)


def course_admits(*, course: Course, user: Actor) -> bool:
    """Whether the course's enrolment rule lets `user` in (open, invited, or a listed member)."""
    if not user.is_authenticated:
        return False
    if course.enrolment == Course.Enrolment.OPEN:
        return True
    if course.enrolment == Course.Enrolment.INVITATION:
        return CourseInvitation.objects.filter(course=course, email__iexact=user.email).exists()
    allowed = set(course.organisations.values_list("pk", flat=True))
    return bool(allowed & organisation_ids_of(user))


def catalogue() -> QuerySet[Course]:
    return (
        Course.objects.filter(is_published=True)
        .select_related("country")
        .prefetch_related("translations", "capacity_areas__translations")
    )


def lessons_of(course: Course) -> QuerySet[Lesson]:
    return (
        Lesson.objects.filter(module__course=course)
        .select_related("module", "quiz")
        .prefetch_related("translations")
        .order_by("module__position", "module__pk", "position", "pk")
    )


def enrolment_of(*, user: Actor, course: Course) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(user=user, course=course).first()


def completed_lesson_ids(enrolment: Enrolment | None) -> set[int]:
    if enrolment is None:
        return set()
    return set(enrolment.completions.values_list("lesson_id", flat=True))


@dataclass
class CourseProgress:
    enrolment: Enrolment
    done: int
    total: int
    next_lesson: Lesson | None

    @property
    def percent(self) -> int:
        return self.done * 100 // self.total if self.total else 0


def course_progress(enrolment: Enrolment) -> CourseProgress:
    return _progress(enrolment, list(lessons_of(enrolment.course)), completed_lesson_ids(enrolment))


def _progress(enrolment: Enrolment, lessons: list[Lesson], done: set[int]) -> CourseProgress:
    next_lesson = next((lesson for lesson in lessons if lesson.pk not in done), None)
    return CourseProgress(
        enrolment=enrolment,
        done=len([lesson for lesson in lessons if lesson.pk in done]),
        total=len(lessons),
        next_lesson=next_lesson,
    )


def learner_progress(user: Actor) -> list[CourseProgress]:
    """Each of the user's courses with progress and the next lesson to take.

    Lessons and completions of every course are read in one query each, not per course."""
    if not user.is_authenticated:
        return []
    enrolments = list(
        Enrolment.objects.filter(user=user)
        .select_related("course", "certificate")
        .prefetch_related("course__translations")
    )
    lessons: dict[int, list[Lesson]] = {}
    for lesson in (
        Lesson.objects.filter(module__course__in=[e.course_id for e in enrolments])
        .select_related("module__course", "quiz")
        .prefetch_related("translations")
        .order_by("module__position", "module__pk", "position", "pk")
    ):
        lessons.setdefault(lesson.module.course_id, []).append(lesson)
    done: dict[int, set[int]] = {}
    for enrolment_id, lesson_id in LessonCompletion.objects.filter(
        enrolment__in=enrolments
    ).values_list("enrolment_id", "lesson_id"):
        done.setdefault(enrolment_id, set()).add(lesson_id)
    return [
        _progress(enrolment, lessons.get(enrolment.course_id, []), done.get(enrolment.pk, set()))
        for enrolment in enrolments
    ]


def quiz_results_of(user: Actor) -> QuerySet[QuizAttempt]:
    if not user.is_authenticated:
        return QuizAttempt.objects.none()
    return (
        QuizAttempt.objects.filter(enrolment__user=user)
        .select_related("quiz__lesson__module__course")
        .prefetch_related("quiz__translations")
        .order_by("-submitted_at")
    )


def attempts_left(*, enrolment: Enrolment | None, quiz: Quiz) -> int:
    if enrolment is None:
        return quiz.max_attempts
    used = QuizAttempt.objects.filter(enrolment=enrolment, quiz=quiz).count()
    return max(quiz.max_attempts - used, 0)


def has_passed(*, enrolment: Enrolment | None, quiz: Quiz) -> bool:
    if enrolment is None:
        return False
    return QuizAttempt.objects.filter(enrolment=enrolment, quiz=quiz, passed=True).exists()


def certificate_by_code(code: str) -> Certificate | None:
    return (
        Certificate.objects.filter(verification_code=code)
        .select_related("enrolment__course", "enrolment__organisation")
        .first()
    )


# ---------------------------------------------------------------- trainer progress


def progress_enrolments_for(
    user: Actor,
    *,
    course: Course | None = None,
    organisation: Organisation | None = None,
    country: Country | None = None,
) -> QuerySet[Enrolment]:
    """Enrolments in courses of the countries a trainer or programme manager covers."""
    enrolments = Enrolment.objects.select_related(
        "user", "course", "organisation", "organisation__country"
    ).annotate(lessons_done=Count("completions", distinct=True))
    if not user.is_superuser:
        countries = user_role_set(user).programme_countries
        covered = countries.get("trainer", set()) | countries.get("programme_manager", set())
        enrolments = enrolments.filter(course__country__in=covered)
    if course is not None:
        enrolments = enrolments.filter(course=course)
    if organisation is not None:
        enrolments = enrolments.filter(organisation=organisation)
    if country is not None:
        enrolments = enrolments.filter(organisation__country=country)
    return enrolments.order_by("course__position", "user__email")


@dataclass
class ProgressGroup:
    label: str
    enrolled: int = 0
    completed: int = 0

    @property
    def completion_rate(self) -> int:
        return self.completed * 100 // self.enrolled if self.enrolled else 0


def progress_summary(enrolments: Iterable[Enrolment], by: str) -> list[ProgressGroup]:
    """Enrolled and completed learners grouped by course, organisation or country."""
    groups: dict[str, ProgressGroup] = {}
    for enrolment in enrolments:
        if by == "course":
            label = str(enrolment.course)
        elif by == "organisation":
            label = str(enrolment.organisation or "—")
        else:
            label = str(enrolment.organisation.country if enrolment.organisation else "—")
        group = groups.setdefault(label, ProgressGroup(label))
        group.enrolled += 1
        group.completed += enrolment.completed_at is not None
    return sorted(groups.values(), key=lambda group: group.label)


def lesson_counts() -> dict[int, int]:
    return dict(
        Lesson.objects.values_list("module__course")
        .annotate(n=Count("pk"))
        .values_list("module__course", "n")
    )


# ---------------------------------------------------------------- certification cycle


@dataclass(frozen=True)
class CertificationCourseStatus:
    course: Course
    officials_enrolled: int
    officials_completed: int

    @property
    def is_complete(self) -> bool:
        return self.officials_completed > 0


@dataclass(frozen=True)
class MunicipalTrainingStatus:
    organisation: Organisation
    courses: list[CertificationCourseStatus] = field(default_factory=list)

    @property
    def is_complete(self) -> bool:
        """All four modules exist and each was completed by at least one official."""
        return len(self.courses) == 4 and all(course.is_complete for course in self.courses)

    @property
    def completed_modules(self) -> int:
        return sum(course.is_complete for course in self.courses)


def municipal_training_status(organisation: Organisation) -> MunicipalTrainingStatus:
    """Whether the municipality's officials completed the four certification-cycle courses.

    An official counts for the municipality when they enrolled on its behalf, or when they hold
    a membership in it now. The assessments module calls this for the training step.
    """
    officials = Membership.objects.filter(organisation=organisation).values("user")
    courses = (
        Course.objects.filter(certification_module__isnull=False)
        .prefetch_related("translations")
        .order_by("certification_module")
    )
    statuses = []
    for course in courses:
        enrolments = Enrolment.objects.filter(course=course).filter(
            Q(organisation=organisation) | Q(user__in=officials)
        )
        statuses.append(
            CertificationCourseStatus(
                course=course,
                officials_enrolled=enrolments.values("user").distinct().count(),
                officials_completed=enrolments.filter(completed_at__isnull=False)
                .values("user")
                .distinct()
                .count(),
            )
        )
    return MunicipalTrainingStatus(organisation=organisation, courses=statuses)


def courses_visible_to(user: Actor) -> QuerySet[Course]:
    """The rule `learning.view_course` as a query: published courses for everyone, and the
    unpublished ones of the countries a trainer covers; admins see every course."""
    courses = Course.objects.select_related("country").prefetch_related(
        "translations", "capacity_areas"
    )
    if getattr(user, "is_superuser", False) and user.is_active:
        return courses
    trained = user_role_set(user).programme_countries.get("trainer", set())
    return courses.filter(Q(is_published=True) | Q(country__in=trained))
