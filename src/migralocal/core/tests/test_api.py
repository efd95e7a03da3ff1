"""The REST API: public reads, the same visibility rules as the pages, tokens, errors, caching."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from migralocal.core.tests.world import World


def slugs(response: Any) -> set[str]:
    return {item["slug"] for item in response.json()["results"]}


def test_visitors_read_public_organisations_with_their_translations(world: World) -> None:
    response = APIClient().get("/api/v1/organisations/")
    assert response.status_code == 200
    assert slugs(response) == {
        "municipalidad-el-progreso",
        "alcaldia-san-salvador",
        "colectivo-caminos",
    }
    el_progreso = next(
        item for item in response.json()["results"] if item["slug"] == "municipalidad-el-progreso"
    )
    assert el_progreso["country"] == "HN"
    assert el_progreso["translations"] == {
        "es": {"description": "Gobierno municipal de El Progreso."}
    }
    assert {"count", "next", "previous"} <= set(response.json())


def test_api_applies_the_same_visibility_as_the_pages(world: World) -> None:
    reviewer = APIClient()
    reviewer.force_authenticate(world.user("reviewer"))
    assert "red-discreta" in slugs(reviewer.get("/api/v1/organisations/"))
    assert reviewer.get("/api/v1/organisations/red-discreta/").status_code == 200
    mentor = APIClient()
    mentor.force_authenticate(world.user("mentor"))  # covers Mexico, not Honduras
    assert "red-discreta" not in slugs(mentor.get("/api/v1/organisations/"))


def test_hidden_record_is_a_problem_detail_not_found(world: World) -> None:
    response = APIClient().get("/api/v1/organisations/red-discreta/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 404
    assert body["title"] == "Not Found"
    assert body["detail"] == "No encontrado."


def test_filters_and_ordering(world: World) -> None:
    response = APIClient().get("/api/v1/organisations/", {"country": "SV"})
    assert slugs(response) == {"alcaldia-san-salvador"}
    response = APIClient().get("/api/v1/taxonomy-terms/", {"taxonomy__code": "gcm-objectives"})
    assert response.json()["count"] == 23


def test_writes_are_refused(world: World) -> None:
    client = APIClient()
    client.force_authenticate(world.user("admin"))
    response = client.post("/api/v1/organisations/", {"name": "x"})
    assert response.status_code in {403, 405}
    assert response["Content-Type"] == "application/problem+json"


def test_token_made_on_the_users_page_authenticates_and_can_be_revoked(world: World) -> None:
    page = Client()
    page.force_login(world.user("reviewer"))
    response = page.post("/es/me/api-token/", {"action": "create"})
    key = response.context["new_key"]
    assert len(key) == 40

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert "red-discreta" in slugs(api.get("/api/v1/organisations/"))

    page.post("/es/me/api-token/", {"action": "revoke"})
    response = api.get("/api/v1/organisations/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_replacing_a_token_retires_the_old_one(world: World) -> None:
    from migralocal.core import services

    old = services.api_token_create(user=world.user("member")).key
    new = services.api_token_create(user=world.user("member")).key
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {old}")
    assert api.get("/api/v1/countries/").status_code == 401
    api.credentials(HTTP_AUTHORIZATION=f"Token {new}")
    assert api.get("/api/v1/countries/").status_code == 200


def test_unchanged_list_answers_not_modified(world: World) -> None:
    client = APIClient()
    first = client.get("/api/v1/countries/")
    etag = first["ETag"]
    again = client.get("/api/v1/countries/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304


@pytest.mark.django_db
def test_schema_and_documentation_are_served_without_a_cdn() -> None:
    schema = Client().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/v1/organisations/" in schema.json()["paths"]
    docs = Client().get("/api/v1/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in docs
    assert "cdn" not in docs.lower()
