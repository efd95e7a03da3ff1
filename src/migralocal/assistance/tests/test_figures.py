"""Cash assistance figures in the reports catalogue, counted against the records made here:
households and people by group, sex and municipality, duplicates removed, grievances by
category and status with the days to close; by country, period and programme, and protected
on the public page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from migralocal.assistance import grievance_services, services
from migralocal.assistance.grievances import Grievance
from migralocal.assistance.models import CashProgramme, DuplicatePair
from migralocal.assistance.tests.builders import (
    CONSENT,
    make_grievance_focal_point,
    make_programme,
    member,
)
from migralocal.core.tests.world import World
from migralocal.programmes.tests.builders import make_programme as make_funding_programme
from migralocal.reports import presentation
from migralocal.reports.presentation import Report
from migralocal.reports.selectors import Period, ReportScope
from migralocal.reports.tests.test_indicators import counts

pytestmark = pytest.mark.django_db


def household(
    ref: str, world: World, group: str, *members: services.MemberData
) -> services.HouseholdData:
    return services.HouseholdData(ref, world.el_progreso, group, list(members))


@pytest.fixture
def registered(world: World) -> World:
    """Three households (a migrant one of two, a refugee one and a host one headed by a man),
    then the migrant head registered again alone, found and merged; two grievances, one closed
    after ten days."""
    programme = make_programme(world)
    officer = world.user("hub_staff")
    services.households_register(
        actor=officer,
        programme=programme,
        households=[
            household(
                "H-1",
                world,
                "migrant",
                member("P-1", "Yuleisy", "Rodríguez Peña"),
                member("P-2", "Jesús", "Rodríguez", sex="male", document_number="", phone=""),
            ),
            household(
                "H-2",
                world,
                "refugee",
                member(
                    "P-3",
                    "Ana Lucía",
                    "Cuero Angulo",
                    document_number="R445566",
                    phone="+504 3344 5566",
                    date_of_birth=dt.date(1984, 2, 3),
                    population_group="refugee",
                ),
            ),
            household(
                "H-3",
                world,
                "host",
                member(
                    "P-4",
                    "Segundo",
                    "Tipán",
                    sex="male",
                    document_number="0801199912345",
                    phone="+504 7000 1111",
                    date_of_birth=dt.date(1970, 9, 9),
                    population_group="host",
                ),
            ),
            household("H-4", world, "migrant", member("P-5", "Yuleisy", "Rodriguez")),
        ],
        consent_purpose=CONSENT,
    )
    (pair,) = services.duplicates_find(actor=officer, programme=programme)
    services.duplicate_decide(actor=officer, pair=pair, decision=DuplicatePair.Decision.SAME)
    focal = make_grievance_focal_point(world)
    closed, _secret = grievance_services.grievance_record(
        actor=officer,
        programme=programme,
        data=grievance_services.GrievanceData("payment_not_received", "No llegó el pago."),
    )
    grievance_services.grievance_respond(
        actor=officer, grievance=closed, status="resolved", response="Pago emitido de nuevo."
    )
    # Ten days to close, received this year (so early in January too).
    now = timezone.now()
    received = max(now - dt.timedelta(days=10), now.replace(month=1, day=1, hour=1))
    Grievance.objects.filter(pk=closed.pk).update(
        received_at=received, closed_at=received + dt.timedelta(days=10)
    )
    grievance_services.grievance_submit_public(
        programme=programme,
        data=grievance_services.GrievanceData("fraud", "Cobran por registrar."),
    )
    assert focal is not None
    world.cash = programme  # type: ignore[attr-defined]
    return world


def report_of(world: World, *, suppressed: bool = False, **extra: Any) -> Report:
    extra.setdefault("countries", (world.honduras,))
    extra.setdefault("period", Period(timezone.localdate().year))
    return presentation.report(ReportScope(**extra), suppressed=suppressed)


def test_households_and_people_by_group_sex_of_the_head_and_municipality(
    registered: World,
) -> None:
    report = report_of(registered)
    households = report.indicator("cash_households")
    # The fourth household's only member was merged into the first: a duplicate, not counted.
    assert households.total.value == 3
    assert counts(households, "population_group") == {"migrant": 1, "refugee": 1, "host": 1}
    assert counts(households, "head_sex") == {"female": 2, "male": 1}
    assert counts(households, "municipality") == {registered.el_progreso.code: 3}
    people = report.indicator("cash_people")
    assert people.total.value == 4
    assert counts(people, "population_group") == {"migrant": 2, "refugee": 1, "host": 1}
    assert counts(people, "sex") == {"female": 2, "male": 2}


def test_duplicates_found_and_removed(registered: World) -> None:
    duplicates = report_of(registered).indicator("cash_duplicates")
    assert duplicates.total.value == 1
    assert counts(duplicates, "decision") == {"same": 1}
    assert duplicates.headline is not None and duplicates.headline.value == 1


def test_grievances_by_category_and_status_and_days_to_close(registered: World) -> None:
    report = report_of(registered)
    grievances = report.indicator("cash_grievances")
    assert grievances.total.value == 2
    assert counts(grievances, "category") == {"payment_not_received": 1, "fraud": 1}
    assert counts(grievances, "status") == {"resolved": 1, "received": 1}
    closed = report.indicator("cash_grievances_closed")
    assert closed.total.value == 1
    assert counts(closed, "days_to_close") == {"8-30": 1}


def test_another_country_period_or_municipality_counts_nothing(registered: World) -> None:
    keys = ("cash_households", "cash_people", "cash_duplicates", "cash_grievances")
    for report in (
        report_of(registered, countries=(registered.el_salvador,)),
        report_of(registered, period=Period(timezone.localdate().year - 1)),
        report_of(registered, municipality=registered.san_salvador),
    ):
        assert [report.indicator(key).total.value for key in keys] == [0, 0, 0, 0]


def test_a_programme_counts_the_cash_programmes_it_funds(registered: World) -> None:
    funding = make_funding_programme(registered)
    assert report_of(registered, programme=funding).indicator("cash_households").total.value == 0
    # Linked through the reverse name, whichever way the programmes hold their cash programmes.
    funding.cash_programmes.add(registered.cash)  # type: ignore[attr-defined]
    report = report_of(registered, programme=funding)
    assert report.indicator("cash_households").total.value == 3
    assert report.indicator("cash_grievances").total.value == 2


def test_the_public_figures_are_protected(registered: World) -> None:
    report = report_of(registered, suppressed=True)
    for key in ("cash_households", "cash_people", "cash_grievances"):
        indicator = report.indicator(key)
        assert indicator.total.suppressed, key
        assert all(
            row.cell.suppressed or row.cell.value % 5 == 0
            for series in indicator.series
            for row in series.rows
        )


def test_one_cash_programme_counts_alone(registered: World) -> None:
    from migralocal.assistance import figures

    scope = ReportScope(countries=(registered.honduras,), period=Period(timezone.localdate().year))
    none = CashProgramme.objects.exclude(pk=registered.cash.pk)  # type: ignore[attr-defined]
    assert [raw.total for raw in figures.indicators(scope, none)] == [0] * 11
    own = CashProgramme.objects.filter(pk=registered.cash.pk)  # type: ignore[attr-defined]
    assert [raw.total for raw in figures.indicators(scope, own)] == [3, 4, 1, 2, 1, *[0] * 6]
