"""Whether a hub is open now and when it next opens, read from its weekly HSDS schedules.

The search's "open now" filter (selectors._open_schedules) asks the database the same question
for many hubs at once; this answers it for the hubs on one page, in each hub's own time zone, so
that a visitor reads "open until 16:00" or "opens on Monday at 8:00" on the card.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from migralocal.directory.models import WEEKDAYS, Hub, Schedule

DAYS_AHEAD = 14
# Whole sentences, so that each language places the day as it needs ("el lunes", "lundi").
OPENS_ON_WEEKDAY = (
    gettext_lazy("Opens on Monday at %(time)s"),
    gettext_lazy("Opens on Tuesday at %(time)s"),
    gettext_lazy("Opens on Wednesday at %(time)s"),
    gettext_lazy("Opens on Thursday at %(time)s"),
    gettext_lazy("Opens on Friday at %(time)s"),
    gettext_lazy("Opens on Saturday at %(time)s"),
    gettext_lazy("Opens on Sunday at %(time)s"),
)


@dataclass(frozen=True)
class Opening:
    """A hub's hours seen from one moment: open now (until `closes_at`), or when it next opens."""

    is_open: bool
    closes_at: datetime | None = None
    next_opening: datetime | None = None
    known: bool = True

    def changes_at(self, now: datetime, zone: str) -> datetime | None:
        """When `describe` stops being true: at closing, at opening, or at the hub's midnight
        ("opens tomorrow" becomes "opens today"). None when the hours are unknown."""
        if not self.known:
            return None
        local = now.astimezone(zone_of(zone))
        midnight = _at(local.date() + timedelta(days=1), time(0), zone_of(zone))
        moments = [m for m in (self.closes_at, self.next_opening, midnight) if m is not None]
        return min(moments)

    def describe(self, now: datetime) -> str:
        """The sentence a card shows, in the active language, in the hub's local time."""
        if not self.known:
            return ""
        if self.is_open and self.closes_at is not None:
            return _("Open now, until %(time)s") % {"time": _clock(self.closes_at)}
        if self.next_opening is None:
            return _("Closed")
        return _("Closed. %(when)s") % {"when": opens_on(self.next_opening, now)}


def _clock(moment: datetime) -> str:
    return formats.time_format(moment.time(), "G:i")


def opens_on(moment: datetime, now: datetime) -> str:
    """ "Opens today at 8:00", "Opens tomorrow at 8:00" or "Opens on Monday at 8:00"."""
    local_now = now.astimezone(moment.tzinfo)
    days = (moment.date() - local_now.date()).days
    clock = _clock(moment)
    if days == 0:
        return _("Opens today at %(time)s") % {"time": clock}
    if days == 1:
        return _("Opens tomorrow at %(time)s") % {"time": clock}
    if days < 7:
        return str(OPENS_ON_WEEKDAY[moment.weekday()]) % {"time": clock}
    return _("Opens on %(date)s at %(time)s") % {
        "date": formats.date_format(moment, "DATE_FORMAT"),
        "time": clock,
    }


def zone_of(name: str) -> ZoneInfo:
    """The hub's time zone; an unknown name falls back to the installation's."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


def _applies(schedule: Schedule, day: date) -> bool:
    """Whether a rule kept by `_weekly` holds on `day`."""
    if schedule.valid_from and day < schedule.valid_from:
        return False
    if schedule.valid_to and day > schedule.valid_to:
        return False
    days = {code.strip() for code in (schedule.byday or "").split(",")}
    return WEEKDAYS[day.weekday()] in days


def _weekly(schedules: Iterable[Schedule]) -> list[Schedule]:
    """The weekly rules with opening times; monthly rules are shown as text, not computed."""
    return [
        schedule
        for schedule in schedules
        if schedule.opens_at is not None
        and schedule.closes_at is not None
        and schedule.freq in ("", Schedule.Freq.WEEKLY)
    ]


def opening_at(schedules: Iterable[Schedule], zone: str, now: datetime) -> Opening:
    """Whether the weekly `schedules` (read in time zone `zone`) are open at `now`, until when,
    and otherwise their next opening within two weeks. No usable rule: `known` is False."""
    weekly = _weekly(schedules)
    if not weekly:
        return Opening(is_open=False, known=False)
    tz = zone_of(zone)
    local = now.astimezone(tz)
    for offset in range(DAYS_AHEAD + 1):
        day = local.date() + timedelta(days=offset)
        for opens_at, closes_at in sorted(
            (s.opens_at, s.closes_at) for s in weekly if _applies(s, day)
        ):
            assert opens_at is not None and closes_at is not None  # noqa: S101  (see _weekly)
            opens = _at(day, opens_at, tz)
            closes = _at(day, closes_at, tz)
            if opens <= local < closes:
                return Opening(is_open=True, closes_at=closes)
            if local < opens:
                return Opening(is_open=False, next_opening=opens)
    return Opening(is_open=False)


def _at(day: date, clock: time, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, clock, tzinfo=tz)


def hub_opening(hub: Hub, now: datetime) -> Opening:
    """`opening_at` for a hub, over its (prefetched) schedules."""
    return opening_at(hub.schedules.all(), hub.timezone, now)


def first_opening(hubs: Iterable[Hub], now: datetime) -> tuple[Hub, datetime] | None:
    """Of `hubs`, the one that opens next after `now`, and when (for an empty "open now")."""
    upcoming = [
        (opening.next_opening, hub)
        for hub in hubs
        if (opening := hub_opening(hub, now)).next_opening is not None
    ]
    if not upcoming:
        return None
    when, hub = min(upcoming, key=lambda pair: pair[0])
    return hub, when
