"""Cash programmes through the API, read only, per role: the operator's assistance staff and
platform admins read the programme's rules and its protected figures; everyone else lists
nothing and reads nothing; no personal data ever appears."""

from __future__ import annotations

import pytest
from django.test import Client

from migralocal.assistance.tests.builders import make_programme, member, register
from migralocal.core.tests.api_helpers import EVERYONE, client_for
from migralocal.core.tests.world import World

pytestmark = pytest.mark.django_db

LIST = "/api/v1/assistance/programmes/"
DETAIL = "/api/v1/assistance/programmes/covid-el-progreso/"
FIGURES = "/api/v1/assistance/programmes/covid-el-progreso/figures/"
READERS = {"admin", "hub_staff", "focal_point"}  # focal_point is its assistance manager


@pytest.fixture
def programme(world: World) -> World:
    cash = make_programme(world)
    for number in range(1, 8):
        register(
            world,
            cash,
            f"H-{number}",
            member(
                f"P-{number}",
                f"Nombre{number}",
                f"Apellido{number}",
                document_number=f"D{number}00{number}",
                phone=f"+504 9{number}00 000{number}",
            ),
        )
    return world


@pytest.mark.parametrize("role", EVERYONE)
def test_each_role_lists_and_reads_only_the_programmes_it_works_on(
    programme: World, role: str
) -> None:
    client = client_for(programme, role)
    listed = client.get(LIST)
    detail = client.get(DETAIL)
    figures = client.get(FIGURES)
    if role == "anonymous":
        assert {listed.status_code, detail.status_code, figures.status_code} == {401}
        return
    assert listed.status_code == 200
    slugs = [row["slug"] for row in listed.json()["results"]]
    if role in READERS:
        assert slugs == ["covid-el-progreso"]
        assert (detail.status_code, figures.status_code) == (200, 200)
    else:
        assert slugs == []
        assert detail.status_code in (403, 404) and figures.status_code in (403, 404)


def test_the_programme_carries_its_rules_as_data_and_no_personal_data(programme: World) -> None:
    body = client_for(programme, "hub_staff").get(DETAIL).json()
    assert body["currency"] == "HNL"
    assert body["population_groups"] == ["refugee", "migrant", "host"]
    assert body["transfer_basis"] == "size_band"
    assert body["size_bands"][1] == {"min": 4, "max": None, "amount": "90"}
    assert [criterion["code"] for criterion in body["criteria"]] == ["dependants", "female_head"]
    assert body["municipalities"] == [programme.el_progreso.code]
    text = str(client_for(programme, "hub_staff").get(LIST).json()) + str(body)
    for secret in ("Nombre1", "Apellido1", "D1001", "9100"):
        assert secret not in text


def test_the_figures_are_protected_as_the_public_figures(programme: World) -> None:
    body = client_for(programme, "admin").get(FIGURES).json()
    by_key = {indicator["key"]: indicator for indicator in body["indicators"]}
    households = by_key["cash_households"]
    # Seven households: published rounded to a multiple of five, never exact.
    assert households["total"]["rounded"] is True
    assert households["total"]["value"] in (5, 10)
    groups = {row["label"]: row["count"]["display"] for row in households["breakdowns"][0]["rows"]}
    assert set(groups.values()) <= {"0", "5", "10", "<5"}
    assert by_key["cash_grievances"]["total"]["value"] == 0
    assert body["median_days_to_close"] is None
    assert (body["verification_rate"], body["received_share"]) == (None, None)
    assert body["programme"] == "covid-el-progreso"


def test_the_schema_documents_the_cash_programmes_without_enum_collisions() -> None:
    schema = Client().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    document = schema.json()
    assert "/api/v1/assistance/programmes/{slug}/figures/" in document["paths"]
    enums = document["components"]["schemas"]
    assert "CashTransferBasisEnum" in enums
    assert "CashPopulationGroupEnum" in enums


def test_the_figures_are_served_as_json_with_a_format_suffix(programme: World) -> None:
    response = client_for(programme, "hub_staff").get(FIGURES.rstrip("/") + ".json")
    assert response.status_code == 200
    assert response.json()["programme"] == "covid-el-progreso"
