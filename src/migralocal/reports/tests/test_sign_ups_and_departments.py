"""Two indicators of the catalogue: sign-ups (accounts made and organisations that joined the
community) by kind and month, placed by organisation; and public officials trained by the
department or unit they work in, each department by gender and mode. Both read through a
programme, protected on public figures, and measurable by a programme's indicators."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from migralocal.core.models import Membership, Organisation, User
from migralocal.core.roles import OrganisationRole
from migralocal.core.tests.factories import UserFactory
from migralocal.core.tests.world import World
from migralocal.learning.models import CommunityProfile, Registration
from migralocal.learning.tests.builders import make_event
from migralocal.programmes import results_services
from migralocal.programmes import services as programme_services
from migralocal.programmes.results_selectors import measure_catalogue, results
from migralocal.programmes.tests.builders import make_programme
from migralocal.programmes.tests.results_builders import computed
from migralocal.reports import presentation
from migralocal.reports.presentation import Indicator, Report
from migralocal.reports.selectors import DateRange, Period, ReportScope

pytestmark = pytest.mark.django_db

YEAR = Period(2025)


def report_of(countries: list[Any], period: Any = YEAR, **extra: Any) -> Report:
    scope = ReportScope(countries=tuple(countries), period=period, **extra)
    return presentation.report(scope, suppressed=False)


def counts(indicator: Indicator, series_key: str) -> dict[str, int]:
    series = next(one for one in indicator.series if one.key == series_key)
    return {row.key: row.cell.value for row in series.rows if row.cell.value}


def sign_up(email: str, joined: dt.date, organisation: Organisation | None) -> User:
    user = UserFactory.create(
        email=email, date_joined=dt.datetime.combine(joined, dt.time(12), tzinfo=dt.UTC)
    )
    if organisation is not None:
        Membership.objects.create(
            user=user, organisation=organisation, role=OrganisationRole.ORGANISATION_MEMBER
        )
    return user


@pytest.fixture
def signed_up(world: World) -> World:
    """In 2025: two people of El Progreso (Honduras) in March and July, one of San Salvador in
    March, one person of no organisation; the Mexican organisation joined the community in May,
    the private one (Honduras) in 2024."""
    sign_up("ana@example.org", dt.date(2025, 3, 10), world.el_progreso_municipality)
    sign_up("beto@example.org", dt.date(2025, 7, 1), world.el_progreso_municipality)
    sign_up("carla@example.org", dt.date(2025, 3, 20), world.san_salvador_municipality)
    sign_up("nadie@example.org", dt.date(2025, 4, 1), None)
    CommunityProfile.objects.create(organisation=world.mexican_cso, joined_on=dt.date(2025, 5, 2))
    CommunityProfile.objects.create(organisation=world.private_cso, joined_on=dt.date(2024, 5, 2))
    return world


def test_sign_ups_count_people_in_their_organisations_country_by_month(signed_up: World) -> None:
    honduras = report_of([signed_up.honduras]).indicator("sign_ups")
    assert honduras.total.value == 2
    assert counts(honduras, "kind") == {"person": 2}
    assert counts(honduras, "month") == {"2025-03": 1, "2025-07": 1}
    assert honduras.headline is not None and honduras.headline.value == 2
    # Every month of the period is a row, with its name.
    month = next(one for one in honduras.series if one.key == "month")
    assert [row.key for row in month.rows][:2] == ["2025-01", "2025-02"] and len(month.rows) == 12

    region = report_of([signed_up.honduras, signed_up.el_salvador, signed_up.mexico])
    shown = region.indicator("sign_ups")
    assert counts(shown, "kind") == {"person": 3, "organisation": 1}
    assert counts(shown, "month") == {"2025-03": 2, "2025-05": 1, "2025-07": 1}
    # A range of several years lists each of its months.
    years = DateRange(dt.date(2024, 1, 1), dt.date(2025, 12, 31))
    over_two = report_of([signed_up.honduras], years).indicator("sign_ups")
    assert counts(over_two, "kind") == {"person": 2, "organisation": 1}
    assert counts(over_two, "month")["2024-05"] == 1


def test_a_programme_counts_the_sign_ups_that_took_part_in_it(signed_up: World) -> None:
    world = signed_up
    programme = make_programme(world)  # Honduras and El Salvador
    event = make_event(
        world.honduras, "taller-programa", starts_at=dt.datetime(2025, 8, 1, tzinfo=dt.UTC)
    )
    programme_services.activities_attach(
        actor=world.user("admin"), programme=programme, kind="events", activities=[event]
    )
    Registration.objects.create(
        event=event,
        user=User.objects.get(email="beto@example.org"),
        email="beto@example.org",
        name="Beto",
        organisation=world.private_cso,
        status=Registration.Status.CONFIRMED,
    )
    countries = [world.honduras, world.el_salvador]
    own = report_of(
        countries, DateRange(dt.date(2024, 1, 1), dt.date(2025, 12, 31)), programme=programme
    )
    shown = own.indicator("sign_ups")
    # Beto registered for its event; the private organisation he registered for joined in 2024.
    assert counts(shown, "kind") == {"person": 1, "organisation": 1}
    assert counts(shown, "month") == {"2024-05": 1, "2025-07": 1}


def test_sign_ups_are_protected_on_the_public_figures(signed_up: World) -> None:
    scope = ReportScope(countries=(signed_up.honduras,), period=YEAR)
    shown = presentation.report(scope, suppressed=True).indicator("sign_ups")
    # Two sign-ups: too few to show outside the programme.
    assert shown.total.suppressed
    assert all(row.cell.suppressed for one in shown.series for row in one.rows if row.cell.value)
    page = Client().get(reverse("reports:public"), {"country": "HN", "year": "2026"})
    assert page.status_code == 200
    assert 'id="sign_ups"' in page.content.decode()


def officials(
    event: Any, department: str, gender: str, mode: str, times: int, **extra: Any
) -> None:
    for _time in range(times):
        number = Registration.objects.count() + 1
        Registration.objects.create(
            event=event,
            email=f"f{number}@example.org",
            name=f"Funcionaria {number}",
            gender=gender,
            role=extra.get("role", "municipal_official"),
            department=department,
            organisation=extra.get("organisation"),
            country=event.country,
            status=Registration.Status.CONFIRMED,
            attended_at=event.starts_at,
            attendance_mode=mode,
        )


@pytest.fixture
def trained(world: World) -> World:
    """El Progreso's officials in 2025: three women online and one man in person of the
    Secretaría de Inclusión, two men of the Agencia de Control; an official who gave no
    department, and a civil-society participant of the Secretaría (not an official)."""
    event = make_event(
        world.honduras, "taller-dep", starts_at=dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
    )
    municipality = world.el_progreso_municipality
    officials(event, "Secretaría de Inclusión", "woman", "online", 3, organisation=municipality)
    officials(event, "secretaria de inclusion", "man", "in_person", 1, organisation=municipality)
    officials(event, "Agencia de Control", "man", "in_person", 2, organisation=municipality)
    officials(event, "", "woman", "online", 1, organisation=municipality)
    officials(event, "Secretaría de Inclusión", "woman", "online", 1, role="civil_society")
    return world


def test_officials_trained_by_department_and_each_department_by_gender_and_mode(
    trained: World,
) -> None:
    report = report_of([trained.honduras])
    summary = report.indicator("officials_by_department")
    assert summary.total.value == 7 == report.indicator("officials_trained").total.value
    # The same name written otherwise is one department.
    assert counts(summary, "department") == {
        "secretaria-de-inclusion": 4,
        "agencia-de-control": 2,
        "not_recorded": 1,
    }
    inclusion = report.indicator("officials-secretaria-de-inclusion")
    assert inclusion.title.endswith("Secretaría de Inclusión (Municipalidad de El Progreso)")
    assert inclusion.total.value == 4
    assert counts(inclusion, "gender") == {"woman": 3, "man": 1}
    assert counts(inclusion, "mode") == {"online": 3, "in_person": 1}
    # Another year lists the departments, with nought.
    empty = report_of([trained.honduras], Period(2024)).indicator("officials-agencia-de-control")
    assert empty.total.value == 0
    # Another country does not list them.
    assert "officials-agencia-de-control" not in {
        one.key for one in report_of([trained.mexico]).indicators
    }


def test_a_programme_indicator_measures_a_department_and_its_share_of_women(
    trained: World,
) -> None:
    world = trained
    catalogue = {measure.code for measure in measure_catalogue()}
    assert "officials_by_department/department/secretaria-de-inclusion" in catalogue
    assert "officials-secretaria-de-inclusion/gender/woman" in catalogue
    programme = make_programme(world)
    admin = world.user("admin")
    programme_services.activities_attach(
        actor=admin,
        programme=programme,
        kind="events",
        activities=list(programme.events.model.objects.filter(slug="taller-dep")),
    )
    outcome = results_services.outcome_create(
        actor=admin, programme=programme, titles={"es": "Capacidades", "en": "Capacities"}
    )
    output = results_services.output_create(
        actor=admin, outcome=outcome, titles={"es": "Secretaría", "en": "Secretariat"}
    )
    computed(
        world,
        output,
        "Personal de Inclusión",
        "officials_by_department/department/secretaria-de-inclusion",
    )
    computed(
        world,
        output,
        "Mujeres de Inclusión",
        "officials-secretaria-de-inclusion/gender/woman",
        "percent",
    )
    computed(
        world, output, "En línea de Inclusión", "officials-secretaria-de-inclusion/mode/online"
    )

    shown = results(programme, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert shown.indicator("Personal de Inclusión").actual == 4
    assert shown.indicator("Mujeres de Inclusión").actual == Decimal("75.0")
    assert shown.indicator("En línea de Inclusión").actual == 3

    client = Client()
    client.force_login(world.user("programme_manager"))
    page = client.get(
        reverse("programmes:results", args=[programme.slug]),
        {"start": "2025-01-01", "end": "2025-12-31"},
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "Personal de Inclusión" in text and "75,0 %" in text
