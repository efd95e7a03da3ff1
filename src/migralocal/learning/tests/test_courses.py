"""Enrolment rules, lessons, quizzes with pass mark and attempts, certificates, and the
certification-cycle status the assessments module reads."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from migralocal.core.markdown import render_markdown
from migralocal.core.tests.factories import MembershipFactory, UserFactory
from migralocal.core.tests.world import World
from migralocal.learning import selectors, services
from migralocal.learning.models import Certificate, Course, CourseInvitation, Enrolment
from migralocal.learning.tests.builders import make_course, right_answers, wrong_answers

pytestmark = pytest.mark.django_db


def complete_course(course: Course, user: object) -> Enrolment:
    enrolment = services.course_enrol(course=course, user=user)  # type: ignore[arg-type]
    for lesson in selectors.lessons_of(course):
        if hasattr(lesson, "quiz"):
            services.quiz_submit(
                enrolment=enrolment, quiz=lesson.quiz, answers=right_answers(lesson.quiz)
            )
        else:
            services.lesson_complete(enrolment=enrolment, lesson=lesson)
    enrolment.refresh_from_db()
    return enrolment


def test_enrolment_records_the_learners_organisation(world: World) -> None:
    course = make_course(world.mexico)
    enrolment = services.course_enrol(course=course, user=world.user("member"))
    assert enrolment.organisation == world.mexican_cso


def test_unpublished_course_refuses_enrolment(world: World) -> None:
    course = make_course(world.mexico, is_published=False)
    with pytest.raises(ValidationError):
        services.course_enrol(course=course, user=world.user("member"))


def test_invitation_course_admits_only_invited_emails(world: World) -> None:
    course = make_course(world.mexico, enrolment=Course.Enrolment.INVITATION)
    CourseInvitation.objects.create(course=course, email="member@example.org")
    assert services.course_enrol(course=course, user=world.user("member"))
    with pytest.raises(PermissionDenied):
        services.course_enrol(course=course, user=world.user("no_role"))


def test_organisation_course_admits_only_its_members(world: World) -> None:
    course = make_course(world.mexico, enrolment=Course.Enrolment.ORGANISATIONS)
    course.organisations.set([world.el_progreso_municipality])
    assert world.user("hub_staff").has_perm("learning.enrol_in_course", course)
    assert not world.user("member").has_perm("learning.enrol_in_course", course)


def test_lesson_with_a_quiz_is_completed_only_by_passing_it(world: World) -> None:
    course = make_course(world.mexico)
    enrolment = services.course_enrol(course=course, user=world.user("member"))
    last = list(selectors.lessons_of(course))[-1]
    with pytest.raises(ValidationError):
        services.lesson_complete(enrolment=enrolment, lesson=last)


def test_failed_attempts_are_limited_and_a_pass_completes_the_course(world: World) -> None:
    course = make_course(world.mexico)
    member = world.user("member")
    enrolment = services.course_enrol(course=course, user=member)
    first, last = list(selectors.lessons_of(course))
    services.lesson_complete(enrolment=enrolment, lesson=first)
    failed = services.quiz_submit(
        enrolment=enrolment, quiz=last.quiz, answers=wrong_answers(last.quiz)
    )
    assert (failed.score, failed.passed) == (0, False)
    # One of two right (the multiple-choice one needs both options): 50% meets the pass mark.
    half = right_answers(last.quiz)
    _single, multiple = list(last.quiz.questions.all())
    half[multiple.pk] = half[multiple.pk][:1]
    passed = services.quiz_submit(enrolment=enrolment, quiz=last.quiz, answers=half)
    assert (passed.number, passed.score, passed.passed) == (2, 50, True)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.number == f"ML-{enrolment.completed_at:%Y}-{enrolment.pk:06d}"
    with pytest.raises(ValidationError):
        services.quiz_submit(enrolment=enrolment, quiz=last.quiz, answers=half)


def test_no_attempt_after_the_last_one(world: World) -> None:
    course = make_course(world.mexico)
    enrolment = services.course_enrol(course=course, user=world.user("member"))
    quiz = list(selectors.lessons_of(course))[-1].quiz
    for _attempt in range(2):
        services.quiz_submit(enrolment=enrolment, quiz=quiz, answers=wrong_answers(quiz))
    with pytest.raises(ValidationError):
        services.quiz_submit(enrolment=enrolment, quiz=quiz, answers=right_answers(quiz))
    assert selectors.attempts_left(enrolment=enrolment, quiz=quiz) == 0


def test_next_step_points_to_the_first_unfinished_lesson(world: World) -> None:
    course = make_course(world.mexico, lessons=3)
    enrolment = services.course_enrol(course=course, user=world.user("member"))
    lessons = list(selectors.lessons_of(course))
    services.lesson_complete(enrolment=enrolment, lesson=lessons[0])
    (progress,) = selectors.learner_progress(world.user("member"))
    assert (progress.done, progress.total, progress.next_lesson) == (1, 3, lessons[1])


def test_markdown_is_rendered_and_scripts_are_removed() -> None:
    html = render_markdown("**bold** <script>alert(1)</script> [x](javascript:alert(1))")
    assert "<strong>bold</strong>" in html
    assert "<script" not in html
    assert "javascript:" not in html


def test_municipal_training_status_needs_all_four_modules(world: World) -> None:
    municipality = world.el_progreso_municipality
    status = selectors.municipal_training_status(municipality)
    assert not status.is_complete and status.courses == []
    courses = [
        make_course(world.honduras, f"cert-{number}", certification_module=number)
        for number in range(1, 5)
    ]
    official = UserFactory.create(email="official@example.org")
    MembershipFactory.create(user=official, organisation=municipality, role="focal_point")
    for course in courses[:3]:
        complete_course(course, official)
    status = selectors.municipal_training_status(municipality)
    assert (status.completed_modules, status.is_complete) == (3, False)
    complete_course(courses[3], official)
    status = selectors.municipal_training_status(municipality)
    assert status.is_complete
    assert [c.officials_completed for c in status.courses] == [1, 1, 1, 1]
    # Another municipality's officials count nothing here.
    assert not selectors.municipal_training_status(world.san_salvador_municipality).is_complete
