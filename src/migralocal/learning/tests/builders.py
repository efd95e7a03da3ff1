"""Small builders for Learning's tests: a course with lessons and a quiz, an event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from migralocal.core.models import Country, TaxonomyTerm
from migralocal.learning.models import (
    CAPACITY_AREAS,
    Choice,
    Course,
    CourseModule,
    Event,
    LearningPath,
    Lesson,
    PathStep,
    Question,
    Quiz,
)


def make_course(
    country: Country, slug: str = "course", *, lessons: int = 2, **fields: Any
) -> Course:
    """A published course whose last lesson ends with a two-question quiz (pass mark 50%)."""
    fields.setdefault("is_published", True)
    course = Course.objects.create(slug=slug, country=country, title=f"Curso {slug}", **fields)
    module = CourseModule.objects.create(course=course, position=1, title="Módulo 1")
    for number in range(1, lessons + 1):
        Lesson.objects.create(
            module=module, position=number, title=f"Lección {number}", body="**Hola**"
        )
    quiz = Quiz.objects.create(
        lesson=module.lessons.last(), pass_mark=50, max_attempts=2, title="Evaluación"
    )
    single = Question.objects.create(quiz=quiz, position=1, kind="single", text="¿Uno?")
    Choice.objects.create(question=single, position=1, is_correct=True, text="Sí")
    Choice.objects.create(question=single, position=2, is_correct=False, text="No")
    multiple = Question.objects.create(quiz=quiz, position=2, kind="multiple", text="¿Varios?")
    Choice.objects.create(question=multiple, position=1, is_correct=True, text="A")
    Choice.objects.create(question=multiple, position=2, is_correct=True, text="B")
    Choice.objects.create(question=multiple, position=3, is_correct=False, text="C")
    return course


def right_answers(quiz: Quiz) -> dict[int, list[int]]:
    return {
        question.pk: [choice.pk for choice in question.choices.all() if choice.is_correct]
        for question in quiz.questions.all()
    }


def wrong_answers(quiz: Quiz) -> dict[int, list[int]]:
    return {
        question.pk: [choice.pk for choice in question.choices.all() if not choice.is_correct]
        for question in quiz.questions.all()
    }


def area(code: str) -> TaxonomyTerm:
    return TaxonomyTerm.objects.of(CAPACITY_AREAS).get(code=code)


def make_path(
    slug: str, areas: list[str], courses: list[Course], position: int = 0
) -> LearningPath:
    path = LearningPath.objects.create(slug=slug, position=position, title=f"Ruta {slug}")
    path.target_areas.set([area(code) for code in areas])
    for number, course in enumerate(courses, start=1):
        PathStep.objects.create(path=path, course=course, position=number)
    return path


def next_week() -> dt.datetime:
    """A start a week ahead at 20:00 UTC: registration is open for an event that has not ended."""
    ahead = timezone.now() + dt.timedelta(days=7)
    return ahead.replace(hour=20, minute=0, second=0, microsecond=0)


def make_event(country: Country, slug: str = "taller", **fields: Any) -> Event:
    start = fields.pop("starts_at", None) or next_week()
    values: dict[str, Any] = {
        "kind": Event.Kind.WORKSHOP,
        "format": Event.Format.HYBRID,
        "time_zone": "America/Tegucigalpa",
        "title": f"Evento {slug}",
    }
    values.update(fields)
    return Event.objects.create(
        slug=slug, country=country, starts_at=start, ends_at=start + dt.timedelta(hours=2), **values
    )
