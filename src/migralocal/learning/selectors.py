"""Reads of Learning: catalogue, progress, recommendations, event figures, mentoring, community."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from migralocal.core.models import Country, Membership, Organisation, TaxonomyTerm
from migralocal.core.selectors import user_role_set
from migralocal.learning import scoring
from migralocal.learning.models import (
    CAPACITY_AREAS,
    Certificate,
    CommunityProfile,
    Course,
    CourseInvitation,
    Enrolment,
    Event,
    Gender,
    LearningPath,
    Lesson,
    LessonCompletion,
    MentoringEngagement,
    Mode,
    ParticipantRole,
    QuizAttempt,
    Registration,
    SelfAssessment,
    SelfAssessmentQuestion,
)

# ---------------------------------------------------------------- courses


def organisation_ids_of(user: Any) -> set[int]:
    return set(user_role_set(user).organisation_roles)


def course_admits(*, course: Course, user: Any) -> bool:
    """Whether the course's enrolment rule lets `user` in (open, invited, or a listed member)."""
    if not getattr(user, "is_authenticated", False):
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


def enrolment_of(*, user: Any, course: Course) -> Enrolment | None:
    if not getattr(user, "is_authenticated", False):
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


def learner_progress(user: Any) -> list[CourseProgress]:
    """Each of the user's courses with progress and the next lesson to take.

    Lessons and completions of every course are read in one query each, not per course."""
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


def quiz_results_of(user: Any) -> QuerySet[QuizAttempt]:
    return (
        QuizAttempt.objects.filter(enrolment__user=user)
        .select_related("quiz__lesson__module__course")
        .prefetch_related("quiz__translations")
        .order_by("-submitted_at")
    )


def attempts_left(*, enrolment: Enrolment | None, quiz: Any) -> int:
    if enrolment is None:
        return quiz.max_attempts
    used = QuizAttempt.objects.filter(enrolment=enrolment, quiz=quiz).count()
    return max(quiz.max_attempts - used, 0)


def has_passed(*, enrolment: Enrolment | None, quiz: Any) -> bool:
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
    user: Any,
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


# ---------------------------------------------------------------- self-assessment and paths


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


def my_path(user: Any) -> tuple[SelfAssessment | None, list[CourseProgress | Course]]:
    """The path recommended to the user's organisation, each course with the user's progress."""
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


# ---------------------------------------------------------------- events


@dataclass(frozen=True)
class EventTimes:
    local_start: dt.datetime
    local_end: dt.datetime
    viewer_start: dt.datetime
    viewer_end: dt.datetime

    @property
    def same_zone(self) -> bool:
        return self.local_start.utcoffset() == self.viewer_start.utcoffset()


def event_times(event: Event, viewer_zone: dt.tzinfo | None = None) -> EventTimes:
    """An event's start and end at the place it is held, and in the viewer's time zone."""
    viewer = viewer_zone or timezone.get_current_timezone()
    return EventTimes(
        local_start=event.starts_at.astimezone(event.zone),
        local_end=event.ends_at.astimezone(event.zone),
        viewer_start=event.starts_at.astimezone(viewer),
        viewer_end=event.ends_at.astimezone(viewer),
    )


def zone_or_none(name: str) -> zoneinfo.ZoneInfo | None:
    try:
        return zoneinfo.ZoneInfo(name) if name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def events_visible_to(user: Any) -> QuerySet[Event]:
    events = Event.objects.select_related("country").prefetch_related(
        "translations", "country__translations"
    )
    if not getattr(user, "is_authenticated", False):
        events = events.filter(is_public=True)
    return events.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed"))
    ).order_by("-starts_at", "pk")


def events_managed_by(user: Any) -> QuerySet[Event]:
    events = Event.objects.all()
    if user.is_superuser:
        return events
    countries = user_role_set(user).programme_countries
    covered = countries.get("trainer", set()) | countries.get("programme_manager", set())
    return events.filter(country__in=covered)


