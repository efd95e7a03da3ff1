"""The assessment cycle through the API: certified municipalities in public, rounds by the pages'
rules, with scores per dimension."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from migralocal.assessments import services
from migralocal.assessments.models import Assessment, Stage
from migralocal.assessments.tests.helpers import letter, round_at
from migralocal.core.models import Organisation
from migralocal.core.tests.api_helpers import ANONYMOUS, EVERYONE, client_for
from migralocal.core.tests.world import World

# Who sees which round: El Progreso (Honduras) and San Salvador (El Salvador).
SEES = {
    "focal_point": {"municipalidad-el-progreso"},
    "reviewer": {"municipalidad-el-progreso"},
    "programme_manager": {"municipalidad-el-progreso", "alcaldia-san-salvador"},
    "admin": {"municipalidad-el-progreso", "alcaldia-san-salvador"},
}


@pytest.fixture
def rounds(world: World, settings: Any, tmp_path: Path) -> dict[str, Assessment]:
    settings.MEDIA_ROOT = tmp_path / "media"  # applications upload the mayor's letter
    certified = round_at(world, Stage.CERTIFIED)
    san_salvador = services.application_submit(
        organisation=world.san_salvador_municipality,
        user=world.user("admin"),
        year=2026,
        population=300_000,
        migrant_population=9_000,
        current_work="Mesa de movilidad humana.",
        motivation="Ordenar la atención.",
        mayor_name="Alcalde",
        letter=letter(),
    )
    return {"certified": certified, "san_salvador": san_salvador}


def test_certified_municipalities_are_public_with_a_verification_address(
    world: World, rounds: dict[str, Assessment]
) -> None:
    response = client_for(world, ANONYMOUS).get("/api/v1/certified-municipalities/")
    assert response.status_code == 200
    [seal] = response.json()["results"]
    certificate = rounds["certified"].certificate
    assert seal["organisation"] == "municipalidad-el-progreso"
    assert (seal["country"], seal["year"], seal["number"]) == ("HN", 2026, certificate.number)
    assert seal["municipality"] == {"code": "HN-YO-1804", "name": "El Progreso"}
    assert seal["verification_url"].endswith(
        f"/assessments/verify/{certificate.verification_code}/"
    )
    verified = client_for(world, ANONYMOUS).get(seal["verification_url"])
    assert verified.status_code == 200
    one = client_for(world, ANONYMOUS).get(f"/api/v1/certified-municipalities/{seal['number']}/")
    assert one.json() == seal


def test_certified_municipalities_filter_by_country_and_year(
    world: World, rounds: dict[str, Assessment]
) -> None:
    client = client_for(world, ANONYMOUS)
    assert client.get("/api/v1/certified-municipalities/", {"country": "HN"}).json()["count"] == 1
    assert client.get("/api/v1/certified-municipalities/", {"country": "SV"}).json()["count"] == 0
    assert client.get("/api/v1/certified-municipalities/", {"year": 2020}).json()["count"] == 0


def test_a_private_municipality_is_not_listed_as_certified(
    world: World, rounds: dict[str, Assessment]
) -> None:
    Organisation.objects.filter(pk=world.el_progreso_municipality.pk).update(is_public=False)
    response = client_for(world, ANONYMOUS).get("/api/v1/certified-municipalities/")
    assert response.json()["count"] == 0


def test_rounds_are_listed_to_those_the_pages_allow(
    world: World, rounds: dict[str, Assessment]
) -> None:
    for role in EVERYONE:
        response = client_for(world, role).get("/api/v1/assessments/")
        if role in SEES:
            assert response.status_code == 200, role
            seen = {item["organisation"] for item in response.json()["results"]}
            assert seen == SEES[role], role
        else:
            assert response.status_code == (401 if role == ANONYMOUS else 403), role


def test_a_round_out_of_sight_is_not_found(world: World, rounds: dict[str, Assessment]) -> None:
    url = f"/api/v1/assessments/{rounds['san_salvador'].pk}/"
    for role in EVERYONE:
        response = client_for(world, role).get(url)
        expected = 200 if "alcaldia-san-salvador" in SEES.get(role, set()) else 404
        if role == ANONYMOUS:
            expected = 401
        assert response.status_code == expected, role


def test_a_round_has_its_scores_per_dimension(world: World, rounds: dict[str, Any]) -> None:
    response = client_for(world, "focal_point").get(
        f"/api/v1/assessments/{rounds['certified'].pk}/"
    )
    body = response.json()
    assert body["stage"] == "certified"
    assert body["certificate_number"] == rounds["certified"].certificate.number
    scores = {dimension["code"]: dimension for dimension in body["scores"]["dimensions"]}
    # The helper's answers: institutions 54.2 (below the threshold of 60), health 75.
    assert scores["institutions"]["score"] == 54.2
    assert scores["institutions"]["well_developed"] is False
    assert scores["health"]["score"] == 75.0
    assert scores["health"]["well_developed"] is True
    assert body["scores"]["well_developed_threshold"] == 60


def test_rounds_filter_by_stage(world: World, rounds: dict[str, Assessment]) -> None:
    client = client_for(world, "admin")
    response = client.get("/api/v1/assessments/", {"stage": "applied"})
    assert [item["organisation"] for item in response.json()["results"]] == [
        "alcaldia-san-salvador"
    ]
