"""An event as a calendar file (iCalendar, RFC 5545): one VEVENT for the event and one for each
agenda session, in the event's time zone (with its VTIMEZONE), written in one language."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from migralocal.learning.models import AgendaSession, Event
from migralocal.learning.selectors.agenda import agenda_of


def _domain(site_url: str) -> str:
    return urlsplit(site_url).hostname or "migralocal.invalid"


def _speakers(session: AgendaSession) -> str:
    return "; ".join(
        ", ".join(part for part in (one["name"], one.get("affiliation", "")) if part)
        for one in session.speakers
    )


def _session_entry(session: AgendaSession, event: Event, domain: str, link: str) -> CalendarEvent:
    entry = CalendarEvent()
    entry.add("uid", f"migralocal-event-{event.pk}-session-{session.pk}@{domain}")
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", session.starts_at.astimezone(event.zone))
    entry.add("dtend", session.ends_at.astimezone(event.zone))
    title = session.safe_translation_getter("title", any_language=True) or ""
    entry.add("summary", f"{event} · {title}")
    lines = [session.safe_translation_getter("description", any_language=True) or ""]
    if session.speakers:
        lines.append(_("Speakers: %(speakers)s") % {"speakers": _speakers(session)})
    entry.add("description", "\n\n".join(line for line in lines if line))
    location = session.room or event.venue
    if location:
        entry.add("location", location)
    entry.add("url", session.online_url or event.online_url or link)
    return entry


def event_calendar(event: Event, *, language: str, site_url: str, sessions: bool = True) -> bytes:
    """The event (and, when `sessions`, each agenda session) as an .ics file in `language`.
    UIDs are stable, so that a calendar imported twice updates rather than duplicates."""
    domain = _domain(site_url)
    with translation.override(language or settings.LANGUAGE_CODE):
        event.set_current_language(translation.get_language())
        link = site_url.rstrip("/") + event.get_absolute_url()
        calendar = Calendar()
        calendar.add("prodid", "-//MigraLocal//Events//EN")
        calendar.add("version", "2.0")
        calendar.add("method", "PUBLISH")
        entry = CalendarEvent()
        entry.add("uid", f"migralocal-event-{event.pk}@{domain}")
        entry.add("dtstamp", timezone.now())
        entry.add("dtstart", event.starts_at.astimezone(event.zone))
        entry.add("dtend", event.ends_at.astimezone(event.zone))
        entry.add("summary", str(event))
        description = event.safe_translation_getter("description", any_language=True) or ""
        entry.add("description", "\n\n".join(part for part in (description, link) if part))
        if event.venue:
            entry.add("location", event.venue)
        entry.add("url", event.online_url or link)
        calendar.add_component(entry)
        if sessions:
            for session in agenda_of(event):
                session.set_current_language(translation.get_language())
                calendar.add_component(_session_entry(session, event, domain, link))
        calendar.add_missing_timezones()
        return calendar.to_ical()
