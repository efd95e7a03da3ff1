"""Calls for tests, built through the services the pages use."""

from __future__ import annotations

import datetime

from migralocal.assessments.models import Framework
from migralocal.assessments.tests.helpers import published_small_framework
from migralocal.calls import services
from migralocal.calls.models import Call, CallApplication
from migralocal.core.models import Organisation
from migralocal.core.tests.world import World
from migralocal.programmes.models import Programme
from migralocal.programmes.tests.builders import make_programme

DEADLINE = datetime.date(2026, 3, 31)
BEFORE = datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)
AFTER = datetime.datetime(2026, 4, 2, 12, tzinfo=datetime.UTC)


def framework() -> Framework:
    return (
        Framework.objects.filter(status=Framework.Status.PUBLISHED).first()
        or published_small_framework()
    )


def make_call(
    world: World,
    *,
    programme: Programme | None = None,
    deadline: datetime.date = DEADLINE,
    year: int = 2026,
) -> Call:
    return services.call_open(
        actor=world.user("programme_manager"),
        programme=programme or make_programme(world),
        fields=services.CallFields(
            titles={"es": "Convocatoria 2026", "en": "2026 call"},
            descriptions={"es": "Para municipios.", "en": "For municipalities."},
            framework=framework(),
            year=year,
            deadline=deadline,
        ),
    )


def apply(world: World, call: Call, municipality: Organisation | None = None) -> CallApplication:
    """El Progreso's focal point applies (the admin, for another municipality), before the
    deadline."""
    municipality = municipality or world.el_progreso_municipality
    user = world.user("focal_point" if municipality == world.el_progreso_municipality else "admin")
    return services.call_apply(
        call=call, municipality=municipality, user=user, motivation="Queremos aprender.", now=BEFORE
    )
