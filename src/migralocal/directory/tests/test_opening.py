"""Open now and the next opening, read from a hub's weekly schedules in its own time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from django.utils import translation

from migralocal.directory.models import Schedule
from migralocal.directory.opening import opening_at

WEEKDAYS_8_TO_16 = [
    Schedule(freq="WEEKLY", byday="MO,TU,WE,TH,FR", opens_at=time(8), closes_at=time(16))
]
HONDURAS = "America/Tegucigalpa"  # UTC-6 all year
MADRID = "Europe/Madrid"  # UTC+1 in December


def at(zone: str, year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone))


def described(zone: str, now: datetime, language: str = "es") -> str:
    with translation.override(language):
        return opening_at(WEEKDAYS_8_TO_16, zone, now).describe(now)


def test_a_hub_open_now_says_until_when() -> None:
    friday_afternoon = at(HONDURAS, 2026, 12, 4, 14, 0)
    opening = opening_at(WEEKDAYS_8_TO_16, HONDURAS, friday_afternoon)
    assert opening.is_open
    assert opening.closes_at == at(HONDURAS, 2026, 12, 4, 16, 0)
    assert described(HONDURAS, friday_afternoon) == "Abierto ahora, hasta las 16:00"
    assert described(HONDURAS, friday_afternoon, "en") == "Open now, until 16:00"


def test_a_hub_closed_on_saturday_opens_on_monday() -> None:
    saturday = at(HONDURAS, 2026, 12, 5, 10, 0)
    opening = opening_at(WEEKDAYS_8_TO_16, HONDURAS, saturday)
    assert not opening.is_open
    assert opening.next_opening == at(HONDURAS, 2026, 12, 7, 8, 0)
    assert described(HONDURAS, saturday) == "Cerrado. Abre el lunes a las 8:00"
    assert described(HONDURAS, saturday, "en") == "Closed. Opens on Monday at 8:00"


def test_before_opening_time_it_opens_today_and_after_closing_tomorrow() -> None:
    assert described(HONDURAS, at(HONDURAS, 2026, 12, 3, 7, 15)) == "Cerrado. Abre hoy a las 8:00"
    assert described(HONDURAS, at(HONDURAS, 2026, 12, 3, 16, 0)) == (
        "Cerrado. Abre mañana a las 8:00"
    )


def test_the_same_moment_reads_in_each_hubs_own_time_zone() -> None:
    # Thursday 23:30 UTC: 17:30 on Thursday in Honduras, 0:30 on Friday in Madrid.
    moment = datetime(2026, 12, 3, 23, 30, tzinfo=UTC)
    assert described(HONDURAS, moment) == "Cerrado. Abre mañana a las 8:00"
    assert described(MADRID, moment) == "Cerrado. Abre hoy a las 8:00"
    # Friday 15:30 UTC: 9:30 in Honduras (open), 16:30 in Madrid (closed for the weekend).
    afternoon = datetime(2026, 12, 4, 15, 30, tzinfo=UTC)
    assert opening_at(WEEKDAYS_8_TO_16, HONDURAS, afternoon).is_open
    assert described(MADRID, afternoon) == "Cerrado. Abre el lunes a las 8:00"


def test_the_description_changes_at_closing_opening_or_local_midnight() -> None:
    friday_afternoon = at(HONDURAS, 2026, 12, 4, 14, 0)
    open_now = opening_at(WEEKDAYS_8_TO_16, HONDURAS, friday_afternoon)
    assert open_now.changes_at(friday_afternoon, HONDURAS) == at(HONDURAS, 2026, 12, 4, 16, 0)
    saturday = at(HONDURAS, 2026, 12, 5, 10, 0)
    closed = opening_at(WEEKDAYS_8_TO_16, HONDURAS, saturday)
    assert closed.changes_at(saturday, HONDURAS) == at(HONDURAS, 2026, 12, 6, 0, 0)


def test_without_weekly_hours_nothing_is_claimed() -> None:
    monthly = [Schedule(freq="MONTHLY", bymonthday="1", opens_at=time(8), closes_at=time(12))]
    now = at(HONDURAS, 2026, 12, 4, 9, 0)
    for schedules in ([], monthly, [Schedule(freq="WEEKLY", byday="MO")]):
        opening = opening_at(schedules, HONDURAS, now)
        assert not opening.known
        assert opening.describe(now) == ""


def test_a_schedule_no_longer_valid_is_ignored_and_an_unknown_zone_falls_back() -> None:
    ended = Schedule(
        freq="WEEKLY",
        byday="MO,TU,WE,TH,FR",
        opens_at=time(8),
        closes_at=time(16),
        valid_to=date(2026, 11, 30),
    )
    now = at(HONDURAS, 2026, 12, 4, 9, 0)
    opening = opening_at([ended], HONDURAS, now)
    assert not opening.is_open and opening.next_opening is None
    with translation.override("es"):
        assert opening.describe(now) == "Cerrado"
    assert opening_at(WEEKDAYS_8_TO_16, "Not/A_Zone", now).known
