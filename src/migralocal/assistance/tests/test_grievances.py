"""Grievances and feedback: the public form and its status page, the staff's list and answer,
sensitive categories for the grievance focal points only, encryption, logging, retention and
person requests."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO
from typing import Any

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from migralocal.assistance import grievance_services as gs
from migralocal.assistance import personal_data
from migralocal.assistance.grievances import Grievance
from migralocal.assistance.models import CashProgramme
from migralocal.assistance.tests.builders import (
    make_grievance_focal_point,
    make_programme,
    member,
    no_two_factor,
    register,
)
from migralocal.core.models import AccessLog
from migralocal.core.no_store import NO_STORE
from migralocal.core.tests.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> None:
    cache.clear()


def signed_in(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def public_post(programme: CashProgramme, **changes: str) -> tuple[Client, Any]:
    data = {
        "category": "payment_not_received",
        "description": "No recibí el pago de marzo.",
        "contact_name": "Rosa Elvir",
        "contact": "+504 9911 2233",
        **changes,
    }
    client = Client()
    return client, client.post(
        reverse("assistance:grievance_public", kwargs={"slug": programme.slug}), data
    )


def raw_column(grievance: Grievance, column: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM assistance_grievance WHERE id = %s",  # noqa: S608
            [grievance.pk],
        )
        return cursor.fetchone()[0]


def test_anyone_raises_a_grievance_and_follows_it_by_reference_and_secret(world: World) -> None:
    programme = make_programme(world)
    client, response = public_post(programme)

    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE
    grievance = Grievance.objects.get()
    page = response.content.decode()
    assert grievance.reference in page
    found = re.search(r"<strong>([A-Za-z0-9_-]{12,})</strong>", page.split("</strong>", 1)[1])
    assert found is not None
    secret = found[1]
    assert grievance.secret_matches(secret)
    assert grievance.channel == "public_form" and not grievance.is_sensitive
    # Encrypted at rest: neither the contact nor the description is in the table as written.
    assert "9911" not in raw_column(grievance, "contact")
    assert "marzo" not in raw_column(grievance, "description")
    assert grievance.contact == "+504 9911 2233"

    status_url = reverse("assistance:grievance_status")
    shown = client.post(status_url, {"reference": grievance.reference, "secret": secret})
    text = shown.content.decode()
    assert shown.status_code == 200 and shown["Cache-Control"] == NO_STORE
    assert "Recibida" in text  # the status, in Spanish
    assert "Rosa" not in text and "9911" not in text and "marzo" not in text

    wrong = client.post(status_url, {"reference": grievance.reference, "secret": "guess"})
    assert wrong.status_code == 404
    assert grievance.reference not in wrong.content.decode().split("<form", 1)[0]


def test_the_public_form_refuses_bad_input_bots_and_floods(world: World) -> None:
    programme = make_programme(world)
    _client, empty = public_post(programme, description="  ")
    assert empty.status_code == 200 and "errorlist" in empty.content.decode()
    _client, unknown = public_post(programme, category="lottery")
    assert unknown.status_code == 200 and "errorlist" in unknown.content.decode()
    _client, bot = public_post(programme, homepage="http://spam.example")
    assert bot.status_code == 200
    assert not Grievance.objects.exists()

    # Every attempt counts, valid or not: a new hour for the flood.
    cache.clear()
    for _ in range(gs_limit()):
        public_post(programme)
    _client, flooded = public_post(programme)
    assert flooded.status_code == 429
    assert Grievance.objects.count() == gs_limit()
    missing = Client().get(reverse("assistance:grievance_public", kwargs={"slug": "none"}))
    assert missing.status_code == 404


def gs_limit() -> int:
    from migralocal.assistance.grievance_views import GRIEVANCES_PER_HOUR

    return GRIEVANCES_PER_HOUR


def test_sensitive_grievances_reach_only_the_grievance_focal_points(world: World) -> None:
    programme = make_programme(world)
    focal = make_grievance_focal_point(world)
    plain, _ = gs.grievance_submit_public(
        programme=programme, data=gs.GrievanceData("wrong_amount", "Me pagaron 30, no 60.")
    )
    fraud, _ = gs.grievance_submit_public(
        programme=programme,
        data=gs.GrievanceData("staff_abuse", "Un funcionario pidió dinero.", contact="rosa@x.hn"),
    )
    assert fraud.is_sensitive and not plain.is_sensitive

    officer = world.user("hub_staff")
    assert list(gs.grievances_for(officer, programme)) == [plain]
    assert set(gs.grievances_for(focal, programme)) == {plain, fraud}
    with pytest.raises(PermissionDenied):
        gs.grievance_read(actor=officer, grievance=fraud)
    with pytest.raises(PermissionDenied):
        gs.grievances_for(world.user("admin"), programme)
    with pytest.raises(PermissionDenied):
        gs.grievances_for(no_two_factor(world.user("focal_point")), programme)

    url = reverse("assistance:grievance", kwargs={"slug": programme.slug, "pk": fraud.pk})
    assert signed_in(world, "hub_staff").get(url).status_code == 404
    assert signed_in(world, "other_hub_staff").get(url).status_code == 404
    assert signed_in(world, "admin").get(url).status_code == 404
    page = signed_in(world, "trainer").get(url)
    assert page.status_code == 200 and page["Cache-Control"] == NO_STORE
    assert "rosa@x.hn" in page.content.decode()
    assert AccessLog.objects.filter(user=focal, object_id=str(fraud.pk)).count() == 1

    listing = signed_in(world, "hub_staff").get(
        reverse("assistance:grievances", kwargs={"slug": programme.slug})
    )
    assert plain.reference in listing.content.decode()
    assert fraud.reference not in listing.content.decode()
    assert "rosa@x.hn" not in listing.content.decode()


def test_staff_answer_and_close_a_grievance_and_the_time_to_close_is_kept(world: World) -> None:
    programme = make_programme(world)
    grievance, secret = gs.grievance_submit_public(
        programme=programme, data=gs.GrievanceData("payment_not_received", "Sin pago.")
    )
    officer = world.user("hub_staff")
    with pytest.raises(ValidationError):
        gs.grievance_respond(actor=officer, grievance=grievance, status="resolved", response="")
    with pytest.raises(ValidationError):
        gs.grievance_respond(actor=officer, grievance=grievance, status="lost", response="x")
    url = reverse("assistance:grievance", kwargs={"slug": programme.slug, "pk": grievance.pk})
    staff = signed_in(world, "hub_staff")
    refused = staff.post(url, {"status": "closed", "response": ""})
    assert refused.status_code == 200 and "errorlist" in refused.content.decode()
    done = staff.post(url, {"status": "resolved", "response": "Pago reemitido en el ciclo 2."})
    assert done.status_code == 302
    grievance.refresh_from_db()
    assert grievance.status == "resolved" and grievance.handled_by == officer
    assert grievance.time_to_close is not None and grievance.time_to_close >= dt.timedelta(0)

    shown = Client().post(
        reverse("assistance:grievance_status"),
        {"reference": grievance.reference.lower(), "secret": secret},
    )
    assert "Pago reemitido" in shown.content.decode()
    figures = gs.grievance_figures(programme)
    assert figures["total"] == 1 and figures["open"] == 0
    assert figures["average_days_to_close"] is not None
    assert "Quejas recibidas" in staff.get(programme.get_absolute_url()).content.decode()
    gs.grievance_respond(actor=officer, grievance=grievance, status="in_progress", response="")
    grievance.refresh_from_db()
    assert grievance.closed_at is None and grievance.time_to_close is None


def test_staff_record_a_grievance_on_behalf_of_a_household(world: World) -> None:
    programme = make_programme(world)
    household = register(world, programme, "H-1", member("P-1", "Rosa", "Elvir"))
    url = reverse("assistance:grievance_create", kwargs={"slug": programme.slug})
    staff = signed_in(world, "hub_staff")
    unknown = staff.post(
        url, {"category": "wrongly_excluded", "description": "x", "household_ref": "H-9"}
    )
    assert unknown.status_code == 200 and not Grievance.objects.exists()
    done = staff.post(
        url, {"category": "wrongly_excluded", "description": "Excluida.", "household_ref": "H-1"}
    )
    grievance = Grievance.objects.get()
    assert done.status_code == 200 and grievance.reference in done.content.decode()
    assert grievance.household == household and grievance.channel == "staff"
    assert grievance.raised_by == world.user("hub_staff")
    assert signed_in(world, "admin").get(url).status_code == 403


def test_person_requests_and_retention_cover_grievance_details(world: World) -> None:
    programme = make_programme(world)
    grievance, _secret = gs.grievance_submit_public(
        programme=programme,
        data=gs.GrievanceData("fraud", "Cobran por inscribir.", "Ana", "+504 1234 5678"),
    )
    assert personal_data.owns_reference(grievance.reference)
    exported = personal_data.export_person(user=None, email="", references=[grievance.reference])
    assert exported["grievances"][0]["contact"] == "+504 1234 5678"
    assert (
        personal_data.erase_person(user=None, email="", references=[grievance.reference])[
            "grievances"
        ]
        == 1
    )
    grievance.refresh_from_db()
    assert grievance.contact == "" and grievance.contact_name == ""
    assert grievance.description == "-" and grievance.category == "fraud"

    old, _secret = gs.grievance_submit_public(
        programme=programme, data=gs.GrievanceData("wrong_amount", "Monto.", "Luis", "555-1234")
    )
    recent, _secret = gs.grievance_submit_public(
        programme=programme, data=gs.GrievanceData("wrong_amount", "Monto.", "Eva", "555-9999")
    )
    Grievance.objects.filter(pk=old.pk).update(
        status="closed", closed_at=timezone.now() - dt.timedelta(days=400)
    )
    Grievance.objects.filter(pk=recent.pk).update(status="closed", closed_at=timezone.now())
    assert gs.grievance_details_purge() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.contact == "" and recent.contact == "555-9999"
    assert gs.grievance_details_purge() == 0
    out = StringIO()
    call_command("purge_assistance_grievances", stdout=out)
    assert "0" in out.getvalue()
