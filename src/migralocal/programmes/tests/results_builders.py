"""A small results framework over the reports' hand-counted records (reports/tests/builders.py):
a programme in Honduras and El Salvador owning the 2026 workshop, one hub and the certified
round, with one computed and one manual indicator."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from migralocal.assessments.models import Assessment
from migralocal.core.tests.world import World
from migralocal.directory.models import Hub
from migralocal.learning.models import Event
from migralocal.programmes import results_services as services
from migralocal.programmes import services as programme_services
from migralocal.programmes.models import Programme
from migralocal.programmes.results import Outcome, Output, ResultIndicator
from migralocal.programmes.tests.builders import make_programme
from migralocal.reports.tests.builders import build_programme


@dataclass
class Framework:
    world: World
    programme: Programme
    outcome: Outcome
    output: Output
    trained: ResultIndicator
    women: ResultIndicator
    meetings: ResultIndicator


def computed(
    world: World, output: Output, title: str, measure: str, unit: str = "number"
) -> ResultIndicator:
    return services.indicator_create(
        actor=world.user("admin"),
        output=output,
        fields=services.IndicatorFields(
            titles={"es": title, "en": title},
            definitions={"es": f"Definición de {title}.", "en": f"Definition of {title}."},
            measure=measure,
            unit=unit,
        ),
    )


def build_framework(world: World) -> Framework:
    build_programme(world)
    programme = make_programme(world)
    admin = world.user("admin")
    owned = {
        "events": list(Event.objects.filter(slug="taller-2026")),
        "hubs": list(Hub.objects.filter(slug="ventanilla-el-progreso")),
        "assessments": list(Assessment.objects.filter(stage="certified")),
    }
    for kind, activities in owned.items():
        programme_services.activities_attach(
            actor=admin, programme=programme, kind=kind, activities=activities
        )
    outcome = services.outcome_create(
        actor=admin, programme=programme, titles={"es": "Capacidades", "en": "Capacities"}
    )
    output = services.output_create(
        actor=admin, outcome=outcome, titles={"es": "Personal formado", "en": "Staff trained"}
    )
    trained = computed(world, output, "Personas formadas", "people_trained")
    women = computed(world, output, "Mujeres formadas", "people_trained/gender/woman", "percent")
    meetings = services.indicator_create(
        actor=admin,
        output=output,
        fields=services.IndicatorFields(
            titles={"es": "Reuniones de coordinación", "en": "Coordination meetings"},
            definitions={},
            source=ResultIndicator.Source.MANUAL,
            disaggregations="país",
        ),
    )
    for starts, ends, value in (
        (dt.date(2026, 1, 1), dt.date(2026, 6, 30), "4"),
        (dt.date(2026, 7, 1), dt.date(2026, 12, 31), "6"),
        (dt.date(2025, 1, 1), dt.date(2025, 12, 31), "100"),
    ):
        services.target_create(
            actor=admin,
            indicator=trained,
            starts_on=starts,
            ends_on=ends,
            value=Decimal(value),
        )
    services.target_create(
        actor=admin,
        indicator=trained,
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
        value=Decimal(3),
        country=world.el_salvador,
    )
    services.target_create(
        actor=admin,
        indicator=women,
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
        value=Decimal(50),
    )
    for month, value in ((3, "2"), (9, "5")):
        services.actual_create(
            actor=admin,
            indicator=meetings,
            starts_on=dt.date(2026, month, 1),
            ends_on=dt.date(2026, month, 28),
            value=Decimal(value),
            source="Actas de la mesa",
            country=world.honduras,
        )
    return Framework(world, programme, outcome, output, trained, women, meetings)
