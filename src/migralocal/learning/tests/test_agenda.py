"""An event's agenda: sessions within the event, in its time zone, in both languages, kept by
those who run the event and shown on its page; and the events-by-kind roll-up of the reports."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from migralocal.core.tests.world import World
from migralocal.learning import agenda_services, services
from migralocal.learning.models import AgendaSession, Event
from migralocal.learning.tests.builders import make_event

pytestmark = pytest.mark.django_db


def clock(*parts: int) -> dt.datetime:
    """A clock time at the event's place, as the organiser types it (naive)."""
    year, month, day, hour, minute = parts
    return dt.datetime(year, month, day, hour, minute, tzinfo=dt.UTC).replace(tzinfo=None)


START = dt.datetime(2031, 3, 10, 15, 0, tzinfo=dt.UTC)  # 09:00 in Tegucigalpa (UTC-6)
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def summit(world: World) -> Event:
    return make_event(world.honduras, "cumbre", kind=Event.Kind.SUMMIT, starts_at=START)


def add_session(event: Event, **fields: object) -> AgendaSession:
    values: dict[str, object] = {
        "language": "es",
        "title": "Apertura",
        "local_start": clock(2031, 3, 10, 9, 0),
        "local_end": clock(2031, 3, 10, 9, 30),
        "speakers": [{"name": "Ana Pérez", "affiliation": "Alcaldía de El Progreso"}],
        "room": "Sala 1",
    }
    values.update(fields)
    return agenda_services.agenda_session_save(event=event, **values)  # type: ignore[arg-type]


def test_a_session_is_given_in_the_events_local_time(world: World) -> None:
    session = add_session(summit(world))
    assert session.starts_at == START
    assert session.ends_at == START + dt.timedelta(minutes=30)
    assert session.speakers == [{"name": "Ana Pérez", "affiliation": "Alcaldía de El Progreso"}]


def test_a_session_must_lie_within_the_event_and_end_after_it_starts(world: World) -> None:
    event = summit(world)
    with pytest.raises(ValidationError, match="dentro del horario"):
        add_session(event, local_start=clock(2031, 3, 10, 8, 0))
    with pytest.raises(ValidationError, match="dentro del horario"):
        add_session(event, local_end=clock(2031, 3, 10, 12, 0))
    with pytest.raises(ValidationError, match="terminar después"):
        add_session(event, local_end=clock(2031, 3, 10, 9, 0))
    assert not AgendaSession.objects.exists()


def test_a_session_is_written_in_both_languages(world: World) -> None:
    event = summit(world)
    session = add_session(event)
    add_session(event, session=session, language="en", title="Opening")
    session.refresh_from_db()
    with translation.override("en"):
        session.set_current_language("en")
        assert session.title == "Opening"
    session.set_current_language("es")
    assert session.title == "Apertura"


def test_a_session_of_another_event_is_refused(world: World) -> None:
    session = add_session(summit(world))
    other = make_event(world.honduras, "otro", starts_at=START)
    with pytest.raises(ValidationError):
        add_session(other, session=session)


def test_hostile_text_in_every_agenda_field_is_shown_as_text(world: World) -> None:
    event = summit(world)
    add_session(
        event,
        title=HOSTILE[:200],
        description=HOSTILE,
        speakers=[{"name": HOSTILE[:200], "affiliation": HOSTILE[:200]}],
        room=HOSTILE[:200],
    )
    page = Client().get(event.get_absolute_url()).content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert" in page


def test_an_overlong_speaker_or_too_many_are_refused(world: World) -> None:
    event = summit(world)
    with pytest.raises(ValidationError):
        add_session(event, speakers=[{"name": "x" * 201, "affiliation": ""}])
    with pytest.raises(ValidationError):
        add_session(event, speakers=[{"name": f"P{n}"} for n in range(21)])


def test_the_event_page_shows_the_agenda_with_speakers_and_a_calendar_link(
    world: World,
) -> None:
    event = summit(world)
    add_session(event, online_url="https://meet.example.org/apertura")
    page = Client().get(event.get_absolute_url()).content.decode()
    assert "Apertura" in page and "Ana Pérez (Alcaldía de El Progreso)" in page
    assert "Sala 1" in page and "https://meet.example.org/apertura" in page
    assert "09:00" in page  # local time at the event
    assert reverse("learning:event_calendar", kwargs={"slug": event.slug}) in page


@pytest.mark.parametrize(
    ("role", "status"),
    [("trainer", 200), ("admin", 200), ("programme_manager", 403), ("member", 403)],
)
def test_who_keeps_the_agenda(world: World, role: str, status: int) -> None:
    event = summit(world)
    client = Client()
    client.force_login(world.user(role))
    url = reverse("learning:event_agenda", kwargs={"slug": event.slug})
    assert client.get(url).status_code == status
    data = {
        "title": "Panel",
        "local_start": "2031-03-10T10:00",
        "local_end": "2031-03-10T10:45",
        "speakers": "Luis Gómez; OIM\nMaría Ruiz",
        "room": "Sala 2",
    }
    response = client.post(url, data)
    assert response.status_code == (302 if status == 200 else 403)
    if status == 200:
        session = AgendaSession.objects.get()
        assert session.speakers == [
            {"name": "Luis Gómez", "affiliation": "OIM"},
            {"name": "María Ruiz", "affiliation": ""},
        ]


def test_the_trainer_edits_and_removes_a_session(world: World) -> None:
    event = summit(world)
    session = add_session(event)
    client = Client()
    client.force_login(world.user("trainer"))
    url = reverse("learning:agenda_session_edit", kwargs={"slug": event.slug, "pk": session.pk})
    page = client.get(url).content.decode()
    assert "Ana Pérez; Alcaldía de El Progreso" in page
    data = {
        "title": "Apertura oficial",
        "local_start": "2031-03-10T09:00",
        "local_end": "2031-03-10T09:20",
        "speakers": "",
        "room": "",
    }
    assert client.post(url, data).status_code == 302
    session.refresh_from_db()
    assert session.ends_at == START + dt.timedelta(minutes=20) and session.speakers == []
    assert client.post(url, {"action": "delete"}).status_code == 302
    assert not AgendaSession.objects.exists()


def test_a_session_out_of_the_event_is_refused_on_the_page(world: World) -> None:
    event = summit(world)
    client = Client()
    client.force_login(world.user("trainer"))
    url = reverse("learning:event_agenda", kwargs={"slug": event.slug})
    data = {"title": "Tarde", "local_start": "2031-03-10T18:00", "local_end": "2031-03-10T19:00"}
    response = client.post(url, data)
    assert response.status_code == 200 and not AgendaSession.objects.exists()


def test_registering_sends_a_confirmation_with_the_calendar_file(
    world: World, django_capture_on_commit_callbacks: object
) -> None:
    from django.core import mail

    event = summit(world)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.event_register(
            event=event,
            name="Ana",
            email="ana@example.org",
            gender="woman",
            role="civil_society",
            language="en",
            now=START - dt.timedelta(days=1),
        )
    (message,) = mail.outbox
    assert message.subject == f"You are registered: {event}"
    (name, content, mimetype) = message.attachments[0]
    assert name == "cumbre.ics" and mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in (content if isinstance(content, str) else content.decode())
    assert "/en/" in message.body and "calendar.ics" in message.body
