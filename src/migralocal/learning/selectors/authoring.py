"""Reads of the trainers' authoring pages."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from migralocal.core.models import Actor, Country
from migralocal.core.selectors import programme_countries_of
from migralocal.learning.models import Course, CourseModule, Lesson


def authored_courses(*, user: Actor) -> QuerySet[Course]:
    """Drafts and published courses of the countries the trainer covers."""
    countries = programme_countries_of(user)
    return (
        Course.objects.filter(country__in=countries)
        .select_related("country")
        .prefetch_related("translations", "country__translations")
        .order_by("-is_published", "position", "slug")
    )


def authoring_countries(*, user: Actor) -> QuerySet[Country]:
    """The countries where the user may create a course."""
    countries = programme_countries_of(user)
    allowed = [
        country.pk for country in countries if user.has_perm("learning.manage_course", country)
    ]
    return countries.filter(pk__in=allowed)


def course_outline(course: Course) -> list[CourseModule]:
    """The course's modules in order, each with its lessons (and their quizzes) in order."""
    lessons = (
        Lesson.objects.order_by("position", "pk")
        .select_related("quiz")
        .prefetch_related("translations")
    )
    return list(
        course.modules.order_by("position", "pk").prefetch_related(
            "translations", Prefetch("lessons", queryset=lessons)
        )
    )
