"""A person's data on request: export everything held about them, or erase it and keep the
figures (core.person_requests and the person_export / person_erase commands)."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from migralocal.commitments import services as commitment_services
from migralocal.commitments.models import Commitment
from migralocal.commitments.tests.builders import content
from migralocal.consultations import services as consultation_services
from migralocal.consultations.models import Consultation, IdentityRecord
from migralocal.consultations.tests.helpers import record
from migralocal.core.models import AccessLog, Membership, User
from migralocal.core.person_requests import person_erase, person_export
from migralocal.core.tests.world import World
from migralocal.directory.tests.helpers import world_hubs
from migralocal.learning import services as learning_services
from migralocal.learning.models import Certificate, Enrolment, Registration
from migralocal.learning.tests.builders import make_course, make_event

OFFICER = "dpo@example.org"
IDENTITY = consultation_services.Identity(
    consent_purpose="To call back about the referral",
    name="María López",
    contact="+504 9999-0000",
    document_number="0801-1990-12345",
)


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def person(world: World) -> dict[str, Any]:
    """The member, with a course finished, an event attended, an entry submitted; and a
    consultation at El Progreso's hub where a person left their details."""
    member = world.user("member")
    member.first_name, member.last_name = "Lucía", "Hernández"
    member.save()
    course = make_course(world.mexico)
    enrolment = Enrolment.objects.create(
        user=member, course=course, organisation=world.mexican_cso, completed_at=timezone.now()
    )
    certificate = learning_services.certificate_issue(enrolment=enrolment)
    event = make_event(world.mexico)
    registration = Registration.objects.create(
        event=event,
        email="MEMBER@example.org",  # typed at the door, in capitals
        name="Lucía Hernández",
        gender="female",
        role="civil_society",
        country=world.mexico,
        attended_at=timezone.now(),
    )
    commitment = commitment_services.commitment_submit(
        content=content(organisation=world.mexican_cso),
        language="es",
        submitter=None,
        email="member@example.org",
    )
    hub, _other = world_hubs(world)
    consultation = record(hub, world.user("hub_staff"), identity=IDENTITY, needs="María: pasaporte")
    return {
        "user": member,
        "certificate": certificate,
        "registration": registration,
        "commitment": commitment,
        "consultation": consultation,
        "reference": consultation.identity.reference,
    }


def test_the_export_gathers_what_every_module_holds_about_the_person(
    person: dict[str, Any],
) -> None:
    data = person_export(
        email="member@example.org", handled_by=OFFICER, references=[person["reference"]]
    )
    assert data["core"]["account"]["first_name"] == "Lucía"
    assert data["core"]["memberships"] == [{"organisation": "colectivo-caminos", "role": "member"}]
    assert data["learning"]["certificates"][0]["number"] == person["certificate"].number
    assert data["learning"]["event_registrations"][0]["name"] == "Lucía Hernández"
    assert data["commitments"]["commitments_submitted"][0]["slug"] == person["commitment"].slug
    identified = data["consultations"]["identified_consultations"][0]
    assert identified["identity"]["name"] == "María López"  # decrypted for the person
    json.dumps(data, default=str)  # all of it can be written out


def test_every_export_and_erasure_is_in_the_access_log_without_the_email(
    person: dict[str, Any],
) -> None:
    person_export(email="member@example.org", handled_by=OFFICER, references=[person["reference"]])
    person_erase(email="member@example.org", handled_by=OFFICER)
    logs = list(AccessLog.objects.order_by("accessed_at", "pk"))
    assert [log.user_email for log in logs] == [OFFICER, OFFICER]
    assert "Subject access" in logs[0].reason and "Erasure" in logs[1].reason
    assert person["reference"] in logs[0].object_repr
    assert all("member@example.org" not in log.object_repr for log in logs)
    assert logs[1].object_id == str(person["user"].pk)


def test_erasure_removes_what_identifies_the_person_and_keeps_the_figures(
    person: dict[str, Any],
) -> None:
    user: User = person["user"]
    consultations_before = Consultation.objects.count()
    counts = person_erase(
        email="member@example.org", handled_by=OFFICER, references=[person["reference"]]
    )
    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.is_active) == ("", "", False)
    assert user.email.endswith("@erased.invalid") and not user.has_usable_password()
    assert not Membership.objects.filter(user=user).exists()
    assert Certificate.objects.get(pk=person["certificate"].pk).learner_name == ""
    registration = Registration.objects.get(pk=person["registration"].pk)
    assert (registration.name, registration.gender) == ("", "female")  # figures keep gender
    assert registration.attended_at is not None
    assert Commitment.objects.get(pk=person["commitment"].pk).submitter_email == ""
    assert not IdentityRecord.objects.exists()
    assert Consultation.objects.count() == consultations_before
    assert Consultation.objects.get(pk=person["consultation"].pk).needs == ""
    assert Enrolment.objects.filter(user=user).count() == 1  # completion figures stay
    assert counts["core.accounts"] == 1 and counts["learning.registrations"] == 1
    # Nothing is left to find under the old address.
    after = person_export(email="member@example.org", handled_by=OFFICER)
    assert after["core"]["account"] is None
    assert after["learning"]["event_registrations"] == []
    assert after["commitments"]["commitments_submitted"] == []


def test_a_platform_admin_cannot_be_erased_and_addresses_are_checked(world: World) -> None:
    with pytest.raises(ValidationError):
        person_erase(email="admin@example.org", handled_by=OFFICER)
    with pytest.raises(ValidationError):
        person_export(email="not an address", handled_by=OFFICER)
    assert not AccessLog.objects.exists()


def test_the_export_command_writes_json_and_the_erase_command_asks_first(
    person: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = tmp_path / "person.json"
    call_command(
        "person_export",
        "--email=member@example.org",
        f"--by={OFFICER}",
        f"--consultation-person-id={person['reference']}",
        f"--output={out}",
        stderr=StringIO(),
    )
    assert json.loads(out.read_text())["core"]["account"]["last_name"] == "Hernández"
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    said = StringIO()
    call_command("person_erase", "--email=member@example.org", f"--by={OFFICER}", stdout=said)
    assert "Nothing erased" in said.getvalue()
    assert User.objects.filter(email="member@example.org").exists()
    call_command(
        "person_erase", "--email=member@example.org", f"--by={OFFICER}", "--yes", stdout=said
    )
    assert not User.objects.filter(email="member@example.org").exists()


def test_the_commands_report_an_unknown_consultation_reference(world: World) -> None:
    with pytest.raises(CommandError):
        call_command(
            "person_export",
            "--email=member@example.org",
            f"--by={OFFICER}",
            "--consultation-person-id=P-NOPE0000",
            stdout=StringIO(),
        )
