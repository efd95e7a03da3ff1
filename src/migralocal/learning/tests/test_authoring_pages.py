"""The authoring pages as trainers and others use them: who gets in, bilingual editing with a
Markdown preview, publication, a stale page refused, hostile text shown harmless, packages."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from migralocal.core.tests.world import World
from migralocal.learning import course_package
from migralocal.learning.models import Course, CourseModule, Lesson, Question, Quiz
from migralocal.learning.tests.builders import make_course

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def signed_in(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def bilingual(prefix: str, es: str, en: str = "") -> dict[str, str]:
    return {f"{prefix}_es": es, f"{prefix}_en": en}


def create_course(client: Client, world: World, title: str = "Finanzas") -> Course:
    client.post(
        reverse("learning:authoring_course_create"),
        {
            **bilingual("title", title, "Finance"),
            **bilingual("summary", "Resumen", "Summary"),
            "slug": "finanzas",
            "country": world.mexico.pk,
            "enrolment": "open",
        },
    )
    return Course.objects.get(slug="finanzas")


def test_only_trainers_and_admins_reach_the_authoring_pages(world: World) -> None:
    url = reverse("learning:authoring_courses")
    for role in ("trainer", "admin"):
        assert signed_in(world, role).get(url).status_code == 200
    for role in ("member", "hub_staff", "reviewer", "mentor", "programme_manager", "no_role"):
        assert signed_in(world, role).get(url).status_code == 403
    assert Client().get(url).status_code == 302


def test_a_course_of_another_country_is_not_edited(world: World) -> None:
    course = make_course(world.el_salvador, "salvadoreno")
    url = reverse("learning:authoring_course", args=[course.slug])
    assert signed_in(world, "trainer").get(url).status_code == 403
    draft = make_course(world.el_salvador, "borrador", is_published=False)
    assert (
        signed_in(world, "trainer")
        .get(reverse("learning:authoring_course", args=[draft.slug]))
        .status_code
        == 404
    )
    assert signed_in(world, "admin").get(url).status_code == 200


def test_a_trainer_writes_a_course_with_a_module_lesson_and_quiz_and_publishes_it(
    world: World,
) -> None:
    client = signed_in(world, "trainer")
    course = create_course(client, world)
    assert not course.is_published
    assert client.get(course.get_absolute_url()).status_code == 200
    assert signed_in(world, "member").get(course.get_absolute_url()).status_code == 404
    client.post(
        reverse("learning:authoring_module_create", args=[course.slug]),
        {**bilingual("title", "Módulo uno", "Module one"), "version": 0},
    )
    module = CourseModule.objects.get(course=course)
    lesson_url = reverse("learning:authoring_lesson_create", args=[course.slug, module.pk])
    lesson_data = {
        **bilingual("title", "Lección", "Lesson"),
        **bilingual("body", "**Hola**", "**Hello**"),
        "estimated_minutes": 10,
        "video_url": "https://video.example.org/v/1",
        "version": 1,
    }
    preview = client.post(lesson_url, {**lesson_data, "action": "preview"}).content.decode()
    assert "<strong>Hola</strong>" in preview and "<strong>Hello</strong>" in preview
    assert not Lesson.objects.exists()
    client.post(
        lesson_url,
        {**lesson_data, "action": "save", "attachment": SimpleUploadedFile("g.pdf", b"%PDF-1.7")},
    )
    lesson = Lesson.objects.get()
    assert lesson.safe_translation_getter("body", language_code="en") == "**Hello**"
    client.post(
        reverse("learning:authoring_quiz", args=[course.slug, lesson.pk]),
        {
            **bilingual("title", "Evaluación", "Quiz"),
            "pass_mark": 50,
            "max_attempts": 2,
            "version": 2,
        },
    )
    quiz = Quiz.objects.get()
    client.post(
        reverse("learning:authoring_question_create", args=[course.slug, lesson.pk]),
        {
            **bilingual("text", "¿Uno?", "One?"),
            "kind": "single",
            **bilingual("choice_1", "Sí", "Yes"),
            "correct_1": "on",
            **bilingual("choice_2", "No", "No"),
            "version": 3,
        },
    )
    question = Question.objects.get(quiz=quiz)
    assert question.choices.filter(is_correct=True).count() == 1
    client.post(
        reverse("learning:authoring_publish", args=[course.slug]),
        {"action": "publish", "version": 4},
    )
    course.refresh_from_db()
    assert course.is_published
    catalogue = signed_in(world, "member").get(reverse("learning:catalogue")).content.decode()
    assert "Finanzas" in catalogue


def test_a_stale_page_is_refused_with_an_explanation(world: World) -> None:
    client = signed_in(world, "trainer")
    course = create_course(client, world)
    url = reverse("learning:authoring_course", args=[course.slug])
    data = {**bilingual("title", "Uno"), "enrolment": "open", "version": 0}
    client.post(url, data)
    response = client.post(url, {**data, **bilingual("title", "Dos")})
    assert response.status_code == 200
    assert "Otra persona modificó este curso" in response.content.decode()
    course.refresh_from_db()
    assert course.safe_translation_getter("title", language_code="es") == "Uno"


def test_wrong_answers_and_links_get_errors_beside_the_fields(world: World) -> None:
    client = signed_in(world, "trainer")
    course = make_course(world.mexico, "curso", is_published=False)
    lesson = Lesson.objects.filter(module__course=course).last()
    assert lesson is not None
    response = client.post(
        reverse("learning:authoring_lesson", args=[course.slug, lesson.pk]),
        {
            **bilingual("title", "L"),
            "estimated_minutes": 5,
            "video_url": "javascript:alert(1)",
            "version": 0,
            "attachment": SimpleUploadedFile("guia.pdf", b"MZ\x90\x00" + bytes(64)),
        },
    ).content.decode()
    assert response.count("errorlist") >= 2
    response = client.post(
        reverse("learning:authoring_question_create", args=[course.slug, lesson.pk]),
        {
            **bilingual("text", "¿?"),
            "kind": "single",
            **bilingual("choice_1", "A"),
            **bilingual("choice_2", "B"),
            "version": 0,
        },
    ).content.decode()
    assert "exactamente una respuesta correcta" in response


def test_hostile_text_in_every_field_is_shown_harmless(world: World) -> None:
    client = signed_in(world, "trainer")
    course = create_course(client, world, title=HOSTILE)
    client.post(
        reverse("learning:authoring_course", args=[course.slug]),
        {
            **bilingual("title", HOSTILE, HOSTILE),
            **bilingual("summary", HOSTILE, HOSTILE),
            "enrolment": "open",
            "version": 0,
        },
    )
    client.post(
        reverse("learning:authoring_module_create", args=[course.slug]),
        {**bilingual("title", HOSTILE, HOSTILE), "version": 1},
    )
    module = CourseModule.objects.get(course=course)
    client.post(
        reverse("learning:authoring_lesson_create", args=[course.slug, module.pk]),
        {
            **bilingual("title", HOSTILE, HOSTILE),
            **bilingual("body", HOSTILE, HOSTILE),
            "estimated_minutes": 5,
            "version": 2,
        },
    )
    lesson = Lesson.objects.get()
    client.post(
        reverse("learning:authoring_quiz", args=[course.slug, lesson.pk]),
        {**bilingual("title", HOSTILE, HOSTILE), "pass_mark": 50, "max_attempts": 2, "version": 3},
    )
    client.post(
        reverse("learning:authoring_question_create", args=[course.slug, lesson.pk]),
        {
            **bilingual("text", HOSTILE, HOSTILE),
            "kind": "single",
            **bilingual("choice_1", HOSTILE, HOSTILE),
            "correct_1": "on",
            **bilingual("choice_2", "No", "No"),
            "version": 4,
        },
    )
    question = Question.objects.get()
    assert question.safe_translation_getter("text", language_code="es") == HOSTILE
    pages = [
        reverse("learning:authoring_courses"),
        reverse("learning:authoring_course", args=[course.slug]),
        reverse("learning:authoring_module", args=[course.slug, module.pk]),
        reverse("learning:authoring_lesson", args=[course.slug, lesson.pk]),
        reverse("learning:authoring_quiz", args=[course.slug, lesson.pk]),
        reverse("learning:authoring_question", args=[course.slug, question.pk]),
        course.get_absolute_url(),
    ]
    for url in pages:
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page, url
    preview = client.post(
        reverse("learning:authoring_lesson", args=[course.slug, lesson.pk]),
        {
            **bilingual("title", HOSTILE),
            **bilingual("body", HOSTILE),
            "estimated_minutes": 5,
            "version": 5,
            "action": "preview",
        },
    ).content.decode()
    assert "<script>alert" not in preview and "<img src=x" not in preview


def test_packages_are_exported_and_imported_through_the_pages(world: World) -> None:
    course = make_course(world.mexico, "finanzas")
    client = signed_in(world, "trainer")
    response = client.get(reverse("learning:authoring_export", args=[course.slug]))
    assert response["Content-Type"] == "application/zip"
    upload = SimpleUploadedFile("finanzas.zip", response.content)
    result = client.post(
        reverse("learning:authoring_import"), {"package": upload, "country": world.mexico.pk}
    )
    assert result.status_code == 302
    assert Course.objects.get(slug="finanzas-2").is_published is False
    bad = client.post(
        reverse("learning:authoring_import"),
        {"package": SimpleUploadedFile("x.zip", b"nope"), "country": world.mexico.pk},
        HTTP_ACCEPT_LANGUAGE="es",
    ).content.decode()
    assert "errorlist" in bad
    assert course_package.FORMAT  # the documented format name
    assert signed_in(world, "member").get(reverse("learning:authoring_import")).status_code == 403