def courses_visible_to(user: Any) -> QuerySet[Course]:
    """The rule `learning.view_course` as a query: published courses for everyone, and the
    unpublished ones of the countries a trainer covers; admins see every course."""
    courses = Course.objects.select_related("country").prefetch_related(
        "translations", "capacity_areas"
    )
    if getattr(user, "is_superuser", False) and user.is_active:
        return courses
    trained = user_role_set(user).programme_countries.get("trainer", set())
    return courses.filter(Q(is_published=True) | Q(country__in=trained))


def registrations_visible_to(user: Any) -> QuerySet[Registration]:
    """Registrations for the events a person runs (`learning.manage_event`: trainers in their
    countries, admins everywhere) and the person's own."""
    registrations = Registration.objects.select_related("event", "organisation", "country")
    if not getattr(user, "is_authenticated", False):
        return registrations.none()
    if user.is_superuser and user.is_active:
        return registrations
    trained = user_role_set(user).programme_countries.get("trainer", set())
    return registrations.filter(Q(event__country__in=trained) | Q(user=user))


def places_taken(event: Event) -> int:
    return event.registrations.filter(status=Registration.Status.CONFIRMED).count()


def registration_of(*, event: Event, user: Any) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return event.registrations.filter(Q(user=user) | Q(email__iexact=user.email)).first()


@dataclass
class Breakdown:
    """Counts by category with their share of the total, in a stable order."""

    label: str
    rows: list[tuple[str, int, int]]


@dataclass
class AttendanceFigures:
    attendees: int
    registered: int
    breakdowns: list[Breakdown]

    def breakdown(self, label: str) -> Breakdown:
        return next(b for b in self.breakdowns if b.label == label)


