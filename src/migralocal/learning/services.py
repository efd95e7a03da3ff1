"""Writes of Learning. Pages, imports and the demo loader all come through here."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from migralocal.core.models import Country, Organisation, TaxonomyTerm, User
from migralocal.learning import scoring, selectors
from migralocal.learning.models import (
    Certificate,
    Course,
    Enrolment,
    Event,
    LearningPath,
    Lesson,
    LessonCompletion,
    MentoringEngagement,
    MentoringGoal,
    MentoringSession,
    Mode,
    Quiz,
    QuizAttempt,
    Registration,
    SelfAssessment,
)

# ---------------------------------------------------------------- courses


@transaction.atomic
def course_enrol(
    *, course: Course, user: User, organisation: Organisation | None = None
) -> Enrolment:
    """Enrol `user` if the course is published and its enrolment rule admits them.

    The enrolment records the organisation the learner acts for (their first one when not
    given), so that progress can be read per organisation and country later. Enrolling twice
    returns the first enrolment.
    """
    existing = Enrolment.objects.filter(course=course, user=user).first()
    if existing is not None:
        return existing
    if not course.is_published:
        raise ValidationError(_("This course is not open yet."))
    if not selectors.course_admits(course=course, user=user):
        raise PermissionDenied(_("This course is open by invitation or to given organisations."))
    if organisation is None:
        organisation = Organisation.objects.filter(memberships__user=user).order_by("pk").first()
    return Enrolment.objects.create(course=course, user=user, organisation=organisation)


def _lesson_of_course(enrolment: Enrolment, lesson: Lesson) -> None:
    if lesson.module.course_id != enrolment.course_id:
        raise ValidationError(_("This lesson belongs to another course."))


@transaction.atomic
def lesson_complete(*, enrolment: Enrolment, lesson: Lesson) -> LessonCompletion:
    """Mark a lesson done. A lesson that ends with a quiz is done only by passing the quiz."""
    _lesson_of_course(enrolment, lesson)
    if hasattr(lesson, "quiz"):
        raise ValidationError(_("Pass the quiz to complete this lesson."))
    return _record_completion(enrolment, lesson)


def _record_completion(enrolment: Enrolment, lesson: Lesson) -> LessonCompletion:
    completion, _created = LessonCompletion.objects.get_or_create(
        enrolment=enrolment, lesson=lesson
    )
    _complete_course_if_done(enrolment)
    return completion


def _complete_course_if_done(enrolment: Enrolment) -> None:
    if enrolment.completed_at is not None:
        return
    progress = selectors.course_progress(enrolment)
    if progress.total and progress.done == progress.total:
        enrolment.completed_at = timezone.now()
        enrolment.save(update_fields=["completed_at"])
        certificate_issue(enrolment=enrolment)


@transaction.atomic
def quiz_submit(
    *, enrolment: Enrolment, quiz: Quiz, answers: Mapping[int, Iterable[int]]
) -> QuizAttempt:
    """Score an attempt: a question counts when exactly its correct options are chosen.

    Attempts are limited by the quiz; none is taken after a pass. Passing completes the lesson.
    """
    _lesson_of_course(enrolment, quiz.lesson)
    previous = QuizAttempt.objects.select_for_update().filter(enrolment=enrolment, quiz=quiz)
    if any(attempt.passed for attempt in previous):
        raise ValidationError(_("You have already passed this quiz."))
    used = previous.count()
    if used >= quiz.max_attempts:
        raise ValidationError(_("You have used every attempt at this quiz."))
    questions = list(quiz.questions.prefetch_related("choices"))
    correct = 0
    stored: dict[str, list[int]] = {}
    for question in questions:
        chosen = {int(choice) for choice in answers.get(question.pk, [])}
        stored[str(question.pk)] = sorted(chosen)
        expected = {choice.pk for choice in question.choices.all() if choice.is_correct}
        correct += chosen == expected
    score = scoring.quiz_score(correct, len(questions))
    attempt = QuizAttempt.objects.create(
        enrolment=enrolment,
        quiz=quiz,
        number=used + 1,
        score=score,
        passed=score >= quiz.pass_mark,
        answers=stored,
    )
    if attempt.passed:
        _record_completion(enrolment, quiz.lesson)
    return attempt


@transaction.atomic
def certificate_issue(*, enrolment: Enrolment) -> Certificate:
    """Issue the one certificate of a completed enrolment, numbered by year and enrolment."""
    if enrolment.completed_at is None:
        raise ValidationError(_("A certificate is issued only for a completed course."))
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    user = enrolment.user
    return Certificate.objects.create(
        enrolment=enrolment,
        number=f"ML-{enrolment.completed_at:%Y}-{enrolment.pk:06d}",
        learner_name=user.get_full_name() or user.email,
    )


# ---------------------------------------------------------------- self-assessment


@transaction.atomic
def self_assessment_submit(
    *, organisation: Organisation, user: User | None, answers: Mapping[str, int]
) -> SelfAssessment:
    """Record an organisation's answers (0 to 4 for every statement), score each area and
    recommend the path that targets its weakest areas."""
    questions = list(selectors.self_assessment_questions())
    missing = [q.code for q in questions if q.code not in answers]
    if missing or not questions:
        raise ValidationError(_("Answer every statement."))
    by_area: dict[str, list[int]] = defaultdict(list)
    for question in questions:
        value = int(answers[question.code])
        if not 0 <= value <= scoring.MAX_ANSWER:
            raise ValidationError(_("Answers run from 0 to 4."))
        by_area[question.area.code].append(value)
    scores = scoring.area_scores(by_area)
    path_slug = scoring.best_path(scores, selectors.path_candidates())
    return SelfAssessment.objects.create(
        organisation=organisation,
        submitted_by=user,
        answers={code: int(answers[code]) for code in sorted(answers)},
        scores=scores,
        recommended_path=LearningPath.objects.filter(slug=path_slug).first(),
    )


# ---------------------------------------------------------------- events


@transaction.atomic
def event_create(
    *,
    slug: str,
    language: str,
    title: str,
    description: str,
    kind: str,
    format: str,
    country: Country,
    time_zone: str,
    local_start: dt.datetime,
    local_end: dt.datetime,
    venue: str = "",
    online_url: str = "",
    capacity: int | None = None,
    is_public: bool = True,
) -> Event:
    """Create an event from the clock times at the place it is held (naive, in `time_zone`);
    the text is saved in `language`, and the other language falls back to it."""
    zone = selectors.zone_or_none(time_zone)
    if zone is None:
        raise ValidationError(
            {"time_zone": _("%(zone)s is not a known time zone.") % {"zone": time_zone}}
        )
    event = Event(
        slug=slug,
        kind=kind,
        format=format,
        country=country,
        time_zone=time_zone,
        starts_at=timezone.make_aware(local_start, zone),
        ends_at=timezone.make_aware(local_end, zone),
        venue=venue,
        online_url=online_url,
        capacity=capacity,
        is_public=is_public,
    )
    event.set_current_language(language)
    event.title = title
    event.description = description
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def event_register(
    *,
    event: Event,
    name: str,
    email: str,
    gender: str,
    role: str,
    organisation: Organisation | None = None,
    organisation_name: str = "",
    country: Country | None = None,
    user: User | None = None,
) -> Registration:
    """Register one person once per event; when every place is taken they join the waiting
    list."""
    Event.objects.select_for_update().filter(pk=event.pk).first()
    email = email.strip().lower()
    if event.registrations.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("This e-mail address is already registered.")})
    full = event.capacity is not None and selectors.places_taken(event) >= event.capacity
    registration = Registration(
        event=event,
        user=user,
        email=email,
        name=name.strip(),
        gender=gender,
        role=role,
        organisation=organisation,
        organisation_name=organisation_name or (organisation.name if organisation else ""),
        country=country or (organisation.country if organisation else None),
        status=Registration.Status.WAITING if full else Registration.Status.CONFIRMED,
    )
    registration.full_clean()
    registration.save()
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration) -> Registration:
    """Cancel a place and give it to the first person on the waiting list."""
    was_confirmed = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status"])
    if was_confirmed:
        waiting = (
            registration.event.registrations.filter(status=Registration.Status.WAITING)
            .order_by("registered_at", "pk")
            .first()
        )
        if waiting is not None:
            waiting.status = Registration.Status.CONFIRMED
            waiting.save(update_fields=["status"])
    return registration


def _default_mode(event: Event) -> str:
    return Mode.ONLINE if event.format == Event.Format.ONLINE else Mode.IN_PERSON


@transaction.atomic
def registration_check_in(*, registration: Registration, mode: str = "") -> Registration:
    """Record that a registered person attended, online or in person (checking in twice keeps
    the first time)."""
    mode = mode or _default_mode(registration.event)
    if mode not in Mode.values:
        raise ValidationError(_("Choose online or in person."))
    if registration.attended_at is None:
        registration.attended_at = timezone.now()
    registration.attendance_mode = mode
    if registration.status != Registration.Status.CONFIRMED:
        registration.status = Registration.Status.CONFIRMED
    registration.save(update_fields=["attended_at", "attendance_mode", "status"])
    return registration


@transaction.atomic
def event_self_check_in(*, event: Event, code: str, user: User) -> Registration:
    """A registered person checks themself in by the code the event's QR carries."""
    if code != event.check_in_code:
        raise PermissionDenied(_("This check-in code is not valid for this event."))
    registration = selectors.registration_of(event=event, user=user)
    if registration is None or registration.status == Registration.Status.CANCELLED:
        raise ValidationError(_("You are not registered for this event."))
    return registration_check_in(registration=registration, mode=Mode.IN_PERSON)


