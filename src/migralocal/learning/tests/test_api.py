"""Learning through the API: courses and events by the pages' rules, registrations for those who
run the events, and check-in through the attendance page's service."""

from __future__ import annotations

from typing import Any

import pytest
from auditlog.models import LogEntry
from django.utils import translation
from django.utils.translation import gettext
from rest_framework.test import APIClient

from migralocal.core.models import User
from migralocal.core.tests.api_helpers import ANONYMOUS, EVERYONE, client_for
from migralocal.core.tests.world import World
from migralocal.learning import services
from migralocal.learning.models import Event, Registration
from migralocal.learning.tests.builders import make_course, make_event


def slugs(response: Any) -> set[str]:
    return {item["slug"] for item in response.json()["results"]}


def register(event: Event, email: str, user: User | None = None) -> Registration:
    return services.event_register(
        event=event, name=email.split("@")[0], email=email, gender="woman", role="other", user=user
    )


@pytest.fixture
def learning(world: World) -> dict[str, Any]:
    honduras_event = make_event(world.honduras, "taller-hn")
    private_event = make_event(world.honduras, "reunion-interna", is_public=False)
    salvador_event = make_event(world.el_salvador, "taller-sv")
    return {
        "published": make_course(world.honduras, "publicado", lessons=1),
        "draft_hn": make_course(world.honduras, "borrador-hn", lessons=1, is_published=False),
        "draft_sv": make_course(world.el_salvador, "borrador-sv", lessons=1, is_published=False),
        "honduras_event": honduras_event,
        "private_event": private_event,
        "salvador_event": salvador_event,
        "visitor": register(honduras_event, "ana@example.org"),
        "member": register(honduras_event, "member@example.org", user=world.user("member")),
        "salvadoran": register(salvador_event, "luis@example.org"),
    }


def test_courses_follow_the_view_course_rule(world: World, learning: dict[str, Any]) -> None:
    for role in EVERYONE:
        seen = slugs(client_for(world, role).get("/api/v1/courses/"))
        expected = {"publicado"}
        if role == "trainer":  # Honduras and Mexico
            expected |= {"borrador-hn"}
        if role == "admin":
            expected |= {"borrador-hn", "borrador-sv"}
        assert seen == expected, role
    assert client_for(world, ANONYMOUS).get("/api/v1/courses/borrador-hn/").status_code == 404


def test_public_events_for_everyone_and_every_event_for_signed_in_people(
    world: World, learning: dict[str, Any]
) -> None:
    for role in EVERYONE:
        seen = slugs(client_for(world, role).get("/api/v1/events/"))
        expected = {"taller-hn", "taller-sv"}
        if role != ANONYMOUS:
            expected.add("reunion-interna")
        assert seen == expected, role
    event = client_for(world, ANONYMOUS).get("/api/v1/events/taller-hn/").json()
    assert event["places_taken"] == 2
    assert "check_in_code" not in event
    assert "online_url" not in event


def test_registrations_go_to_those_who_run_the_event_and_to_the_person(
    world: World, learning: dict[str, Any]
) -> None:
    for role in EVERYONE:
        response = client_for(world, role).get("/api/v1/event-registrations/")
        if role == ANONYMOUS:
            assert response.status_code == 401
            continue
        emails = {item["email"] for item in response.json()["results"]}
        expected: set[str] = set()
        if role == "trainer":
            expected = {"ana@example.org", "member@example.org"}
        elif role == "admin":
            expected = {"ana@example.org", "member@example.org", "luis@example.org"}
        elif role == "member":
            expected = {"member@example.org"}
        assert emails == expected, role


def test_only_those_who_run_the_event_check_people_in(
    world: World, learning: dict[str, Any]
) -> None:
    url = f"/api/v1/event-registrations/{learning['visitor'].pk}/check-in/"
    for role in EVERYONE:
        Registration.objects.filter(pk=learning["visitor"].pk).update(attended_at=None)
        response = client_for(world, role).post(url, {"mode": "online"}, format="json")
        expected = {"trainer": 200, "admin": 200, ANONYMOUS: 401}.get(role, 404)
        assert response.status_code == expected, (role, response.content)
        attended = Registration.objects.get(pk=learning["visitor"].pk).attended_at
        assert (attended is not None) == (expected == 200), role


def test_a_person_cannot_check_themself_in_through_the_api(
    world: World, learning: dict[str, Any]
) -> None:
    url = f"/api/v1/event-registrations/{learning['member'].pk}/check-in/"
    response = client_for(world, "member").post(url, {}, format="json")
    assert response.status_code == 403
    assert Registration.objects.get(pk=learning["member"].pk).attended_at is None


def test_a_trainer_checks_in_only_in_the_countries_they_cover(
    world: World, learning: dict[str, Any]
) -> None:
    url = f"/api/v1/event-registrations/{learning['salvadoran'].pk}/check-in/"
    assert client_for(world, "trainer").post(url, {}, format="json").status_code == 404


def test_check_in_records_attendance_and_the_audit_names_the_trainer(
    world: World, learning: dict[str, Any]
) -> None:
    url = f"/api/v1/event-registrations/{learning['visitor'].pk}/check-in/"
    response = client_for(world, "trainer").post(url, {}, format="json")
    body = response.json()
    assert body["attendance_mode"] == "in_person"  # a hybrid event's default, as on the page
    assert body["attended_at"] is not None
    entry = LogEntry.objects.get_for_object(learning["visitor"]).latest("timestamp")
    assert entry.actor == world.user("trainer")


def test_a_bad_mode_is_a_translated_problem(world: World, learning: dict[str, Any]) -> None:
    url = f"/api/v1/event-registrations/{learning['visitor'].pk}/check-in/"
    response = client_for(world, "trainer", language="es").post(
        url, {"mode": "telepathy"}, format="json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    with translation.override("es"):
        title = gettext("The request has invalid data.")
    assert response.json()["title"] == title != "The request has invalid data."
    assert "mode" in response.json()["errors"]
    assert Registration.objects.get(pk=learning["visitor"].pk).attended_at is None


@pytest.mark.parametrize(
    ("moment", "status"),
    [
        ("1017-06-23T01:10:19+17:18", 200),  # an offset PostgreSQL refuses, compared in UTC
        ("0001-01-01T00:00:00+05:00", 400),  # before the calendar's first day once in UTC
    ],
)
def test_event_dates_with_any_offset_are_compared_in_utc(
    db: None, moment: str, status: int
) -> None:
    client = APIClient()
    answer = client.get("/api/v1/events/", {"starts_before": moment})
    assert answer.status_code == status, answer.content
    # The query never reached the database with the offset: the transaction is still usable.
    assert client.get("/api/v1/events/").status_code == 200
