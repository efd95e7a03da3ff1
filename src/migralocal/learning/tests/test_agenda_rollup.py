"""The events figures' roll-up by kind: events held, attendances, distinct people and distinct
organisations per kind, built from data; and protected like every public figure."""

from __future__ import annotations

import datetime as dt

import pytest

from migralocal.core.models import Organisation
from migralocal.core.tests.world import World
from migralocal.learning import services
from migralocal.learning.models import Event, Registration
from migralocal.learning.tests.builders import make_event
from migralocal.reports.presentation import present_indicator
from migralocal.reports.selectors import Period, ReportScope, events_by_kind

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 10, 15, 0, tzinfo=dt.UTC)


def attend(event: Event, email: str, organisation: Organisation | None = None) -> Registration:
    registration = Registration.objects.create(
        event=event,
        email=email,
        name=email,
        gender="woman",
        role="civil_society",
        organisation=organisation,
        country=event.country,
    )
    return services.registration_check_in(registration=registration, mode="in_person")


def test_the_roll_up_counts_each_kind_from_built_data(world: World) -> None:
    municipality, cso = world.el_progreso_municipality, world.mexican_cso
    workshops = [
        make_event(world.honduras, f"taller-{n}", kind=Event.Kind.WORKSHOP, starts_at=START)
        for n in (1, 2)
    ]
    summit = make_event(world.honduras, "cumbre", kind=Event.Kind.SUMMIT, starts_at=START)
    make_event(world.honduras, "vacio", kind=Event.Kind.WEBINAR, starts_at=START)  # no one came
    for workshop in workshops:  # the same two people at both workshops
        attend(workshop, "ana@example.org", municipality)
        attend(workshop, "Luis@example.org", cso)
    attend(summit, "ANA@example.org", municipality)
    Registration.objects.create(  # registered, never attended: not counted
        event=summit, email="x@example.org", name="X", gender="man", role="other"
    )
    scope = ReportScope(countries=(world.honduras,), period=Period(2026))
    raw = events_by_kind(scope)
    by_key = {
        series.key: dict(zip(series.keys, series.counts, strict=True)) for series in raw.series
    }
    assert by_key["events"] == {"workshop": 2, "webinar": 0, "virtual_meeting": 0, "summit": 1}
    assert by_key["attendances"] == {"workshop": 4, "webinar": 0, "virtual_meeting": 0, "summit": 1}
    assert by_key["people"] == {"workshop": 2, "webinar": 0, "virtual_meeting": 0, "summit": 1}
    assert by_key["organisations"]["workshop"] == 2 and by_key["organisations"]["summit"] == 1
    assert raw.total == 3
    # The public figure hides the small counts.
    shown = present_indicator(raw, suppressed=True)
    assert all(
        row.cell.suppressed for series in shown.series for row in series.rows if row.cell.value
    )


def test_another_period_or_country_counts_nothing(world: World) -> None:
    event = make_event(world.honduras, "taller", starts_at=START)
    attend(event, "ana@example.org")
    assert events_by_kind(ReportScope((world.honduras,), Period(2025))).total == 0
    assert events_by_kind(ReportScope((world.el_salvador,), Period(2026))).total == 0