@transaction.atomic
def attendance_import(*, event: Event, rows: list[dict[str, Any]]) -> dict[str, int]:
    """Write an already validated attendance list: matched registrations are checked in, new
    people are registered and checked in. All rows are written, or none."""
    matched = created = 0
    for row in rows:
        registration = event.registrations.filter(email__iexact=row["email"]).first()
        if registration is None:
            registration = Registration.objects.create(
                event=event,
                email=row["email"],
                name=row["name"],
                gender=row["gender"],
                role=row["role"],
                organisation=row["organisation"],
                organisation_name=row["organisation_name"],
                country=row["country"],
            )
            created += 1
        else:
            matched += 1
        registration.attended_at = registration.attended_at or row["attended_at"]
        registration.attendance_mode = row["mode"]
        registration.status = Registration.Status.CONFIRMED
        registration.save(update_fields=["attended_at", "attendance_mode", "status"])
    return {"matched": matched, "created": created}


# ---------------------------------------------------------------- mentoring


@transaction.atomic
def mentoring_start(
    *,
    mentor: User,
    organisation: Organisation,
    areas: Iterable[TaxonomyTerm],
    started_on: dt.date,
) -> MentoringEngagement:
    """Pair a mentor with an organisation on one or more of the four capacity areas."""
    areas = list(areas)
    if not areas:
        raise ValidationError({"areas": _("Choose at least one area.")})
    engagement = MentoringEngagement.objects.create(
        mentor=mentor, organisation=organisation, started_on=started_on
    )
    engagement.areas.set(areas)
    return engagement


