"""Limits on what a consultation may hold: free text has a maximum length and JSON a maximum
depth, on the form, the API, the service and both imports; nothing is written past a limit. A
write the busy database cannot take answers "try again", not a server error."""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from migralocal.consultations import services
from migralocal.consultations.models import Consultation, SubmissionImport
from migralocal.consultations.tests.helpers import record
from migralocal.consultations.tests.test_offline import kobo_csv, kobo_row
from migralocal.consultations.tests.test_pages import form_data
from migralocal.core import json_limits, text_limits
from migralocal.core.tests.api_helpers import client_for
from migralocal.core.tests.world import World

pytestmark = pytest.mark.django_db

TOO_LONG_NEEDS = "Necesita renovar el pasaporte. " * 70  # 2,170 characters
NESTED_1000_LEVELS = "[" * 1000 + "]" * 1000


def too_long_in_spanish(length: int) -> str:
    with translation.override("es"):
        return text_limits.too_long_message(text_limits.NOTE, length)


@pytest.fixture
def staff(world: World) -> Client:
    client = Client()
    client.force_login(world.user("hub_staff"))
    return client


def test_the_limit_message_is_translated() -> None:
    message = too_long_in_spanish(2001)
    assert "2000" in message and "2001" in message
    with translation.override("en"):
        assert message != text_limits.too_long_message(text_limits.NOTE, 2001)


def test_the_record_form_refuses_needs_beyond_the_limit(hubs: Any, staff: Client) -> None:
    response = staff.post(
        "/es/consultations/record/", form_data(hubs[0], needs=TOO_LONG_NEEDS, action="save")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["needs"]
    assert "2000" in response.context["form"].errors["needs"][0]
    assert 'maxlength="2000"' in response.content.decode()
    assert not Consultation.objects.exists()


def test_the_api_refuses_needs_beyond_the_limit(world: World, hubs: Any) -> None:
    body = {
        "hub": hubs[0].slug,
        "channel": "whatsapp",
        "topics": ["documents"],
        "needs": "x" * 2 * 1024 * 1024,  # the 2 MB that used to be kept
    }
    response = client_for(world, "hub_staff", language="es").post(
        "/api/v1/consultations/", body, format="json"
    )
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    assert "2000" in response.json()["errors"]["needs"][0]
    assert not Consultation.objects.exists()


def test_the_service_refuses_needs_beyond_the_limit(world: World, hubs: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        record(hubs[0], world.user("hub_staff"), needs=TOO_LONG_NEEDS)
    assert "needs" in refused.value.message_dict
    assert not Consultation.objects.exists()


def test_every_free_text_field_has_a_maximum_length_checked_by_the_model() -> None:
    from django.apps import apps
    from django.core.validators import MaxLengthValidator
    from django.db import models

    unbounded = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label
        in {"core", "consultations", "assessments", "commitments", "directory", "learning"}
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField)
        and field.editable
        and not any(isinstance(v, MaxLengthValidator) for v in field.validators)
    ]
    assert unbounded == []


def test_import_submissions_refuses_needs_beyond_the_limit(hubs: Any, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(kobo_csv([kobo_row(1), kobo_row(2, needs=TOO_LONG_NEEDS)]))
    errors = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_submissions", str(path), "--hub", hubs[0].slug, "--yes", stderr=errors)
    assert "row 3, column needs" in errors.getvalue()
    assert not Consultation.objects.exists()


def test_import_submissions_reports_json_nested_too_deeply(hubs: Any, tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(
        json.dumps({"results": [{"date": "2026-01-01"}]})[:-2] + NESTED_1000_LEVELS + "]}"
    )
    with pytest.raises(CommandError, match=re.escape(json_limits.too_deep_message(32))):
        call_command("import_submissions", str(path), "--hub", hubs[0].slug, "--yes")
    assert not Consultation.objects.exists()


def test_an_uploaded_json_nested_too_deeply_is_reported(hubs: Any, staff: Client) -> None:
    response = staff.post(
        f"/es/consultations/hubs/{hubs[0].slug}/import/",
        {
            "file": SimpleUploadedFile(
                "export.json", NESTED_1000_LEVELS.encode(), content_type="application/json"
            )
        },
    )
    page = staff.get(response["Location"])
    assert page.context["upload"].status == "invalid"
    assert SubmissionImport.objects.get().status == "invalid"
    with translation.override("es"):
        expected = gettext("The JSON nests objects or lists more than %(limit)d levels deep.")
    assert expected % {"limit": 32} in page.content.decode()
    assert not Consultation.objects.exists()


def test_the_api_refuses_json_nested_too_deeply(world: World, hubs: Any) -> None:
    response = client_for(world, "hub_staff", language="es").post(
        "/api/v1/consultations/", NESTED_1000_LEVELS, content_type="application/json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    with translation.override("es"):
        expected = gettext("The JSON nests objects or lists more than %(limit)d levels deep.")
    assert response.json()["detail"] == expected % {"limit": 32}
    assert not Consultation.objects.exists()


def test_a_save_the_busy_database_cannot_take_is_a_page_asking_to_retry(
    hubs: Any, staff: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(**_kwargs: Any) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, "consultation_record", locked)
    response = staff.post("/es/consultations/record/", form_data(hubs[0], action="save"))
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    with translation.override("es"):
        retry = gettext(
            "The database is busy with other changes. Nothing was saved: try again in a moment."
        )
    assert retry in response.content.decode()
    assert not Consultation.objects.exists()


def test_the_api_refuses_a_body_larger_than_the_upload_limit(
    world: World, hubs: Any, settings: Any
) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = {"hub": hubs[0].slug, "channel": "whatsapp", "topics": ["documents"], "x": "y" * 1000}
    response = client_for(world, "hub_staff", language="es").post(
        "/api/v1/consultations/", body, format="json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    with translation.override("es"):
        assert response.json()["detail"] == gettext(
            "The request is larger than the server accepts."
        )
    assert not Consultation.objects.exists()
