"""Keeping the directory through the API: hubs and services, with the manage pages' rules."""

from __future__ import annotations

from typing import Any

import pytest
from auditlog.models import LogEntry
from django.utils import translation
from django.utils.translation import gettext

from migralocal.core.tests.api_helpers import ANONYMOUS, EVERYONE, client_for
from migralocal.core.tests.world import World
from migralocal.directory.models import Hub, Service
from migralocal.directory.tests.helpers import make_service, world_hubs

# Who keeps El Progreso's hub: its operator's hub staff, the Honduras reviewer, admins.
KEEPERS = {"hub_staff", "reviewer", "admin"}


@pytest.fixture
def listings(world: World) -> dict[str, Any]:
    own, other = world_hubs(world)
    work = make_service(hub=own, name={"es": "Orientación laboral", "en": "Work guidance"})
    return {"own": own, "other": other, "work": work}


def new_service(hub: str = "ventanilla-el-progreso", **extra: Any) -> dict[str, Any]:
    return {
        "hub": hub,
        "translations": {
            "es": {"name": "Asesoría legal", "description": "Regularización migratoria."},
            "en": {"name": "Legal advice"},
        },
        "status": "active",
        "categories": ["legal-aid"],
        "languages": ["es", "en"],
        "phone": "+504 2647-2222",
        **extra,
    }


def expected_status(role: str, allowed: set[str], success: int) -> int:
    if role in allowed:
        return success
    return 401 if role == ANONYMOUS else 403


def test_only_the_hubs_keepers_add_a_service(world: World, listings: dict[str, Any]) -> None:
    for role in EVERYONE:
        name = f"Asesoría legal ({role})"
        body = new_service(translations={"es": {"name": name}, "en": {"name": "Legal advice"}})
        response = client_for(world, role).post("/api/v1/services/", body, format="json")
        assert response.status_code == expected_status(role, KEEPERS, 201), (role, response.content)
        created = Service.objects.filter(translations__name=name)
        assert created.exists() == (role in KEEPERS), role
        if role in KEEPERS:
            body = response.json()
            assert body["name"] == "Legal advice"
            assert {language["code"] for language in body["languages"]} == {"es", "en"}
            assert created.get().hub == listings["own"]
        else:
            assert response["Content-Type"] == "application/problem+json"


def test_only_the_hubs_keepers_change_a_service(world: World, listings: dict[str, Any]) -> None:
    url = f"/api/v1/services/{listings['work'].pk}/"
    for role in EVERYONE:
        response = client_for(world, role).patch(
            url, {"translations": {"en": {"name": f"Job guidance ({role})"}}}, format="json"
        )
        assert response.status_code == expected_status(role, KEEPERS, 200), (role, response.content)
        service = Service.objects.get(pk=listings["work"].pk)
        service.set_current_language("en")
        assert (service.name == f"Job guidance ({role})") == (role in KEEPERS), role
        service.set_current_language("es")
        assert service.name == "Orientación laboral"  # what the change left out stays


def test_only_the_hubs_keepers_change_a_hub(world: World, listings: dict[str, Any]) -> None:
    for role in EVERYONE:
        response = client_for(world, role).patch(
            "/api/v1/hubs/ventanilla-el-progreso/",
            {"address": f"Avenida {role}", "channels": ["in_person", "whatsapp"]},
            format="json",
        )
        assert response.status_code == expected_status(role, KEEPERS, 200), (role, response.content)
        hub = Hub.objects.get(pk=listings["own"].pk)
        assert (hub.address == f"Avenida {role}") == (role in KEEPERS), role
        if role in KEEPERS:
            assert response.json()["channels"] == ["in_person", "whatsapp"]
            assert hub.safe_translation_getter("name", language_code="en") == "Migrant desk"


