"""Writes of Learning. Pages, imports and the demo loader all come through here."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from migralocal.core import text_limits
from migralocal.core.models import Country, Organisation, TaxonomyTerm, User
from migralocal.core.permissions import require
from migralocal.learning import joining_tasks, scoring, selectors, tasks
from migralocal.learning.models import (
    CAPACITY_AREAS,
    Certificate,
    CommunityProfile,
    Course,
    Decision,
    Enrolment,
    Event,
    JoinRequest,
    LearningPath,
    Lesson,
    LessonCompletion,
    MentoringEngagement,
    MentoringGoal,
    MentoringRequest,
    MentoringSession,
    Mode,
    OrganisationApplication,
    PathFollow,
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


# ---------------------------------------------------------------- paths


@transaction.atomic
def path_follow(*, path: LearningPath, user: User) -> PathFollow:
    """A person follows a path of their own choice; no self-assessment is needed. Following it
    twice keeps the first time."""
    follow, _created = PathFollow.objects.get_or_create(path=path, user=user)
    return follow


@transaction.atomic
def path_stop_following(*, path: LearningPath, user: User) -> None:
    """Stop following a chosen path; enrolments and progress in its courses stay."""
    PathFollow.objects.filter(path=path, user=user).delete()


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
    local_registration_closes: dt.datetime | None = None,
) -> Event:
    """Create an event from the clock times at the place it is held (naive, in `time_zone`);
    the text is saved in `language`, and the other language falls back to it. Registration
    closes at `local_registration_closes` when given, and otherwise when the event ends."""
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
        registration_closes_at=timezone.make_aware(local_registration_closes, zone)
        if local_registration_closes
        else None,
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
    department: str = "",
    country: Country | None = None,
    user: User | None = None,
    language: str = "",
    now: dt.datetime | None = None,
) -> Registration:
    """Register one person once per event, while registration is open (until the trainer's
    deadline, or the end of the event); when every place is taken they join the waiting
    list. `department` is their secretariat, agency or unit within the organisation."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    ensure_registration_open(event, now or timezone.now())
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
        department=department.strip(),
        country=country or (organisation.country if organisation else None),
        status=Registration.Status.WAITING if full else Registration.Status.CONFIRMED,
        language=language or settings.LANGUAGE_CODE,
    )
    registration.full_clean()
    registration.save()
    if registration.status == Registration.Status.CONFIRMED:
        _confirm_by_email(registration)
    return registration


def _confirm_by_email(registration: Registration) -> None:
    """Sent once the registration is committed, with the event's calendar file."""
    site_url = settings.SITE_URL
    transaction.on_commit(
        lambda: tasks.send_registration_confirmed.enqueue(
            registration_id=registration.pk, site_url=site_url
        )
    )


def ensure_registration_open(event: Event, now: dt.datetime) -> None:
    if not event.registration_is_open(now):
        raise ValidationError(selectors.registration_closed_message(event))


@transaction.atomic
def registration_cancel(*, registration: Registration, site_url: str | None = None) -> Registration:
    """Cancel a place and give it to the first person on the waiting list, who is told by
    e-mail. Cancelling twice changes nothing."""
    Event.objects.select_for_update().filter(pk=registration.event_id).first()
    registration.refresh_from_db()
    if registration.status == Registration.Status.CANCELLED:
        return registration
    was_confirmed = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status"])
    if was_confirmed:
        _give_freed_place(registration.event, site_url or settings.SITE_URL)
    return registration


def _give_freed_place(event: Event, site_url: str) -> None:
    waiting = (
        event.registrations.filter(status=Registration.Status.WAITING)
        .order_by("registered_at", "pk")
        .first()
    )
    if waiting is None:
        return
    waiting.status = Registration.Status.CONFIRMED
    waiting.save(update_fields=["status"])
    # Sent once the cancellation is committed: a worker that runs at once reads the new state,
    # and a rolled-back cancellation tells nobody.
    transaction.on_commit(
        lambda: tasks.send_place_freed.enqueue(registration_id=waiting.pk, site_url=site_url)
    )


def _default_mode(event: Event) -> str:
    return Mode.ONLINE if event.format == Event.Format.ONLINE else Mode.IN_PERSON


