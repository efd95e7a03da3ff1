"""The Learning demo tells the programme's story with its real figures."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone, translation

from migralocal.core.models import Organisation
from migralocal.learning import selectors
from migralocal.learning.models import (
    CommunityProfile,
    Course,
    Event,
    Lesson,
    MentoringEngagement,
    Registration,
)


def test_demo_has_the_courses_events_attendance_and_mentoring_of_the_programme(
    demo_db: None,
) -> None:
    cycle = Course.objects.filter(certification_module__isnull=False).order_by(
        "certification_module"
    )
    with translation.override("en"):
        assert [str(course) for course in cycle] == [
            "Access to rights for migrants",
            "Economic, social, cultural and political integration",
            "Designing public policy on migration",
            "Migration governance basics",
        ]
    assert all(course.modules.exists() for course in Course.objects.all())
    assert Event.objects.filter(kind=Event.Kind.VIRTUAL_MEETING).count() == 21
    assert Event.objects.filter(kind=Event.Kind.SUMMIT, country__code="CR").exists()
    community_events = Event.objects.filter(starts_at__year__lt=2024).exclude(
        slug="capacitacion-agencia-metropolitana-de-control"
    )
    attended = Registration.objects.filter(event__in=community_events, attended_at__isnull=False)
    assert attended.count() == 406
    this_year = timezone.localdate().year
    held = Registration.objects.filter(attended_at__year=this_year, attended_at__lte=timezone.now())
    assert held.count() == 36  # this year's results are not empty
    upcoming = Event.objects.filter(starts_at__gt=timezone.now())
    assert upcoming.count() == 1 and upcoming.get().registrations.count() == 12
    # Registration for the upcoming workshop is open until two days before it; the past
    # summits no longer take registrations.
    workshop = upcoming.get()
    assert workshop.registration_deadline == workshop.starts_at - dt.timedelta(days=2)
    summit = Event.objects.get(slug="cumbre-presencial-costa-rica-2023")
    assert not summit.registration_is_open(timezone.now())
    training = Event.objects.get(slug="capacitacion-agencia-metropolitana-de-control")
    with translation.override("en"):
        figures = selectors.attendance_figures(training.registrations.all())
    assert {n: c for n, c, _share in figures.breakdown("Mode").rows} == {
        "Online": 110,
        "In person": 100,
    }
    assert ("Woman", 107, 51) in figures.breakdown("Gender").rows
    mentored = MentoringEngagement.objects.values("organisation").distinct().count()
    assert mentored == 18
    members = CommunityProfile.objects.select_related("organisation__country")
    assert members.count() >= 35
    assert {m.organisation.country.code for m in members} == {"MX", "CO", "SV", "US", "GT", "HN"}
    assert all(m.organisation.kind == Organisation.Kind.CIVIL_SOCIETY for m in members)


def test_demo_events_start_at_sensible_local_times(demo_db: None) -> None:
    """Every event starts in the morning or early afternoon where it takes place."""
    for event in Event.objects.all():
        local = event.starts_at.astimezone(ZoneInfo(event.time_zone))
        assert 7 <= local.hour <= 14, (event.slug, local)
    meeting = Event.objects.get(slug="encuentro-virtual-01")
    assert meeting.starts_at.astimezone(ZoneInfo("America/Mexico_City")).time() == dt.time(10)
    summit = Event.objects.get(slug="cumbre-presencial-costa-rica-2023")
    assert summit.starts_at.astimezone(ZoneInfo("America/Costa_Rica")).time() == dt.time(8, 30)


def test_demo_lessons_have_real_content_in_both_languages(demo_db: None) -> None:
    lessons = Lesson.objects.prefetch_related("translations")
    assert lessons.count() >= 11
    for lesson in lessons:
        for language in ("es", "en"):
            body = lesson.safe_translation_getter("body", language_code=language)
            assert len(body.split()) >= 120, (lesson.pk, language)
    governance = Lesson.objects.get(
        module__course__slug="gobernanza-migratoria-basica", position=1
    ).safe_translation_getter("body", language_code="en")
    assert "three principles" in governance and "six domains" in governance


def test_demo_trains_three_of_quitos_departments_with_their_figures(demo_db: None) -> None:
    """The Agencia Metropolitana de Control's 210 officials, 50 of the Secretaría de Territorio,
    Hábitat y Vivienda and 32 of the Secretaría de Inclusión Social (16 women, 16 men), each
    training's attendance by department, gender and mode."""
    quito = "Municipio del Distrito Metropolitano de Quito"
    expected = {
        "capacitacion-agencia-metropolitana-de-control": (
            "Agencia Metropolitana de Control",
            210,
            (107, 103),
            (110, 100),
        ),
        "capacitacion-secretaria-de-territorio-habitat-y-vivienda": (
            "Secretaría de Territorio, Hábitat y Vivienda",
            50,
            (26, 24),
            (0, 50),
        ),
        "capacitacion-secretaria-de-inclusion-social": (
            "Secretaría de Inclusión Social",
            32,
            (16, 16),
            (0, 32),
        ),
    }
    for slug, (department, attendees, women_men, online_in_person) in expected.items():
        training = Event.objects.get(slug=slug)
        attended = training.registrations.filter(attended_at__isnull=False)
        assert set(attended.values_list("department", flat=True)) == {department}, slug
        assert set(attended.values_list("role", flat=True)) == {"municipal_official"}, slug
        with translation.override("en"):
            figures = selectors.attendance_figures(training.registrations.all())
        split = figures.departments
        assert split is not None and len(split.rows) == 1, slug
        row = split.row(f"{department} ({quito})")
        assert row.attendees == attendees == figures.attendees, slug
        assert tuple(row.by_gender[:2]) == women_men and sum(row.by_gender[2:]) == 0, slug
        assert tuple(row.by_mode) == online_in_person, slug
    # Nobody is counted at two trainings.
    officials = Registration.objects.filter(event__slug__in=expected, attended_at__isnull=False)
    assert officials.values("email").distinct().count() == 292
