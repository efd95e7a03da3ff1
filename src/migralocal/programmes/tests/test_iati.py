"""A programme as an IATI 2.03 activity file: every file written validates against the official
schemas (tests/data/iati-2.03/), says what the programme says in both languages, and is read by
those who may read the programme, from its page or the command line."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command, execute_from_command_line
from django.db import connection, connections
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from lxml import etree

from migralocal.core.tests.world import World
from migralocal.programmes import iati, services
from migralocal.programmes.iati import (
    IatiBaseline,
    IatiIndicator,
    IatiPeriod,
    IatiResult,
    Measure,
    ResultType,
)
from migralocal.programmes.models import Programme
from migralocal.programmes.tests.builders import make_programme
from migralocal.programmes.tests.results_builders import build_framework

OFFICIAL = Path(__file__).resolve().parents[4] / "tests" / "data" / "iati-2.03"
SCHEMA = etree.XMLSchema(etree.parse(str(OFFICIAL / "iati-activities-schema.xsd")))
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TODAY = dt.date(2025, 6, 15)


def valid(data: bytes) -> etree._Element:
    """The file's root, once the official schema has accepted it."""
    root = etree.fromstring(data)
    SCHEMA.assertValid(root)
    return root


def narratives(element: etree._Element) -> dict[str | None, str]:
    return {node.get(XML_LANG): node.text for node in element.findall("narrative")}


