"""Trainers author courses through the services: drafts and publication, bilingual texts,
ordering, quizzes with their correct answers, uploads checked, concurrent edits refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from migralocal.core.tests.world import World
from migralocal.learning import authoring_services as services
from migralocal.learning import selectors
from migralocal.learning.authoring_services import ChoiceInput, CourseConflict
from migralocal.learning.models import Course, CourseModule, Lesson
from migralocal.learning.tests.builders import make_course

pytestmark = pytest.mark.django_db

BOTH = {"es": {"title": "Finanzas", "summary": "Resumen"}, "en": {"title": "Finance"}}


def draft(world: World, slug: str = "finanzas") -> Course:
    return services.course_create(
        user=world.user("trainer"), country=world.mexico, slug=slug, texts=BOTH
    )


def lesson_in(course: Course, world: World) -> Lesson:
    module = services.module_save(
        course=course,
        user=world.user("trainer"),
        expected_version=course.version,
        texts={"es": {"title": "Módulo"}},
    )
    return services.lesson_save(
        module=module,
        user=world.user("trainer"),
        expected_version=course.version,
        texts={"es": {"title": "Lección", "body": "**Hola**"}, "en": {"title": "Lesson"}},
        video_url="https://video.example.org/v/1",
    )


def two_choices(correct: tuple[bool, bool] = (True, False)) -> list[ChoiceInput]:
    return [
        ChoiceInput({"es": {"text": "Sí"}, "en": {"text": "Yes"}}, correct[0]),
        ChoiceInput({"es": {"text": "No"}, "en": {"text": "No"}}, correct[1]),
    ]


def test_a_trainer_creates_a_draft_in_both_languages_that_learners_do_not_see(
    world: World,
) -> None:
    course = draft(world)
    assert not course.is_published
    assert course.safe_translation_getter("title", language_code="en") == "Finance"
    assert course.safe_translation_getter("summary", language_code="es") == "Resumen"
    assert course not in selectors.catalogue()
    assert not world.user("member").has_perm("learning.view_course", course)
    assert world.user("trainer").has_perm("learning.view_course", course)


def test_only_trainers_of_the_country_create_and_edit(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.course_create(
            user=world.user("trainer"), country=world.el_salvador, slug="x", texts=BOTH
        )
    course = draft(world)
    for role in ("member", "reviewer", "mentor", "programme_manager"):
        with pytest.raises(PermissionDenied):
            services.course_update(
                course=course,
                user=world.user(role),
                expected_version=course.version,
                texts=BOTH,
                enrolment="open",
            )


def test_a_title_is_needed_in_every_language_written(world: World) -> None:
    with pytest.raises(ValidationError):
        services.course_create(
            user=world.user("trainer"), country=world.mexico, slug="x", texts={"es": {}}
        )
    with pytest.raises(ValidationError):
        services.course_create(
            user=world.user("trainer"),
            country=world.mexico,
            slug="x",
            texts={"es": {"title": "T"}, "en": {"summary": "only a summary"}},
        )
    with pytest.raises(ValidationError):
        services.course_create(
            user=world.user("trainer"),
            country=world.mexico,
            slug="x",
            texts={"es": {"title": "T" * 201}},
        )


def test_a_short_name_taken_or_reserved_is_refused(world: World) -> None:
    draft(world)
    for slug in ("finanzas", "new", "import"):
        with pytest.raises(ValidationError):
            draft(world, slug)


def test_a_language_emptied_loses_its_translation(world: World) -> None:
    course = draft(world)
    services.course_update(
        course=course,
        user=world.user("trainer"),
        expected_version=course.version,
        texts={"es": {"title": "Solo español"}, "en": {"title": ""}},
        enrolment="open",
    )
    assert list(Course.objects.get().get_available_languages()) == ["es"]


def test_a_save_based_on_an_older_version_is_refused_and_overwrites_nothing(
    world: World,
) -> None:
    course = draft(world)
    opened = course.version
    services.course_update(
        course=course,
        user=world.user("trainer"),
        expected_version=opened,
        texts={"es": {"title": "Primero"}},
        enrolment="open",
    )
    stale = Course.objects.get()
    with pytest.raises(CourseConflict):
        services.course_update(
            course=stale,
            user=world.user("admin"),
            expected_version=opened,
            texts={"es": {"title": "Segundo"}},
            enrolment="open",
        )
    assert Course.objects.get().safe_translation_getter("title", language_code="es") == "Primero"
    with pytest.raises(CourseConflict):
        services.module_save(
            course=stale,
            user=world.user("trainer"),
            expected_version=opened,
            texts={"es": {"title": "M"}},
        )
    assert not CourseModule.objects.exists()


def test_a_course_is_published_only_when_ready_and_can_go_back_to_draft(world: World) -> None:
    course = draft(world)
    trainer = world.user("trainer")
    with pytest.raises(ValidationError):
        services.course_set_published(
            course=course, user=trainer, expected_version=course.version, published=True
        )
    lesson = lesson_in(course, world)
    quiz = services.quiz_save(
        lesson=lesson, user=trainer, expected_version=course.version, texts={"es": {"title": "Q"}}
    )
    with translation.override("en"), pytest.raises(ValidationError, match="no question"):
        services.course_set_published(
            course=course, user=trainer, expected_version=course.version, published=True
        )
    services.question_save(
        quiz=quiz,
        user=trainer,
        expected_version=course.version,
        kind="single",
        texts={"es": {"text": "¿Uno?"}},
        choices=two_choices(),
    )
    services.course_set_published(
        course=course, user=trainer, expected_version=course.version, published=True
    )
    assert course in selectors.catalogue()
    assert world.user("member").has_perm("learning.enrol_in_course", course)
    services.course_set_published(
        course=course, user=trainer, expected_version=course.version, published=False
    )
    assert course not in selectors.catalogue()


def test_questions_need_their_correct_answers(world: World) -> None:
    course = draft(world)
    trainer = world.user("trainer")
    lesson = lesson_in(course, world)
    quiz = services.quiz_save(
        lesson=lesson, user=trainer, expected_version=course.version, texts={"es": {"title": "Q"}}
    )
    for kind, choices in (
        ("single", two_choices((True, True))),
        ("single", two_choices((False, False))),
        ("multiple", two_choices((False, False))),
        ("single", two_choices()[:1]),
    ):
        with pytest.raises(ValidationError):
            services.question_save(
                quiz=quiz,
                user=trainer,
                expected_version=course.version,
                kind=kind,
                texts={"es": {"text": "¿?"}},
                choices=choices,
            )
    question = services.question_save(
        quiz=quiz,
        user=trainer,
        expected_version=course.version,
        kind="multiple",
        texts={"es": {"text": "¿Varios?"}, "en": {"text": "Several?"}},
        choices=[*two_choices((True, True)), ChoiceInput({"es": {"text": "Tal vez"}}, False)],
    )
    assert [c.is_correct for c in question.choices.order_by("position")] == [True, True, False]
    services.question_save(
        quiz=quiz,
        user=trainer,
        expected_version=course.version,
        kind="single",
        texts={"es": {"text": "¿Uno?"}},
        choices=two_choices(),
        question=question,
    )
    assert question.choices.count() == 2


def test_modules_and_lessons_are_moved_up_and_down(world: World) -> None:
    course = draft(world)
    trainer = world.user("trainer")
    first, second = (
        services.module_save(
            course=course,
            user=trainer,
            expected_version=course.version,
            texts={"es": {"title": title}},
        )
        for title in ("Uno", "Dos")
    )
    services.item_move(
        course=course, user=trainer, expected_version=course.version, item=second, up=True
    )
    assert [str(m) for m in course.modules.order_by("position")] == ["Dos", "Uno"]
    lessons = [
        services.lesson_save(
            module=first,
            user=trainer,
            expected_version=course.version,
            texts={"es": {"title": title}},
        )
        for title in ("A", "B", "C")
    ]
    services.item_move(
        course=course, user=trainer, expected_version=course.version, item=lessons[0], up=False
    )
    assert [str(lesson) for lesson in first.lessons.order_by("position")] == ["B", "A", "C"]
    other = make_course(world.mexico, "otro")
    with pytest.raises(ValidationError):
        services.item_move(
            course=other,
            user=trainer,
            expected_version=other.version,
            item=lessons[0],
            up=True,
        )


def test_video_links_and_files_are_checked(world: World) -> None:
    course = draft(world)
    trainer = world.user("trainer")
    lesson = lesson_in(course, world)
    for url in ("javascript:alert(1)", "ftp://example.org/v", "not a link"):
        with pytest.raises(ValidationError):
            services.lesson_save(
                module=lesson.module,
                user=trainer,
                expected_version=course.version,
                texts={"es": {"title": "L"}},
                video_url=url,
                lesson=lesson,
            )
    with pytest.raises(ValidationError):
        services.lesson_save(
            module=lesson.module,
            user=trainer,
            expected_version=course.version,
            texts={"es": {"title": "L"}},
            attachment=SimpleUploadedFile("guia.pdf", b"MZ\x90\x00" + b"\x00" * 64),
            lesson=lesson,
        )
    saved = services.lesson_save(
        module=lesson.module,
        user=trainer,
        expected_version=course.version,
        texts={"es": {"title": "L"}},
        attachment=SimpleUploadedFile("guia.pdf", b"%PDF-1.7\n" + b"0" * 64),
        lesson=lesson,
    )
    assert str(saved.attachment.name).endswith(".pdf")


def test_content_learners_completed_is_not_removed(world: World) -> None:
    course = make_course(world.mexico, "publicado")
    from migralocal.learning import services as learning_services

    enrolment = learning_services.course_enrol(course=course, user=world.user("member"))
    first = selectors.lessons_of(course).first()
    assert first is not None
    learning_services.lesson_complete(enrolment=enrolment, lesson=first)
    with pytest.raises(ValidationError):
        services.lesson_delete(
            lesson=first, user=world.user("trainer"), expected_version=course.version
        )
    with pytest.raises(ValidationError):
        services.module_delete(
            module=first.module, user=world.user("trainer"), expected_version=course.version
        )
    assert Lesson.objects.filter(pk=first.pk).exists()