def test_a_service_is_added_only_at_a_hub_the_requester_keeps(
    world: World, listings: dict[str, Any]
) -> None:
    response = client_for(world, "hub_staff").post(
        "/api/v1/services/", new_service(hub="punto-san-salvador"), format="json"
    )
    assert response.status_code == 403
    assert not Service.objects.filter(translations__name="Asesoría legal").exists()


def test_a_closed_hub_is_still_changed_by_its_keepers(
    world: World, listings: dict[str, Any]
) -> None:
    Hub.objects.filter(pk=listings["own"].pk).update(status=Hub.Status.CLOSED)
    client = client_for(world, "hub_staff")
    response = client.patch(
        "/api/v1/hubs/ventanilla-el-progreso/", {"status": "active"}, format="json"
    )
    assert response.status_code == 200
    assert Hub.objects.get(pk=listings["own"].pk).status == Hub.Status.ACTIVE


def test_writes_are_audited_under_the_tokens_owner(world: World, listings: dict[str, Any]) -> None:
    client_for(world, "hub_staff").patch(
        "/api/v1/hubs/ventanilla-el-progreso/", {"address": "Calle 5"}, format="json"
    )
    entry = LogEntry.objects.get_for_object(listings["own"]).latest("timestamp")
    assert entry.actor == world.user("hub_staff")
    assert "address" in entry.changes_dict


def test_bad_service_is_a_translated_problem_and_writes_nothing(
    world: World, listings: dict[str, Any]
) -> None:
    body = new_service(
        translations={"es": {"description": "Sin nombre"}},
        categories=["no-such-need"],
        minimum_age=30,
        maximum_age=10,
    )
    response = client_for(world, "hub_staff", language="es").post(
        "/api/v1/services/", body, format="json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["title"] == "La solicitud contiene datos no válidos."
    with translation.override("es"):
        no_name = gettext("Give a name in at least one language.")
    assert no_name != "Give a name in at least one language."
    assert problem["errors"]["translations.es.name"] == [no_name]
    assert set(problem["errors"]) >= {"categories", "maximum_age"}
    assert Service.objects.count() == 1


def test_texts_in_an_unknown_language_are_refused(world: World, listings: dict[str, Any]) -> None:
    response = client_for(world, "hub_staff").patch(
        f"/api/v1/services/{listings['work'].pk}/",
        {"translations": {"xx": {"name": "?"}}},
        format="json",
    )
    assert response.status_code == 400
    assert "translations" in response.json()["errors"]


def test_a_service_refused_by_its_service_rules_is_a_problem(
    world: World, listings: dict[str, Any]
) -> None:
    response = client_for(world, "hub_staff").patch(
        "/api/v1/hubs/ventanilla-el-progreso/",
        {"opens_at": "16:00", "closes_at": "08:00", "opening_days": ["MO"]},
        format="json",
    )
    assert response.status_code == 400
    assert "closes_at" in response.json()["errors"]


def test_a_stale_if_match_is_refused_and_a_current_one_accepted(
    world: World, listings: dict[str, Any]
) -> None:
    client = client_for(world, "hub_staff")
    url = f"/api/v1/services/{listings['work'].pk}/"
    etag = client.get(url)["ETag"]
    response = client.patch(url, {"email": "a@example.org"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.content
    stale = client.patch(url, {"email": "b@example.org"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert stale["Content-Type"] == "application/problem+json"
    assert Service.objects.get(pk=listings["work"].pk).email == "a@example.org"


def test_a_hub_if_match_follows_the_read_etag(world: World, listings: dict[str, Any]) -> None:
    client = client_for(world, "reviewer")
    url = "/api/v1/hubs/ventanilla-el-progreso/"
    etag = client.get(url)["ETag"]
    assert client.patch(url, {"phone": "1"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    assert client.patch(url, {"phone": "2"}, format="json", HTTP_IF_MATCH=etag).status_code == 412


def test_a_body_that_is_not_an_object_is_a_problem(world: World, listings: dict[str, Any]) -> None:
    response = client_for(world, "admin").post("/api/v1/services/", [1, 2], format="json")
    assert response.status_code == 400
