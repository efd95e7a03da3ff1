"""The Learning demo tells the programme's story with its real figures."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone, translation

from migralocal.core.models import Organisation
from migralocal.learning import selectors
from migralocal.learning.models import (
    CommunityProfile,
    Course,
    Event,
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
