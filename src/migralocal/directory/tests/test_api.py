"""The directory through the API: HSDS service pages, hubs and pathways, filtered like the page."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from migralocal.core.models import TaxonomyTerm
from migralocal.core.tests.world import World
from migralocal.directory.hsds import validating
from migralocal.directory.models import Hub, ReferralPathway, Service
from migralocal.directory.tests.helpers import make_service, world_hubs


@pytest.fixture
def listings(world: World) -> dict[str, Any]:
    own, other = world_hubs(world)
    labour = TaxonomyTerm.objects.get(taxonomy__code="service-categories", code="labour-employment")
    work = make_service(
        hub=own,
        name={"es": "Atención para trabajo en el extranjero", "en": "Guidance on work abroad"},
        needs=[labour],
        languages=["es", "en"],
    )
    care = make_service(hub=other, name={"es": "Primeros auxilios psicológicos"})
    return {"own": own, "other": other, "work": work, "care": care}


def test_services_come_as_an_hsds_page_of_valid_hsds_services(listings: dict[str, Any]) -> None:
    response = APIClient().get("/api/v1/services/")
    assert response.status_code == 200
    page = response.json()
    assert (page["total_items"], page["page_number"], page["first_page"]) == (2, 1, True)
    validator = validating.service_validator()
    for service in page["contents"]:
        assert list(validator.iter_errors(service)) == []
    assert {service["id"] for service in page["contents"]} == {
        str(listings["work"].pk),
        str(listings["care"].pk),
    }


def test_services_are_filtered_like_the_search_page(listings: dict[str, Any]) -> None:
    response = APIClient().get("/api/v1/services/", {"q": "atencion", "country": "HN"})
    names = [service["name"] for service in response.json()["contents"]]
    assert names == ["Atención para trabajo en el extranjero"]
    response = APIClient().get("/api/v1/services/", {"need": "labour-employment"})
    assert response.json()["total_items"] == 1


def test_service_text_follows_the_request_language(listings: dict[str, Any]) -> None:
    url = f"/api/v1/services/{listings['work'].pk}/"
    assert APIClient().get(url, HTTP_ACCEPT_LANGUAGE="en").json()["name"] == (
        "Guidance on work abroad"
    )


def test_defunct_services_and_closed_hubs_stay_out(listings: dict[str, Any]) -> None:
    Service.objects.filter(pk=listings["care"].pk).update(status=Service.Status.DEFUNCT)
    Hub.objects.filter(pk=listings["own"].pk).update(status=Hub.Status.CLOSED)
    assert APIClient().get("/api/v1/services/").json()["total_items"] == 0
    assert APIClient().get(f"/api/v1/services/{listings['care'].pk}/").status_code == 404
    hubs = APIClient().get("/api/v1/hubs/").json()["results"]
    assert [hub["slug"] for hub in hubs] == ["punto-san-salvador"]
    assert hubs[0]["services"] == []


def test_hubs_list_their_services_and_place(listings: dict[str, Any]) -> None:
    hub = APIClient().get("/api/v1/hubs/ventanilla-el-progreso/").json()
    assert hub["country"] == "HN"
    assert hub["municipality"] == "HN-YO-1804"
    assert hub["services"] == [str(listings["work"].pk)]
    assert hub["translations"]["en"]["name"] == "Migrant desk"


def test_pathways_list_their_steps(listings: dict[str, Any], world: World) -> None:
    pathway = ReferralPathway.objects.create(slug="retorno", country=world.honduras)
    pathway.set_current_language("es")
    pathway.title = "Si regresa al país"
    pathway.save()
    step = pathway.steps.create(position=1, phone="+504 2222-0000")
    step.set_current_language("es")
    step.title = "Acuda a la ventanilla"
    step.save()
    step.services.set([listings["work"]])
    body = APIClient().get("/api/v1/pathways/retorno/").json()
    assert body["steps"][0]["services"] == [str(listings["work"].pk)]
    assert body["steps"][0]["translations"]["es"]["title"] == "Acuda a la ventanilla"


def test_a_bad_filter_is_a_translated_problem(listings: dict[str, Any]) -> None:
    response = APIClient().get("/api/v1/services/", {"country": "XX"}, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "country" in response.json()["errors"]


def queries_for_a_page() -> int:
    with CaptureQueriesContext(connection) as captured:
        response = APIClient().get("/api/v1/services/", {"per_page": 25})
    assert response.status_code == 200
    return len(captured)


def test_a_page_of_services_takes_the_same_queries_whatever_its_size(
    listings: dict[str, Any], settings: Any
) -> None:
    settings.PUBLIC_CACHE_SECONDS = 0  # counts the queries of building the page
    queries_for_a_page()  # first use of the process fills caches (content types, search choices)
    with_two = queries_for_a_page()
    for number in range(30):
        make_service(hub=listings["own"], name={"es": f"Servicio {number}"})
    assert queries_for_a_page() <= with_two  # caches may save a few, rows never add any
    assert with_two <= 40  # one per nested HSDS table, not one per service


def test_the_hsds_export_downloads_through_the_api(listings: dict[str, Any]) -> None:
    response = APIClient().get("/api/v1/hsds-export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = set(archive.namelist())
        services = json.loads(archive.read("services.json"))
    assert {"services.json", "csv/datapackage.json", "csv/services.csv"} <= names
    assert {service["id"] for service in services} == {
        str(listings["work"].pk),
        str(listings["care"].pk),
    }


def test_the_hsds_export_with_a_format_suffix_is_not_found_rather_than_a_server_error(
    listings: dict[str, Any],
) -> None:
    """The router mounts /hsds-export.json too; it used to fail with a TypeError (500)."""
    response = APIClient().get("/api/v1/hsds-export.json")
    assert response.status_code == 404
