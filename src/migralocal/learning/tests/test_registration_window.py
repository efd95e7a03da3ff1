"""Registration closes when the event ends (or at the trainer's deadline) and keeps to the
places: a waiting list fills in order, and a place freed goes to the first on it, by e-mail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from migralocal.core.tests.world import World
from migralocal.learning import services
from migralocal.learning.models import Event, Registration
from migralocal.learning.tests.builders import make_event

pytestmark = pytest.mark.django_db

SUMMIT_2023 = dt.datetime(2023, 6, 20, 15, 0, tzinfo=dt.UTC)


def register(event: Event, number: int, **fields: Any) -> Registration:
    values: dict[str, Any] = {
        "name": f"Persona {number}",
        "email": f"p{number}@example.org",
        "gender": "woman",
        "role": "civil_society",
    }
    values.update(fields)
    return services.event_register(event=event, **values)


def test_a_2023_summit_refuses_registration_with_a_translated_message(world: World) -> None:
    summit = make_event(world.honduras, "cumbre-2023", starts_at=SUMMIT_2023)
    with translation.override("es"), pytest.raises(ValidationError) as refused:
        register(summit, 1)
    assert "Las inscripciones para este evento cerraron el" in refused.value.messages[0]
    assert "2023" in refused.value.messages[0]
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        register(summit, 1)
    assert refused.value.messages[0].startswith("Registration for this event closed on")
    assert not Registration.objects.exists()


def test_registration_stays_open_while_the_event_runs_and_closes_at_its_end(
    world: World,
) -> None:
    event = make_event(world.honduras)
    assert event.registration_is_open(event.starts_at + dt.timedelta(minutes=30))
    assert not event.registration_is_open(event.ends_at)
    with pytest.raises(ValidationError):
        register(event, 1, now=event.ends_at + dt.timedelta(seconds=1))
    register(event, 2, now=event.starts_at + dt.timedelta(minutes=30))


def test_the_trainers_deadline_closes_registration_earlier(world: World) -> None:
    event = make_event(world.honduras)
    event.registration_closes_at = event.starts_at - dt.timedelta(days=2)
    event.save()
    with pytest.raises(ValidationError):
        register(event, 1, now=event.starts_at - dt.timedelta(days=1))
    register(event, 2, now=event.starts_at - dt.timedelta(days=3))
    # A deadline after the end does not keep registration open past the end.
    event.registration_closes_at = event.ends_at + dt.timedelta(days=5)
    assert event.registration_deadline == event.ends_at


def test_trainer_sets_a_deadline_in_the_events_local_time(world: World) -> None:
    client = Client()
    client.force_login(world.user("trainer"))
    data = {
        "title": "Taller de datos",
        "slug": "taller-datos",
        "kind": "workshop",
        "format": "in_person",
        "country": world.honduras.pk,
        "time_zone": "America/Tegucigalpa",
        "local_start": "2031-03-05T14:00",
        "local_end": "2031-03-05T17:00",
        "local_registration_closes": "2031-03-06T09:00",
        "is_public": "on",
    }
    page = client.post(reverse("learning:event_create"), data)
    assert "Las inscripciones deben cerrar antes de que termine el evento." in page.content.decode()
    client.post(
        reverse("learning:event_create"), {**data, "local_registration_closes": "2031-03-01T18:00"}
    )
    event = Event.objects.get(slug="taller-datos")
    # 18:00 in Tegucigalpa (UTC-6) is midnight UTC.
    assert event.registration_closes_at == dt.datetime(2031, 3, 2, 0, 0, tzinfo=dt.UTC)


def test_a_full_event_fills_its_waiting_list_in_order(world: World) -> None:
    event = make_event(world.honduras, capacity=2)
    statuses = [register(event, number).status for number in range(1, 5)]
    assert statuses == ["confirmed", "confirmed", "waiting", "waiting"]


def test_a_freed_place_goes_to_the_first_waiting_who_is_told_by_email(
    world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    event = make_event(world.honduras, capacity=1)
    first = register(event, 1)
    second = register(event, 2, language="en")
    third = register(event, 3)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=first, site_url="https://migralocal.example")
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == ("confirmed", "waiting")
    (message,) = mail.outbox
    assert message.to == ["p2@example.org"]
    assert message.subject == f"A place is yours: {event}"
    # Written in the language the person registered in, with the page in that language.
    with translation.override("en"):
        assert f"https://migralocal.example{event.get_absolute_url()}" in str(message.body)
    # Cancelling again frees nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=first)
    third.refresh_from_db()
    assert third.status == "waiting" and len(mail.outbox) == 1


def test_cancelling_a_waiting_place_promotes_nobody(
    world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    event = make_event(world.honduras, capacity=1)
    register(event, 1)
    waiting = register(event, 2)
    later = register(event, 3)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=waiting)
    later.refresh_from_db()
    assert later.status == "waiting" and not mail.outbox


def test_the_page_of_a_past_event_says_registration_closed_and_refuses_a_post(
    world: World, client: Client
) -> None:
    summit = make_event(world.honduras, "cumbre-2023", starts_at=SUMMIT_2023)
    page = client.get(summit.get_absolute_url()).content.decode()
    assert 'id="registration-closed"' in page
    assert "Las inscripciones para este evento cerraron el" in page
    assert 'name="email"' not in page
    data = {"name": "Ana", "email": "ana@example.org", "gender": "woman", "role": "hub_staff"}
    response = client.post(summit.get_absolute_url(), data, follow=True)
    assert "Las inscripciones para este evento cerraron el" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_member_cancels_on_the_page_and_the_next_person_gets_the_place(
    world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    event = make_event(world.honduras, capacity=1)
    member = world.user("member")
    register(event, 1, email=member.email, user=member)
    register(event, 2)
    client = Client()
    client.force_login(member)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "1 de 1 ocupados" in page or "1 persona en la lista de espera" in page
    assert "Cancelar mi inscripción" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(event.get_absolute_url(), {"action": "cancel"})
    assert list(event.registrations.order_by("pk").values_list("status", flat=True)) == [
        "cancelled",
        "confirmed",
    ]
    assert mail.outbox[0].to == ["p2@example.org"]
    assert "Usted canceló su inscripción." in client.get(event.get_absolute_url()).content.decode()


def test_someone_not_registered_cannot_cancel(world: World, client: Client) -> None:
    event = make_event(world.honduras)
    client.force_login(world.user("no_role"))
    assert client.post(event.get_absolute_url(), {"action": "cancel"}).status_code == 403


def test_the_waiting_person_sees_their_place_in_the_queue(world: World) -> None:
    event = make_event(world.honduras, capacity=1)
    register(event, 1)
    register(event, 2)
    member = world.user("member")
    register(event, 3, email=member.email, user=member)
    client = Client()
    client.force_login(member)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Está en la lista de espera (número 2)" in page
    assert timezone.now() < event.registration_deadline
