"""The offline record form and its sync: each device record is saved exactly once, never with
identifying details, and only by staff who may record at its hub."""

from __future__ import annotations

import json
import re
import uuid

import pytest
from django.test import Client
from django.utils import timezone

from migralocal.consultations.models import Consultation, IdentityRecord
from migralocal.consultations.tests.helpers import topic

pytestmark = pytest.mark.django_db

SYNC = "/es/consultations/record/offline/sync/"


@pytest.fixture
def staff(world) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("hub_staff"))
    return client


def token(client: Client) -> str:
    """Read from the page, as offline-record.js does."""
    page = client.get("/es/consultations/record/offline/").content.decode()
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert found
    return found[1]


def entry(hub, **changes) -> dict:
    data = {
        "client_id": str(uuid.uuid4()),
        "hub": hub.pk,
        "date": timezone.localdate().isoformat(),
        "channel": "whatsapp",
        "topics": [topic("documents").pk],
        "gender": "female",
        "age_band": "18-29",
        "disability": "no",
        "preferred_language": "es",
        "needs": "",
        "information_given": "",
    }
    data.update(changes)
    return data


def send(client: Client, data: dict, csrf: str | None = None):
    headers = {"X-CSRFToken": csrf} if csrf else {}
    return client.post(SYNC, json.dumps(data), content_type="application/json", headers=headers)


def test_the_offline_form_has_no_identity_fields_and_no_name(world, hubs, staff) -> None:
    page = staff.get("/es/consultations/record/offline/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "data-offline-form" in html
    for field in ("name", "contact", "document_number", "consent_purpose", "referrals"):
        assert f'name="{field}"' not in html
    assert world.user("hub_staff").display_name not in html
    assert "no-store" not in page["Cache-Control"]
    assert "private" in page["Cache-Control"]


def test_a_record_is_saved_once_however_often_it_is_sent(world, hubs, staff) -> None:
    own, _other = hubs
    csrf = token(staff)
    data = entry(own)
    first = send(staff, data, csrf)
    second = send(staff, data, csrf)
    assert first.status_code == 201
    assert second.status_code == 409
    assert second.json()["id"] == first.json()["id"]
    saved = Consultation.objects.get(client_id=data["client_id"])
    assert saved.recorded_by == world.user("hub_staff")
    assert list(saved.topics.all()) == [topic("documents")]
    assert Consultation.objects.filter(client_id=data["client_id"]).count() == 1


def test_the_sync_needs_the_csrf_token(hubs, staff) -> None:
    own, _other = hubs
    assert send(staff, entry(own)).status_code == 403
    assert not Consultation.objects.exists()


def test_identifying_details_sent_from_a_device_are_not_kept(hubs, staff) -> None:
    own, _other = hubs
    data = entry(own, name="Ana Pérez", document_number="X123", consent_purpose="follow-up")
    assert send(staff, data, token(staff)).status_code == 201
    assert not IdentityRecord.objects.exists()


def test_a_bad_record_is_refused_with_its_errors(hubs, staff) -> None:
    own, _other = hubs
    answer = send(staff, entry(own, topics=[], client_id="not-an-id"), token(staff))
    assert answer.status_code == 400
    assert {"topics", "client_id"} <= set(answer.json()["errors"])
    bad_json = staff.post(
        SYNC, "[1,", content_type="application/json", HTTP_X_CSRFTOKEN=token(staff)
    )
    assert bad_json.status_code == 400


def test_staff_cannot_sync_into_another_hub(hubs, staff) -> None:
    _own, other = hubs
    answer = send(staff, entry(other), token(staff))
    assert answer.status_code == 400
    assert not Consultation.objects.exists()


def test_a_visitor_is_sent_to_sign_in(hubs) -> None:
    own, _other = hubs
    answer = send(Client(), entry(own))
    assert answer.status_code == 302
    assert not Consultation.objects.exists()