@transaction.atomic
def registration_check_in(
    *, registration: Registration, mode: str = "", department: str = ""
) -> Registration:
    """Record that a registered person attended, online or in person (checking in twice keeps
    the first time). A `department` given at the door corrects or completes the one they
    registered with; an empty one keeps it."""
    mode = mode or _default_mode(registration.event)
    if mode not in Mode.values:
        raise ValidationError(_("Choose online or in person."))
    if registration.attended_at is None:
        registration.attended_at = timezone.now()
    registration.attendance_mode = mode
    if department.strip():
        field = Registration._meta.get_field("department")
        registration.department = field.clean(department.strip(), registration)
    if registration.status != Registration.Status.CONFIRMED:
        registration.status = Registration.Status.CONFIRMED
    registration.save(update_fields=["attended_at", "attendance_mode", "department", "status"])
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
    people are registered and checked in. A row's department, when given, is recorded on the
    registration (a matched one keeps its own when the row leaves it empty). All rows are
    written, or none."""
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
                department=row.get("department", ""),
                country=row["country"],
            )
            created += 1
        else:
            matched += 1
        registration.attended_at = registration.attended_at or row["attended_at"]
        registration.attendance_mode = row["mode"]
        registration.department = row.get("department") or registration.department
        registration.status = Registration.Status.CONFIRMED
        registration.save(update_fields=["attended_at", "attendance_mode", "department", "status"])
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


# ---------------------------------------------------------------- mentoring requests


@transaction.atomic
def mentoring_request_submit(
    *, organisation: Organisation, user: User, goals: Mapping[TaxonomyTerm, str]
) -> MentoringRequest:
    """An organisation's member asks for mentoring: for each chosen capacity area, what the
    organisation wants to achieve in it."""
    require(user, "learning.request_mentoring", organisation)
    written = {area: text.strip() for area, text in goals.items() if text.strip()}
    if not written:
        raise ValidationError(_("Write a goal for at least one area."))
    for area in written:
        if area.taxonomy.code != CAPACITY_AREAS:
            raise ValidationError(_("Choose one of the four capacity areas."))
    too_long = MentoringGoal._meta.get_field("description").max_length or 300
    if any(len(text) > too_long for text in written.values()):
        raise ValidationError(
            _("A goal can have at most %(limit)d characters.") % {"limit": too_long}
        )
    if MentoringRequest.objects.filter(
        organisation=organisation, status=MentoringRequest.Status.PENDING
    ).exists():
        raise ValidationError(_("This organisation already has a request waiting for an answer."))
    request = MentoringRequest.objects.create(
        organisation=organisation,
        requested_by=user,
        goals={area.code: text for area, text in written.items()},
    )
    request.areas.set(list(written))
    return request


def _pending(request: MentoringRequest) -> MentoringRequest:
    request = MentoringRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != MentoringRequest.Status.PENDING:
        raise ValidationError(_("This request was already answered."))
    return request


@transaction.atomic
def mentoring_request_accept(
    *,
    request: MentoringRequest,
    decided_by: User,
    mentor: User | None = None,
    started_on: dt.date | None = None,
    site_url: str | None = None,
) -> MentoringEngagement:
    """A mentor (who becomes the mentor) or a programme manager (who names a mentor covering
    the organisation's country) accepts: the engagement starts with the requested areas, and
    each requested goal becomes one of its goals."""
    require(decided_by, "learning.answer_mentoring_request", request)
    request = _pending(request)
    mentor = mentor or decided_by
    if not mentor.has_perm("learning.start_mentoring", request.organisation):
        raise ValidationError(
            {"mentor": _("Choose a mentor who covers the organisation's country.")}
        )
    areas = {term.code: term for term in request.areas.all()}
    engagement = mentoring_start(
        mentor=mentor,
        organisation=request.organisation,
        areas=areas.values(),
        started_on=started_on or timezone.localdate(),
    )
    for code, text in request.goals.items():
        if code in areas:
            mentoring_goal_add(engagement=engagement, area=areas[code], description=text)
    request.status = MentoringRequest.Status.ACCEPTED
    request.engagement = engagement
    _record_answer(request, decided_by, site_url)
    return engagement


@transaction.atomic
def mentoring_request_decline(
    *, request: MentoringRequest, decided_by: User, reason: str, site_url: str | None = None
) -> MentoringRequest:
    """Decline, always with a reason the organisation reads."""
    require(decided_by, "learning.answer_mentoring_request", request)
    request = _pending(request)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the request is declined.")})
    request.status = MentoringRequest.Status.DECLINED
    request.decline_reason = reason.strip()
    _record_answer(request, decided_by, site_url)
    return request


def _record_answer(request: MentoringRequest, decided_by: User, site_url: str | None) -> None:
    request.decided_by = decided_by
    request.decided_at = timezone.now()
    request.save()
    url = site_url or settings.SITE_URL
    transaction.on_commit(
        lambda: tasks.send_mentoring_answer.enqueue(request_id=request.pk, site_url=url)
    )


# ---------------------------------------------------------------- joining the community

PROOF_EXTENSIONS = (".pdf", ".png", ".jpg", ".jpeg")
AREAS_OF_WORK = "areas-of-work"


def _text(value: str, field: str, limit: int, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("This field is required.")})
    if len(value) > limit:
        raise ValidationError({field: _("Write at most %(limit)d characters.") % {"limit": limit}})
    return value


def _areas_of_work(areas: Iterable[TaxonomyTerm]) -> list[TaxonomyTerm]:
    areas = list(areas)
    if any(area.taxonomy.code != AREAS_OF_WORK for area in areas):
        raise ValidationError({"areas": _("Choose areas of work from the list.")})
    return areas


def _language(language: str) -> str:
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _unique_organisation_slug(name: str) -> str:
    from django.utils.text import slugify

    base = slugify(name)[:100].strip("-") or "organisation"
    candidate, number = base, 2
    while Organisation.objects.filter(slug=candidate).exists():
        candidate = f"{base}-{number}"
        number += 1
    return candidate


@transaction.atomic
def community_application_submit(
    *,
    applicant: User,
    name: str,
    kind: str,
    country: Country,
    areas: Iterable[TaxonomyTerm],
    contact_name: str,
    contact_email: str,
    description: str,
    language: str,
    contact_phone: str = "",
    proof: Any = None,
) -> OrganisationApplication:
    """A signed-up person applies for an organisation to join the community. The proof, when
    given, is checked by its content like every upload; the reviewers of the country answer."""
    from migralocal.core.uploads import check_upload

    require(applicant, "learning.apply_to_community")
    name = _text(name, "name", 200, required=True)
    description = _text(description, "description", text_limits.NOTE, required=True)
    contact_name = _text(contact_name, "contact_name", 200, required=True)
    contact_phone = _text(contact_phone, "contact_phone", 40)
    contact_email = _text(contact_email, "contact_email", 254, required=True).lower()
    if kind not in Organisation.Kind.values:
        raise ValidationError({"kind": _("Choose a kind of organisation from the list.")})
    areas = _areas_of_work(areas)
    if proof:
        try:
            check_upload(proof, PROOF_EXTENSIONS)
        except ValidationError as error:
            raise ValidationError({"proof": error.messages}) from error
    if OrganisationApplication.objects.filter(
        applicant=applicant, name__iexact=name, country=country, status=Decision.PENDING
    ).exists():
        raise ValidationError(_("You already applied for this organisation; wait for the answer."))
    application = OrganisationApplication(
        applicant=applicant,
        name=name,
        kind=kind,
        country=country,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        description=description,
        language=_language(language),
    )
    if proof:
        application.proof_name = str(proof.name)[-200:]
        application.proof.save(proof.name, proof, save=False)
    application.save()
    application.areas_of_work.set(areas)
    transaction.on_commit(
        lambda: joining_tasks.send_new_application.enqueue(
            application_id=application.pk, site_url=settings.SITE_URL
        )
    )
    return application


def _pending_application(application: OrganisationApplication) -> OrganisationApplication:
    application = OrganisationApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != Decision.PENDING:
        raise ValidationError(_("This application was already answered."))
    return application


def _answer_application(
    application: OrganisationApplication, decided_by: User, site_url: str | None
) -> None:
    application.decided_by = decided_by
    application.decided_at = timezone.now()
    application.save()
    url = site_url or settings.SITE_URL
    transaction.on_commit(
        lambda: tasks.send_application_answer.enqueue(application_id=application.pk, site_url=url)
    )


@transaction.atomic
def community_application_approve(
    *,
    application: OrganisationApplication,
    decided_by: User,
    organisation: Organisation | None = None,
    site_url: str | None = None,
) -> Organisation:
    """A reviewer of the application's country approves it: the organisation is created (or
    the existing one named is linked: it must be in that country), joins the community, and
    the applicant becomes its administrator."""
    from migralocal.core.roles import OrganisationRole
    from migralocal.core.services import membership_grant

    require(decided_by, "learning.review_community_application", application)
    application = _pending_application(application)
    areas = list(application.areas_of_work.all())
    if organisation is not None:
        if organisation.country_id != application.country_id:
            raise ValidationError(
                {"organisation": _("Choose an organisation of the application's country.")}
            )
    elif application.kind == Organisation.Kind.MUNICIPALITY:
        raise ValidationError(
            {"organisation": _("Choose the municipality's organisation, which already exists.")}
        )
    else:
        organisation = Organisation(
            name=application.name,
            slug=_unique_organisation_slug(application.name),
            kind=application.kind,
            country=application.country,
            email=application.contact_email,
        )
        organisation.set_current_language(application.language)
        organisation.description = application.description
        organisation.save()
    organisation.areas_of_work.add(*areas)
    CommunityProfile.objects.get_or_create(
        organisation=organisation,
        defaults={
            "joined_on": timezone.localdate(),
            "contact_name": application.contact_name,
            "contact_email": application.contact_email,
        },
    )
    if application.applicant is not None:
        membership_grant(
            user=application.applicant,
            organisation=organisation,
            role=OrganisationRole.ORGANISATION_ADMIN,
        )
    application.status = Decision.APPROVED
    application.organisation = organisation
    _answer_application(application, decided_by, site_url)
    return organisation


@transaction.atomic
def community_application_decline(
    *,
    application: OrganisationApplication,
    decided_by: User,
    reason: str,
    site_url: str | None = None,
) -> OrganisationApplication:
    """Decline, always with a reason the applicant reads in their language."""
    require(decided_by, "learning.review_community_application", application)
    application = _pending_application(application)
    application.decline_reason = _text(reason, "reason", text_limits.NOTE, required=True)
    application.status = Decision.DECLINED
    _answer_application(application, decided_by, site_url)
    return application


@transaction.atomic
def join_request_submit(
    *, user: User, organisation: Organisation, message: str = ""
) -> JoinRequest:
    """A signed-up person who is not yet a member asks to join an organisation."""
    require(user, "learning.ask_to_join_organisation", organisation)
    message = _text(message, "message", text_limits.NOTE)
    if JoinRequest.objects.filter(
        user=user, organisation=organisation, status=Decision.PENDING
    ).exists():
        raise ValidationError(_("You already asked to join; the administrators will answer."))
    join_request = JoinRequest.objects.create(user=user, organisation=organisation, message=message)
    transaction.on_commit(
        lambda: joining_tasks.send_new_join_request.enqueue(
            join_request_id=join_request.pk, site_url=settings.SITE_URL
        )
    )
    return join_request


def _pending_join_request(join_request: JoinRequest) -> JoinRequest:
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if join_request.status != Decision.PENDING:
        raise ValidationError(_("This request was already answered."))
    return join_request


def _answer_join_request(join_request: JoinRequest, decided_by: User, site_url: str | None) -> None:
    join_request.decided_by = decided_by
    join_request.decided_at = timezone.now()
    join_request.save()
    url = site_url or settings.SITE_URL
    transaction.on_commit(
        lambda: tasks.send_join_request_answer.enqueue(
            join_request_id=join_request.pk, site_url=url
        )
    )


def _organisation_roles(roles: Iterable[str]) -> set[str]:
    from migralocal.core.roles import OrganisationRole

    chosen = {str(role) for role in roles}
    if chosen - set(OrganisationRole.values):
        raise ValidationError({"roles": _("Choose roles from the list.")})
    return chosen


@transaction.atomic
def join_request_approve(
    *,
    join_request: JoinRequest,
    decided_by: User,
    roles: Iterable[str],
    site_url: str | None = None,
) -> JoinRequest:
    """An administrator of the organisation lets the person in, with the roles given."""
    from migralocal.core.services import membership_grant

    require(decided_by, "learning.answer_join_request", join_request)
    join_request = _pending_join_request(join_request)
    chosen = _organisation_roles(roles)
    if not chosen:
        raise ValidationError({"roles": _("Give the person at least one role.")})
    for role in sorted(chosen):
        membership_grant(user=join_request.user, organisation=join_request.organisation, role=role)
    join_request.status = Decision.APPROVED
    _answer_join_request(join_request, decided_by, site_url)
    return join_request


@transaction.atomic
def join_request_decline(
    *, join_request: JoinRequest, decided_by: User, reason: str, site_url: str | None = None
) -> JoinRequest:
    """Decline, always with a reason the person reads."""
    require(decided_by, "learning.answer_join_request", join_request)
    join_request = _pending_join_request(join_request)
    join_request.decline_reason = _text(reason, "reason", text_limits.NOTE, required=True)
    join_request.status = Decision.DECLINED
    _answer_join_request(join_request, decided_by, site_url)
    return join_request


@transaction.atomic
def member_roles_set(
    *, organisation: Organisation, member: User, roles: Iterable[str], changed_by: User
) -> set[str]:
    """An administrator sets the roles a member holds in the organisation; no role removes the
    person from it. The organisation always keeps at least one administrator."""
    from migralocal.core.models import Membership
    from migralocal.core.roles import OrganisationRole
    from migralocal.core.services import membership_grant

    require(changed_by, "learning.manage_organisation_members", organisation)
    chosen = _organisation_roles(roles)
    memberships = Membership.objects.select_for_update().filter(organisation=organisation)
    held = {m.role for m in memberships if m.user_id == member.pk}
    if not held:
        raise ValidationError(_("This person is not a member of the organisation."))
    admin = OrganisationRole.ORGANISATION_ADMIN.value
    other_admins = any(m.role == admin and m.user_id != member.pk for m in memberships)
    if admin in held and admin not in chosen and not other_admins:
        raise ValidationError(
            {"roles": _("The organisation must keep at least one administrator.")}
        )
    for membership in memberships:
        if membership.user_id == member.pk and membership.role not in chosen:
            membership.delete()
    for role in sorted(chosen - held):
        membership_grant(user=member, organisation=organisation, role=role)
    return chosen


PROFILE_TEXTS = {"offers": text_limits.NOTE, "seeks": text_limits.NOTE, "populations_served": 300}


@transaction.atomic
def community_profile_update(
    *,
    organisation: Organisation,
    editor: User,
    areas: Iterable[TaxonomyTerm],
    texts: Mapping[str, Mapping[str, str]],
    contact_name: str = "",
    contact_email: str = "",
) -> CommunityProfile:
    """A member keeps the organisation's community profile: its areas of work and, in each
    language, what it offers, what it seeks and whom it serves. An organisation not yet in the
    community joins it with its first profile."""
    require(editor, "learning.edit_community_profile", organisation)
    areas = _areas_of_work(areas)
    profile = CommunityProfile.objects.filter(organisation=organisation).first()
    if profile is None:
        profile = CommunityProfile(organisation=organisation, joined_on=timezone.localdate())
    profile.contact_name = _text(contact_name, "contact_name", 200)
    profile.contact_email = _text(contact_email, "contact_email", 254).lower()
    existing = set(profile.get_available_languages()) if profile.pk else set()
    for code, _name in settings.LANGUAGES:
        given = texts.get(code, {})
        values = {
            name: _text(given.get(name, ""), f"{name}_{code}", limit)
            for name, limit in PROFILE_TEXTS.items()
        }
        if not any(values.values()) and code not in existing:
            continue
        profile.set_current_language(code)
        for name, value in values.items():
            setattr(profile, name, value)
    profile.save()
    organisation.areas_of_work.set(areas)
    return profile
