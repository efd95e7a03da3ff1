"""Event series: create one, put events in it, read its events. Putting a public event that has
not ended into a public series is news for the series' followers (core/following.py)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from migralocal.core.follow_services import followers_announce
from migralocal.learning.models import Event, EventSeries

EVENT_SERIES = "event_series"  # what followers follow (learning/follow_targets.py)
NEW_EVENT = "new_event"  # the news


@transaction.atomic
def series_create(
    *, slug: str, names: dict[str, str], descriptions: dict[str, str] | None = None
) -> EventSeries:
    """A series with its name (and description) in each language given."""
    series = EventSeries(slug=slug)
    for language, name in names.items():
        series.set_current_language(language)
        series.name = name
        series.description = (descriptions or {}).get(language, "")
    series.full_clean()
    series.save()
    return series


@transaction.atomic
def event_add_to_series(*, event: Event, series: EventSeries | None) -> Event:
    """Put `event` in `series` (or take it out with None). Its followers hear of a public event
    that has not ended yet, once."""
    was = event.series_id
    event.series = series
    event.save(update_fields=["series"])
    if (
        series is not None
        and series.pk != was
        and series.is_public
        and event.is_public
        and event.ends_at > timezone.now()
    ):
        followers_announce(kind=EVENT_SERIES, object_id=event.pk, news=NEW_EVENT)
    return event


def public_series(slug: str) -> EventSeries | None:
    return EventSeries.objects.filter(slug=slug, is_public=True).first()


def public_series_of(event: Event) -> EventSeries | None:
    """The series an event belongs to, when that series has a public page to link to."""
    if event.series_id is None:
        return None
    return EventSeries.objects.filter(pk=event.series_id, is_public=True).first()


def events_of(series: EventSeries) -> QuerySet[Event]:
    """The series' public events, the coming ones first, then the past ones, latest first."""
    return (
        series.events.filter(is_public=True)
        .select_related("country")
        .prefetch_related("translations", "country__translations")
        .order_by("-starts_at", "pk")
    )
