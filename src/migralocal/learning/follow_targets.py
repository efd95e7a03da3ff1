"""What may be followed in Learning (see core/following.py): a public event series, whose
followers hear of each new event in it."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from migralocal.core.following import Described, FollowTarget, News
from migralocal.learning.models import Event, EventSeries
from migralocal.learning.series import EVENT_SERIES, NEW_EVENT


def _series(key: str) -> EventSeries | None:
    if not key.isdigit() or len(key) > 11:
        return None
    return EventSeries.objects.filter(pk=int(key), is_public=True).first()


class Series:
    def normalise(self, raw_key: str) -> str | None:
        key = raw_key.strip()
        return key if key.isdigit() and len(key) <= 11 else None

    def describe(self, key: str) -> Described | None:
        series = _series(key)
        if series is None:
            return None
        return Described(title=str(series), path=series.get_absolute_url())

    def affected_keys(self, news: str, object_id: int, keys: set[str]) -> set[str]:
        if news != NEW_EVENT:
            return set()
        event = Event.objects.filter(pk=object_id, is_public=True).only("series_id").first()
        if event is None or event.series_id is None:
            return set()
        return keys & {str(event.series_id)}

    def news(self, news: str, object_id: int) -> News | None:
        event = Event.objects.filter(pk=object_id, is_public=True).select_related("series").first()
        if event is None or event.series is None:
            return None
        values = {
            "event": str(event),
            "series": str(event.series),
            "when": date_format(localtime(event.starts_at, event.zone), "DATETIME_FORMAT")
            + f" ({event.time_zone})",
        }
        return News(
            subject=_("New event in %(series)s: %(event)s") % values,
            text=_("A new event was published in %(series)s: %(event)s, %(when)s.") % values,
            path=event.get_absolute_url(),
        )


TARGETS: dict[str, FollowTarget] = {EVENT_SERIES: Series()}
