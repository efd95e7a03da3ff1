"""Consultations through the API: the hub's staff only, never identifying details, and writes
through the record and follow-up services."""

from __future__ import annotations

from typing import Any

import pytest
from auditlog.models import LogEntry
from django.utils import translation
from django.utils.translation import gettext

from migralocal.consultations import services
from migralocal.consultations.models import Consultation, IdentityRecord, Referral
from migralocal.consultations.tests.helpers import record
from migralocal.core.tests.api_helpers import ANONYMOUS, EVERYONE, client_for
from migralocal.core.tests.world import World

STAFF_OF_OWN_HUB = {"hub_staff", "admin"}
IDENTIFYING = ("María Pérez", "+504 9999-1234", "0801-1990-12345")


@pytest.fixture
def log(world: World, hubs: Any, listings: Any) -> dict[str, Any]:
    own_hub, other_hub = hubs
    own = record(
        own_hub,
        world.user("hub_staff"),
        referrals=(listings[0],),
        needs="Renovar el pasaporte.",
        identity=services.Identity(
            consent_purpose="Seguimiento de la derivación",
            name=IDENTIFYING[0],
            contact=IDENTIFYING[1],
            document_number=IDENTIFYING[2],
        ),
    )
    other = record(other_hub, world.user("other_hub_staff"), referrals=(listings[2],))
    return {"own": own, "other": other, "services": listings}


def test_consultations_are_listed_to_their_hubs_staff_only(
    world: World, log: dict[str, Any]
) -> None:
    sees = {
        "hub_staff": {log["own"].pk},
        "other_hub_staff": {log["other"].pk},
        "admin": {log["own"].pk, log["other"].pk},
    }
    for role in EVERYONE:
        response = client_for(world, role).get("/api/v1/consultations/")
        if role in sees:
            assert {item["id"] for item in response.json()["results"]} == sees[role], role
        else:
            assert response.status_code == (401 if role == ANONYMOUS else 403), role


def test_another_hubs_consultation_is_not_found(world: World, log: dict[str, Any]) -> None:
    for role in EVERYONE:
        response = client_for(world, role).get(f"/api/v1/consultations/{log['own'].pk}/")
        expected = 200 if role in STAFF_OF_OWN_HUB else 404
        assert response.status_code == (401 if role == ANONYMOUS else expected), role


def test_identifying_details_never_leave_through_the_api(world: World, log: dict[str, Any]) -> None:
    client = client_for(world, "hub_staff")
    listed = client.get("/api/v1/consultations/")
    detail = client.get(f"/api/v1/consultations/{log['own'].pk}/")
    referrals = client.get("/api/v1/referrals/")
    for response in (listed, detail, referrals):
        assert response.status_code == 200
        for text in IDENTIFYING:
            assert text not in response.content.decode()
    assert "needs" not in listed.json()["results"][0]  # free text only on the single record
    assert detail.json()["needs"] == "Renovar el pasaporte."


def recording(hub: str, services_: Any, **extra: Any) -> dict[str, Any]:
    return {
        "hub": hub,
        "channel": "whatsapp",
        "topics": ["documents", "labour-migration"],
        "gender": "female",
        "age_band": "30-44",
        "nationality": "HN",
        "migration_situation": "returnee",
        "referrals": [str(services_[0].pk)],
        **extra,
    }


def test_only_the_hubs_staff_record_a_consultation(world: World, log: dict[str, Any]) -> None:
    for role in EVERYONE:
        before = Consultation.objects.count()
        response = client_for(world, role).post(
            "/api/v1/consultations/",
            recording("ventanilla-el-progreso", log["services"]),
            format="json",
        )
        if role in STAFF_OF_OWN_HUB:
            assert response.status_code == 201, (role, response.content)
        elif role == "other_hub_staff":  # not a hub they may record at
            assert response.status_code == 400, role
            assert "hub" in response.json()["errors"]
        else:
            assert response.status_code == (401 if role == ANONYMOUS else 403), role
        assert Consultation.objects.count() == before + (role in STAFF_OF_OWN_HUB), role