def results_framework() -> list[IatiResult]:
    """An outcome and an output of a programme, as the results framework would give them."""
    year = [
        (dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    ]
    return [
        IatiResult(
            title={
                "es": "Los municipios gobiernan mejor la migración",
                "en": "Municipalities govern migration better",
            },
            type=ResultType.OUTCOME,
            description={"es": "Efecto a medio plazo.", "en": "Medium-term effect."},
            indicators=[
                IatiIndicator(
                    title={
                        "es": "Municipios certificados",
                        "en": "Municipalities certified",
                    },
                    baseline=IatiBaseline(2023, 0, comment={"es": "Antes del programa."}),
                    periods=[
                        IatiPeriod(*year[0], target=3, actual=2),
                        IatiPeriod(*year[1], target=6, actual=None),
                    ],
                ),
                IatiIndicator(
                    title={"es": "Calidad de los planes", "en": "Quality of the plans"},
                    measure=Measure.QUALITATIVE,
                    baseline=IatiBaseline(2023, "Sin plan"),
                    periods=[IatiPeriod(*year[0], target="Plan aprobado", actual="Borrador")],
                ),
            ],
        ),
        IatiResult(
            title={"es": "Personas funcionarias formadas", "en": "Officials trained"},
            indicators=[
                IatiIndicator(
                    title={"es": "Funcionarias formadas (%)", "en": "Officials trained (%)"},
                    measure=Measure.PERCENTAGE,
                    ascending=True,
                    baseline=IatiBaseline(2023, Decimal("12.50")),
                    periods=[IatiPeriod(*year[0], target=Decimal("40"), actual=Decimal("37.5"))],
                ),
            ],
        ),
        # No indicator: IATI wants one, so the writer leaves this result out.
        IatiResult(title="Sin indicadores"),
    ]


def full_programme(world: World) -> Programme:
    programme = make_programme(world)
    services.programme_update(
        actor=world.user("admin"),
        programme=programme,
        fields=services.ProgrammeFields(
            names={"es": "Centros de Información", "en": "Information Hubs"},
            codes={"es": "CI-2024", "en": "IH-2024"},
            descriptions={
                "es": "Ventanillas para personas migrantes.",
                "en": "Desks for migrants.",
            },
            starts_on=dt.date(2024, 1, 1),
            ends_on=dt.date(2027, 12, 31),
            countries=[world.honduras, world.el_salvador, world.mexico],
            donors=[world.mexican_cso],
            implementers=[world.el_progreso_municipality, world.san_salvador_municipality],
            budget=Decimal("2400000"),
            currency="usd",
        ),
    )
    return programme


# The schemas and the results part on their own ----------------------------------------------


def test_the_official_results_example_validates_against_the_copied_schemas() -> None:
    SCHEMA.assertValid(etree.parse(str(OFFICIAL / "results-example.xml")))


def test_results_are_written_from_plain_dataclasses() -> None:
    activity = etree.Element("iati-activity")
    iati.add_results(activity, results_framework())

    outcome, output = activity.findall("result")
    assert len(activity.findall("result")) == 2  # the one without indicators is left out
    assert outcome.get("type") == "2" and output.get("type") == "1"
    assert narratives(outcome.find("title")) == {
        "es": "Los municipios gobiernan mejor la migración",
        "en": "Municipalities govern migration better",
    }
    certified, quality = outcome.findall("indicator")
    assert (certified.get("measure"), certified.get("ascending")) == ("1", "true")
    assert certified.find("baseline").attrib == {"year": "2023", "value": "0"}
    assert narratives(certified.find("baseline/comment")) == {"es": "Antes del programa."}
    first, second = certified.findall("period")
    assert first.find("period-start").get("iso-date") == "2024-01-01"
    assert first.find("period-end").get("iso-date") == "2024-12-31"
    assert (first.find("target").get("value"), first.find("actual").get("value")) == ("3", "2")
    assert second.find("target").get("value") == "6" and second.find("actual") is None
    # A qualitative indicator says its baseline, targets and actuals in words, not values.
    assert quality.get("measure") == "5"
    assert quality.find("baseline").get("value") is None
    assert narratives(quality.find("baseline/comment")) == {None: "Sin plan"}
    assert narratives(quality.find("period/target/comment")) == {None: "Plan aprobado"}
    percentage = output.find("indicator")
    assert percentage.find("baseline").get("value") == "12.5"
    assert percentage.find("period/actual").get("value") == "37.5"


@pytest.mark.parametrize("count", range(1, 8))
def test_country_shares_add_up_to_exactly_100(count: int) -> None:
    shares = iati.country_percentages([f"C{index}" for index in range(count)])
    assert sum(share for _code, share in shares) == Decimal(100)
    assert max(share for _code, share in shares) - min(share for _code, share in shares) <= Decimal(
        "0.01"
    )


# A programme's file ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_full_programme_with_results_makes_a_valid_file_that_says_everything(
    world: World,
) -> None:
    programme = full_programme(world)

    root = valid(iati.activity_file(programme, results=results_framework(), today=TODAY))

    assert root.get("version") == "2.03"
    activity = root.find("iati-activity")
    assert activity.get("default-currency") == "USD"
    assert activity.findtext("iati-identifier") == "XX-MIGRALOCAL-centros-de-informacion"
    assert activity.find("reporting-org").attrib == {"ref": "XX-MIGRALOCAL", "type": "90"}
    assert narratives(activity.find("title")) == {
        "es": "Centros de Información",
        "en": "Information Hubs",
    }
    assert narratives(activity.find("description")) == {
        "es": "Ventanillas para personas migrantes.",
        "en": "Desks for migrants.",
    }
    organisations = [
        (org.get("role"), org.get("type"), org.get("ref"), org.findtext("narrative"))
        for org in activity.findall("participating-org")
    ]
    assert organisations == [
        ("1", "22", None, "Colectivo Caminos"),
        ("4", "11", None, "Alcaldía de San Salvador"),
        ("4", "11", None, "Municipalidad de El Progreso"),
    ]
    assert activity.find("other-identifier").attrib == {"ref": "CI-2024", "type": "A1"}
    assert activity.find("activity-status").get("code") == "2"
    dates = [(d.get("type"), d.get("iso-date")) for d in activity.findall("activity-date")]
    assert dates == [("1", "2024-01-01"), ("2", "2024-01-01"), ("3", "2027-12-31")]
    countries = {
        c.get("code"): Decimal(c.get("percentage")) for c in activity.iter("recipient-country")
    }
    assert countries == {"HN": Decimal("33.34"), "MX": Decimal("33.33"), "SV": Decimal("33.33")}
    assert narratives(activity.find("recipient-country[@code='MX']")) == {
        "es": "México",
        "en": "Mexico",
        "fr": "Mexique",
        "pt": "México",
    }
    assert activity.find("sector").attrib == {
        "vocabulary": "1",
        "code": "15190",
        "percentage": "100",
    }
    budget = activity.find("budget")
    assert budget.find("period-start").get("iso-date") == "2024-01-01"
    assert budget.find("period-end").get("iso-date") == "2027-12-31"
    assert budget.find("value").text == "2400000.00"
    assert budget.find("value").get("currency") == "USD"
    assert [result.get("type") for result in activity.findall("result")] == ["2", "1"]


@pytest.mark.parametrize(
    ("today", "status", "date_types"),
    [
        (dt.date(2023, 12, 31), "1", ["1", "3"]),
        (dt.date(2024, 1, 1), "2", ["1", "2", "3"]),
        (dt.date(2027, 12, 31), "2", ["1", "2", "3"]),
        (dt.date(2028, 6, 30), "3", ["1", "2", "3", "4"]),
        (dt.date(2029, 6, 30), "4", ["1", "2", "3", "4"]),
    ],
)
@pytest.mark.django_db
def test_status_and_actual_dates_follow_the_programme_dates(
    world: World, today: dt.date, status: str, date_types: list[str]
) -> None:
    activity = valid(iati.activity_file(make_programme(world), today=today)).find("iati-activity")
    assert activity.find("activity-status").get("code") == status
    assert [date.get("type") for date in activity.findall("activity-date")] == date_types
    if "4" in date_types:
        assert activity.find("activity-date[@type='4']").get("iso-date") == "2027-12-31"