def _breakdown(label: str, counts: Counter[str], total: int) -> Breakdown:
    rows = [
        (name, count, round(count * 100 / total) if total else 0)
        for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    return Breakdown(label, rows)


def _counts_by(attended: QuerySet[Registration], field: str) -> list[tuple[Any, int]]:
    return list(attended.values_list(field).annotate(n=Count("pk")).order_by())


def attendance_figures(registrations: QuerySet[Registration]) -> AttendanceFigures:
    """Attendees by gender, mode, organisation, country and role, with percentages.

    Counted by the database, one grouped query per breakdown, so a year of events is quick.
    """
    from django.utils.translation import gettext as _

    attended = registrations.filter(attended_at__isnull=False)
    total = attended.count()
    unknown = _("Not stated")

    def labelled(field: str, labels: dict[Any, Any]) -> Counter[str]:
        counts: Counter[str] = Counter()
        for value, count in _counts_by(attended, field):
            counts[str(labels.get(value, unknown))] += count
        return counts

    organisations: Counter[str] = Counter()
    for name, written, count in (
        attended.values_list("organisation__name", "organisation_name")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        organisations[name or written or unknown] += count
    country_ids = [value for value, _count in _counts_by(attended, "country") if value]
    countries = {
        country.pk: str(country)
        for country in Country.objects.filter(pk__in=country_ids).prefetch_related("translations")
    }
    return AttendanceFigures(
        attendees=total,
        registered=registrations.exclude(status=Registration.Status.CANCELLED).count(),
        breakdowns=[
            _breakdown(_("Gender"), labelled("gender", dict(Gender.choices)), total),
            _breakdown(_("Mode"), labelled("attendance_mode", dict(Mode.choices)), total),
            _breakdown(_("Organisation"), organisations, total),
            _breakdown(_("Country"), labelled("country", countries), total),
            _breakdown(_("Role"), labelled("role", dict(ParticipantRole.choices)), total),
        ],
    )


def registrations_in_period(
    events: QuerySet[Event], start: dt.date | None, end: dt.date | None
) -> QuerySet[Registration]:
    registrations = Registration.objects.filter(event__in=events)
    if start:
        registrations = registrations.filter(event__starts_at__date__gte=start)
    if end:
        registrations = registrations.filter(event__starts_at__date__lte=end)
    return registrations


# ---------------------------------------------------------------- mentoring


def mentoring_visible_to(user: Any) -> QuerySet[MentoringEngagement]:
    """The engagements a user is party to, or oversees as a programme manager in its country."""
    engagements = MentoringEngagement.objects.select_related(
        "mentor", "organisation", "organisation__country"
    ).prefetch_related("areas__translations", "organisation__country__translations")
    if user.is_superuser:
        return engagements
    role_set = user_role_set(user)
    return engagements.filter(
        Q(mentor=user)
        | Q(organisation__in=role_set.organisation_roles.keys())
        | Q(organisation__country__in=role_set.programme_countries.get("programme_manager", set()))
    )


def mentoring_in_programme_scope(user: Any) -> QuerySet[MentoringEngagement]:
    """For figures: the user's own engagements and every one in the countries they cover."""
    if user.is_superuser:
        return MentoringEngagement.objects.select_related("organisation__country")
    return MentoringEngagement.objects.filter(
        Q(mentor=user) | Q(organisation__country__in=user_role_set(user).countries())
    ).select_related("organisation__country")


@dataclass
class MentoringFigures:
    organisations: int
    sessions: int
    hours: float
    by_area: list[tuple[str, int]]
    by_country: list[tuple[str, int]]


def mentoring_figures(engagements: QuerySet[MentoringEngagement]) -> MentoringFigures:
    """Organisations mentored in all, per area and per country (each organisation once)."""
    engagements = engagements.prefetch_related("areas__translations")
    by_area: dict[str, set[int]] = {}
    by_country: dict[str, set[int]] = {}
    for engagement in engagements:
        for area in engagement.areas.all():
            by_area.setdefault(str(area), set()).add(engagement.organisation_id)
        by_country.setdefault(str(engagement.organisation.country), set()).add(
            engagement.organisation_id
        )
    sessions = [
        minutes
        for (minutes,) in engagements.values_list("sessions__duration_minutes")
        if minutes is not None
    ]
    return MentoringFigures(
        organisations=len({engagement.organisation_id for engagement in engagements}),
        sessions=len(sessions),
        hours=round(sum(sessions) / 60, 1),
        by_area=sorted(((name, len(ids)) for name, ids in by_area.items()), key=lambda r: r[0]),
        by_country=sorted(
            ((name, len(ids)) for name, ids in by_country.items()), key=lambda r: r[0]
        ),
    )


# ---------------------------------------------------------------- community


def community_directory(
    *, country: Country | None = None, area: TaxonomyTerm | None = None
) -> QuerySet[CommunityProfile]:
    """Member organisations that chose a public profile, filtered by country and area of work."""
    profiles = CommunityProfile.objects.filter(organisation__is_public=True)
    if country is not None:
        profiles = profiles.filter(organisation__country=country)
    if area is not None:
        profiles = profiles.filter(organisation__areas_of_work=area)
    return profiles.select_related("organisation", "organisation__country").prefetch_related(
        "translations",
        "organisation__country__translations",
        "organisation__areas_of_work__translations",
    )


def community_countries() -> QuerySet[Country]:
    return (
        Country.objects.filter(organisations__community_profile__isnull=False)
        .distinct()
        .prefetch_related("translations")
    )


def community_growth() -> tuple[int, list[tuple[int, int, int]]]:
    """All members (public or not) and, per year, those who joined and the running total."""
    by_year = Counter(
        joined.year for joined in CommunityProfile.objects.values_list("joined_on", flat=True)
    )
    running = 0
    rows = []
    for year in sorted(by_year):
        running += by_year[year]
        rows.append((year, by_year[year], running))
    return running, rows


def learner_sign_ups_by_year() -> list[tuple[int, int]]:
    """People who enrolled in a course for the first time, per year."""
    first: dict[int, dt.datetime] = {}
    for user_id, enrolled_at in Enrolment.objects.values_list("user_id", "enrolled_at"):
        if user_id not in first or enrolled_at < first[user_id]:
            first[user_id] = enrolled_at
    counts = Counter(moment.year for moment in first.values())
    return sorted(counts.items())


def lesson_completions_count() -> int:
    return LessonCompletion.objects.count()