def test_a_recorded_consultation_is_what_was_sent_and_is_audited(
    world: World, log: dict[str, Any]
) -> None:
    response = client_for(world, "hub_staff").post(
        "/api/v1/consultations/",
        recording("ventanilla-el-progreso", log["services"]),
        format="json",
    )
    body = response.json()
    assert body["channel"] == "whatsapp"
    assert set(body["topics"]) == {"documents", "labour-migration"}
    assert (body["nationality"], body["migration_situation"]) == ("HN", "returnee")
    assert body["disability"] == "not_stated"
    [referral] = body["referrals"]
    assert (referral["service"], referral["status"]) == (str(log["services"][0].pk), "made")
    consultation = Consultation.objects.get(pk=body["id"])
    entry = LogEntry.objects.get_for_object(consultation).latest("timestamp")
    assert entry.actor == world.user("hub_staff")


def test_identifying_details_sent_to_the_api_are_not_kept(
    world: World, log: dict[str, Any]
) -> None:
    body = recording(
        "ventanilla-el-progreso",
        log["services"],
        consent_purpose="Seguimiento",
        name="Juan",
        document_number="123",
    )
    response = client_for(world, "hub_staff").post("/api/v1/consultations/", body, format="json")
    assert response.status_code == 201
    assert not IdentityRecord.objects.filter(consultation_id=response.json()["id"]).exists()


def test_a_bad_record_is_a_translated_problem_and_writes_nothing(
    world: World, log: dict[str, Any]
) -> None:
    body = recording(
        "ventanilla-el-progreso",
        log["services"],
        topics=[],
        referrals=[str(log["services"][2].pk)],  # a service in El Salvador
    )
    response = client_for(world, "hub_staff", language="es").post(
        "/api/v1/consultations/", body, format="json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    with translation.override("es"):
        no_topic = gettext("Choose at least one topic.")
    assert no_topic != "Choose at least one topic."
    assert response.json()["errors"]["topics"] == [no_topic]
    assert Consultation.objects.count() == 2


def test_only_the_hubs_staff_follow_a_referral_up(world: World, log: dict[str, Any]) -> None:
    referral = log["own"].referrals.get()
    for role in EVERYONE:
        Referral.objects.filter(pk=referral.pk).update(status="made")
        response = client_for(world, role).patch(
            f"/api/v1/referrals/{referral.pk}/",
            {"status": "attended", "notes": "Acudió."},
            format="json",
        )
        expected = 200 if role in STAFF_OF_OWN_HUB else 404
        assert response.status_code == (401 if role == ANONYMOUS else expected), role
        changed = Referral.objects.get(pk=referral.pk).status == "attended"
        assert changed == (role in STAFF_OF_OWN_HUB), role


def test_an_open_referral_needs_a_follow_up_date(world: World, log: dict[str, Any]) -> None:
    referral = log["own"].referrals.get()
    client = client_for(world, "hub_staff", language="es")
    response = client.patch(
        f"/api/v1/referrals/{referral.pk}/",
        {"status": "accepted", "follow_up_on": None},
        format="json",
    )
    assert response.status_code == 400
    with translation.override("es"):
        message = gettext("An open referral needs a follow-up date.")
    assert response.json()["errors"]["follow_up_on"] == [message]
    assert Referral.objects.get(pk=referral.pk).status == "made"


def test_referrals_list_without_notes_and_filter_by_status(
    world: World, log: dict[str, Any]
) -> None:
    client = client_for(world, "admin")
    assert client.get("/api/v1/referrals/").json()["count"] == 2
    assert client.get("/api/v1/referrals/", {"status": "closed"}).json()["count"] == 0
    item = client.get("/api/v1/referrals/", {"hub": "ventanilla-el-progreso"}).json()["results"]
    assert [row["consultation"] for row in item] == [log["own"].pk]
    assert "notes" not in item[0]