@pytest.mark.django_db
def test_a_bare_programme_still_makes_a_valid_file(world: World) -> None:
    """No donors, implementers, description, budget or results, and a name in one language."""
    programme = services.programme_create(
        actor=world.user("admin"),
        slug="solo-nombre",
        fields=services.ProgrammeFields(
            names={"es": "Solo un nombre"},
            codes={"es": ""},
            descriptions={},
            starts_on=dt.date(2024, 1, 1),
            ends_on=dt.date(2024, 12, 31),
            countries=[world.honduras],
        ),
    )

    activity = valid(iati.activity_file(programme, today=TODAY)).find("iati-activity")

    assert narratives(activity.find("title")) == {"es": "Solo un nombre"}
    assert narratives(activity.find("description")) == {"es": "Solo un nombre"}
    accountable = activity.find("participating-org")
    assert (accountable.get("role"), accountable.get("ref")) == ("2", "XX-MIGRALOCAL")
    assert activity.find("other-identifier") is None
    assert activity.find("budget") is None and activity.find("result") is None
    assert activity.find("recipient-country").get("percentage") == "100"


@pytest.mark.django_db
@override_settings(
    IATI_REPORTING_ORG_REF="XM-OCHA-EJEMPLO",
    IATI_REPORTING_ORG_NAME="Programa Regional",
    IATI_REPORTING_ORG_TYPE="40",
)
def test_the_reporting_organisation_comes_from_the_settings(world: World) -> None:
    activity = valid(iati.activity_file(make_programme(world), today=TODAY)).find("iati-activity")

    assert activity.findtext("iati-identifier") == "XM-OCHA-EJEMPLO-centros-de-informacion"
    assert activity.find("reporting-org").attrib == {"ref": "XM-OCHA-EJEMPLO", "type": "40"}
    assert activity.findtext("reporting-org/narrative") == "Programa Regional"


@pytest.mark.django_db
def test_the_file_carries_the_programmes_own_results_framework(world: World) -> None:
    framework = build_framework(world)
    root = valid(iati.activity_file(framework.programme, today=dt.date(2026, 12, 31)))

    (result,) = root.findall("iati-activity/result")
    assert result.get("type") == "1"  # an output
    assert narratives(result.find("title")) == {"es": "Personal formado", "en": "Staff trained"}
    assert narratives(result.find("description")) == {"es": "Capacidades", "en": "Capacities"}
    by_title = {
        narratives(indicator.find("title"))["es"]: indicator
        for indicator in result.findall("indicator")
    }
    assert set(by_title) == {"Personas formadas", "Mujeres formadas", "Reuniones de coordinación"}
    assert by_title["Mujeres formadas"].get("measure") == "2"  # a percentage
    trained = by_title["Personas formadas"]
    spans = [
        (period.find("period-start").get("iso-date"), period.find("period-end").get("iso-date"))
        for period in trained.findall("period")
    ]
    # One period per target period, as the results page reads them.
    assert spans == [
        ("2025-01-01", "2025-12-31"),
        ("2026-01-01", "2026-06-30"),
        ("2026-01-01", "2026-12-31"),
        ("2026-07-01", "2026-12-31"),
    ]
    first_half = trained.findall("period")[1]
    assert first_half.find("target").get("value") == "4"
    # The public file carries protected counts: the workshop's 7 people, rounded to a multiple
    # of 5, as on the public figures.
    assert int(first_half.find("actual").get("value")) % 5 == 0
    # The manual indicator's reported meetings: 2 in March and 5 in September.
    (meetings_period,) = by_title["Reuniones de coordinación"].findall("period")
    assert meetings_period.find("actual").get("value") in {"5", "10"}


def test_every_demo_programme_makes_a_valid_file(demo_db: None) -> None:
    programmes = list(Programme.objects.all())
    assert len(programmes) == 5
    for programme in programmes:
        valid(iati.activity_file(programme, results=results_framework()))
        own = valid(iati.activity_file(programme))
        # Each demo programme has a results framework, with actuals counted from the demo.
        assert own.findall("iati-activity/result"), programme.slug
    actuals = [
        float(actual.get("value"))
        for programme in programmes
        for actual in valid(iati.activity_file(programme)).iter("actual")
    ]
    assert any(value > 0 for value in actuals)


