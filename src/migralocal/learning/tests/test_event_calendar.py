"""An event's calendar file, parsed back with icalendar: one VEVENT for the event and one for
each session, stable UIDs, a DTSTAMP, the event's time zone, a location or link, one language."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from migralocal.core.tests.world import World
from migralocal.learning import agenda_services
from migralocal.learning.calendar import event_calendar
from migralocal.learning.models import Event
from migralocal.learning.tests.builders import make_event

pytestmark = pytest.mark.django_db


def clock(*parts: int) -> dt.datetime:
    """A clock time at the event's place, as the organiser types it (naive)."""
    year, month, day, hour, minute = parts
    return dt.datetime(year, month, day, hour, minute, tzinfo=dt.UTC).replace(tzinfo=None)


START = dt.datetime(2031, 3, 10, 15, 0, tzinfo=dt.UTC)
ZONE = zoneinfo.ZoneInfo("America/Tegucigalpa")


def summit_with_agenda(world: World) -> Event:
    event = make_event(
        world.honduras,
        "cumbre",
        kind=Event.Kind.SUMMIT,
        starts_at=START,
        venue="Centro de Convenciones",
        online_url="https://meet.example.org/cumbre",
    )
    event.set_current_language("en")
    event.title = "Summit"
    event.save()
    session = agenda_services.agenda_session_save(
        event=event,
        language="es",
        title="Apertura",
        local_start=clock(2031, 3, 10, 9, 0),
        local_end=clock(2031, 3, 10, 9, 30),
        speakers=[{"name": "Ana Pérez", "affiliation": "OIM"}],
        room="Sala 1",
    )
    agenda_services.agenda_session_save(
        event=event,
        session=session,
        language="en",
        title="Opening",
        local_start=clock(2031, 3, 10, 9, 0),
        local_end=clock(2031, 3, 10, 9, 30),
        speakers=[{"name": "Ana Pérez", "affiliation": "OIM"}],
        room="Sala 1",
    )
    return event


def test_the_calendar_parses_back_with_the_event_and_its_sessions(world: World) -> None:
    event = summit_with_agenda(world)
    body = event_calendar(event, language="en", site_url="https://migralocal.example")
    calendar = Calendar.from_ical(body)
    entries: list[Any] = calendar.walk("VEVENT")
    assert len(entries) == 2
    main, session = entries
    assert str(main["UID"]) == f"migralocal-event-{event.pk}@migralocal.example"
    assert str(session["UID"]).startswith(f"migralocal-event-{event.pk}-session-")
    assert main["DTSTAMP"].dt.tzinfo is not None
    assert main["DTSTART"].dt == START
    assert main["DTSTART"].params["TZID"] == "America/Tegucigalpa"
    assert main["DTSTART"].dt.astimezone(ZONE).hour == 9
    assert main["DTEND"].dt == START + dt.timedelta(hours=2)
    assert str(main["SUMMARY"]) == "Summit"
    assert str(main["LOCATION"]) == "Centro de Convenciones"
    assert str(main["URL"]) == "https://meet.example.org/cumbre"
    assert str(session["SUMMARY"]) == "Summit · Opening"
    assert str(session["LOCATION"]) == "Sala 1"
    assert "Ana Pérez, OIM" in str(session["DESCRIPTION"])
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/Tegucigalpa"]


def test_the_calendar_is_written_in_the_language_asked(world: World) -> None:
    event = summit_with_agenda(world)
    body = event_calendar(event, language="es", site_url="https://migralocal.example")
    entries: list[Any] = Calendar.from_ical(body).walk("VEVENT")
    main, session = entries
    assert str(main["SUMMARY"]) == "Evento cumbre"
    assert str(session["SUMMARY"]) == "Evento cumbre · Apertura"
    assert "Ponentes: Ana Pérez, OIM" in str(session["DESCRIPTION"])


def test_the_uids_stay_the_same_from_one_download_to_the_next(world: World) -> None:
    event = summit_with_agenda(world)
    first = Calendar.from_ical(event_calendar(event, language="en", site_url="https://a.example"))
    second = Calendar.from_ical(event_calendar(event, language="es", site_url="https://a.example"))
    assert [str(e["UID"]) for e in first.walk("VEVENT")] == [
        str(e["UID"]) for e in second.walk("VEVENT")
    ]


def test_anyone_who_sees_the_event_downloads_its_calendar(world: World) -> None:
    event = summit_with_agenda(world)
    response = Client().get(reverse("learning:event_calendar", kwargs={"slug": event.slug}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert 'filename="cumbre.ics"' in response["Content-Disposition"]
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 2


def test_a_private_events_calendar_asks_a_visitor_to_sign_in(world: World) -> None:
    event = make_event(world.honduras, "privado", is_public=False)
    response = Client().get(reverse("learning:event_calendar", kwargs={"slug": event.slug}))
    assert response.status_code == 302 and "login" in response["Location"]