@transaction.atomic
def mentoring_goal_add(
    *, engagement: MentoringEngagement, area: TaxonomyTerm, description: str
) -> MentoringGoal:
    """A goal must be in one of the engagement's areas."""
    if not engagement.areas.filter(pk=area.pk).exists():
        raise ValidationError({"area": _("Choose one of this engagement's areas.")})
    return MentoringGoal.objects.create(
        engagement=engagement, area=area, description=description.strip()
    )


@transaction.atomic
def mentoring_goal_set_achieved(*, goal: MentoringGoal, achieved: bool) -> MentoringGoal:
    goal.is_achieved = achieved
    goal.save(update_fields=["is_achieved"])
    return goal


@transaction.atomic
def mentoring_session_record(
    *, engagement: MentoringEngagement, held_on: dt.date, duration_minutes: int, notes: str
) -> MentoringSession:
    """Sessions are recorded only while the engagement is active."""
    if engagement.status != MentoringEngagement.Status.ACTIVE:
        raise ValidationError(_("This engagement has ended; no more sessions can be recorded."))
    if held_on < engagement.started_on:
        raise ValidationError({"held_on": _("A session cannot be before the engagement began.")})
    session = MentoringSession(
        engagement=engagement, held_on=held_on, duration_minutes=duration_minutes, notes=notes
    )
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def mentoring_close(
    *, engagement: MentoringEngagement, status: str, outcome: str, ended_on: dt.date
) -> MentoringEngagement:
    """Close an engagement with its outcome; it must say what came of it."""
    if status == MentoringEngagement.Status.ACTIVE or status not in MentoringEngagement.Status:
        raise ValidationError({"status": _("Choose completed or ended early.")})
    if not outcome.strip():
        raise ValidationError({"outcome": _("Describe the outcome.")})
    if ended_on < engagement.started_on:
        raise ValidationError({"ended_on": _("The end cannot be before the start.")})
    engagement.status = status
    engagement.outcome = outcome.strip()
    engagement.ended_on = ended_on
    engagement.save(update_fields=["status", "outcome", "ended_on"])
    return engagement