# Who downloads it, from the page --------------------------------------------------------------


def signed_in(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def access_entries(programme: Programme) -> list[LogEntry]:
    return list(LogEntry.objects.get_for_object(programme).filter(action=LogEntry.Action.ACCESS))


@pytest.mark.django_db
def test_anyone_downloads_a_public_programme_from_its_page(world: World) -> None:
    programme = make_programme(world)
    url = reverse("programmes:iati", args=[programme.slug])

    page = Client().get(programme.get_absolute_url()).content.decode()
    response = Client().get(url)

    assert url in page
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert (
        response["Content-Disposition"] == 'attachment; filename="iati-centros-de-informacion.xml"'
    )
    assert (
        valid(response.content)
        .findtext("iati-activity/iati-identifier")
        .endswith("-centros-de-informacion")
    )
    assert access_entries(programme) == []  # public data: nothing to audit


@pytest.mark.django_db
def test_a_private_programme_is_downloaded_by_its_managers_and_admins_only_and_audited(
    world: World,
) -> None:
    programme = make_programme(world, slug="privado", is_public=False)
    url = reverse("programmes:iati", args=["privado"])

    assert Client().get(url).status_code == 404
    for role in ("reviewer", "trainer", "hub_staff", "no_role"):
        assert signed_in(world, role).get(url).status_code == 404, role
    assert access_entries(programme) == []

    for role in ("programme_manager", "admin"):
        response = signed_in(world, role).get(url)
        assert response.status_code == 200, role
        valid(response.content)
    actors = [entry.actor for entry in access_entries(programme)]
    assert sorted(actor.email for actor in actors if actor) == [
        "admin@example.org",
        "programme_manager@example.org",
    ]


@pytest.mark.django_db
def test_the_download_service_refuses_those_who_may_not_read_the_programme(world: World) -> None:
    programme = make_programme(world, slug="privado", is_public=False)
    with pytest.raises(PermissionDenied):
        iati.programme_iati_download(actor=world.user("reviewer"), programme=programme)
    with pytest.raises(PermissionDenied):
        iati.programme_iati_download(actor=AnonymousUser(), programme=programme)
    data = iati.programme_iati_download(actor=world.user("programme_manager"), programme=programme)
    valid(data)


# From the command line ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_command_writes_the_file(world: World, tmp_path: Path) -> None:
    programme = make_programme(world, slug="privado", is_public=False)
    out = tmp_path / "privado.xml"

    with translation.override("en"):
        call_command("export_iati", "privado", str(out))

    root = valid(out.read_bytes())
    assert root.findtext("iati-activity/iati-identifier") == "XX-MIGRALOCAL-privado"
    assert len(access_entries(programme)) == 1  # a private programme left the platform


@pytest.mark.django_db
def test_the_command_explains_an_unknown_programme_in_the_users_language(
    world: World, tmp_path: Path
) -> None:
    out = tmp_path / "x.xml"
    with pytest.raises(CommandError, match="No hay ningún programa"):
        call_command("export_iati", "no-existe", str(out))
    with translation.override("en"), pytest.raises(CommandError, match="no programme"):
        call_command("export_iati", "no-existe", str(out))
    assert not out.exists()


@pytest.mark.django_db
def test_the_command_explains_a_file_it_cannot_write(world: World, tmp_path: Path) -> None:
    make_programme(world)
    with pytest.raises(CommandError, match="No se puede escribir"):
        call_command("export_iati", "centros-de-informacion", str(tmp_path / "no" / "x.xml"))
    with pytest.raises(CommandError, match="No se puede escribir"):
        call_command("export_iati", "centros-de-informacion", str(tmp_path))


@pytest.mark.django_db
def test_the_command_exits_non_zero_on_an_error(
    world: World,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The command line closes the database connections at the end; the test's must stay open.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(["manage.py", "export_iati", "no-existe", str(tmp_path / "x")])
    assert exit_.value.code not in (0, None)
    assert "no-existe" in capsys.readouterr().err


@pytest.mark.django_db
def test_the_file_costs_the_same_queries_whatever_the_number_of_countries(world: World) -> None:
    one = make_programme(world, slug="uno", countries=[world.honduras])
    three = make_programme(
        world, slug="tres", countries=[world.honduras, world.el_salvador, world.mexico]
    )

    def queries(programme: Programme) -> int:
        fresh = Programme.objects.get(pk=programme.pk)
        with CaptureQueriesContext(connection) as captured:
            iati.activity_file(fresh, today=TODAY)
        return len(captured)

    assert queries(one) == queries(three)
