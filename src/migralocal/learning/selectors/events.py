"""Reads of events: times in each time zone, who sees and manages which event, registrations,
places, and attendance figures."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from migralocal.core.models import Actor, Country
from migralocal.core.selectors import user_role_set
from migralocal.learning.models import Event, Gender, Mode, ParticipantRole, Registration


@dataclass(frozen=True)
class EventTimes:
    local_start: dt.datetime
    local_end: dt.datetime
    viewer_start: dt.datetime
    viewer_end: dt.datetime

    @property
    def same_zone(self) -> bool:
        return self.local_start.utcoffset() == self.viewer_start.utcoffset()


def event_times(event: Event, viewer_zone: dt.tzinfo | None = None) -> EventTimes:
    """An event's start and end at the place it is held, and in the viewer's time zone."""
    viewer = viewer_zone or timezone.get_current_timezone()
    return EventTimes(
        local_start=event.starts_at.astimezone(event.zone),
        local_end=event.ends_at.astimezone(event.zone),
        viewer_start=event.starts_at.astimezone(viewer),
        viewer_end=event.ends_at.astimezone(viewer),
    )


def zone_or_none(name: str) -> zoneinfo.ZoneInfo | None:
    try:
        return zoneinfo.ZoneInfo(name) if name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def events_visible_to(user: Actor) -> QuerySet[Event]:
    events = Event.objects.select_related("country").prefetch_related(
        "translations", "country__translations"
    )
    if not user.is_authenticated:
        events = events.filter(is_public=True)
    return events.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed"))
    ).order_by("-starts_at", "pk")


def events_managed_by(user: Actor) -> QuerySet[Event]:
    events = Event.objects.all()
    if user.is_superuser:
        return events
    countries = user_role_set(user).programme_countries
    covered = countries.get("trainer", set()) | countries.get("programme_manager", set())
    return events.filter(country__in=covered)


def registrations_visible_to(user: Actor) -> QuerySet[Registration]:
    """Registrations for the events a person runs (`learning.manage_event`: trainers in their
    countries, admins everywhere) and the person's own."""
    registrations = Registration.objects.select_related("event", "organisation", "country")
    if not user.is_authenticated:
        return registrations.none()
    if user.is_superuser and user.is_active:
        return registrations
    trained = user_role_set(user).programme_countries.get("trainer", set())
    return registrations.filter(Q(event__country__in=trained) | Q(user=user))


def places_taken(event: Event) -> int:
    return event.registrations.filter(status=Registration.Status.CONFIRMED).count()


def waiting_count(event: Event) -> int:
    return event.registrations.filter(status=Registration.Status.WAITING).count()


def waiting_position(registration: Registration | None) -> int | None:
    """Where a person stands on the waiting list (1 is next), or None when not waiting."""
    if registration is None or registration.status != Registration.Status.WAITING:
        return None
    ahead = registration.event.registrations.filter(status=Registration.Status.WAITING).filter(
        Q(registered_at__lt=registration.registered_at)
        | Q(registered_at=registration.registered_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def registration_closed_message(event: Event) -> str:
    closed_at = timezone.localtime(event.registration_deadline, event.zone)
    return _("Registration for this event closed on %(date)s.") % {
        "date": formats.date_format(closed_at, "DATETIME_FORMAT")
    }


def registration_of(*, event: Event, user: Actor) -> Registration | None:
    if not user.is_authenticated:
        return None
    return event.registrations.filter(Q(user=user) | Q(email__iexact=user.email)).first()


@dataclass
class Breakdown:
    """Counts by category with their share of the total, in a stable order."""

    label: str
    rows: list[tuple[str, int, int]]


@dataclass
class DepartmentRow:
    """One department's attendees, by gender and by mode, in the order of `columns`."""

    name: str
    attendees: int
    by_gender: list[int]
    by_mode: list[int]


@dataclass
class DepartmentSplit:
    """Attendees of each department or unit (within its organisation), by gender and mode."""

    genders: list[str]
    modes: list[str]
    rows: list[DepartmentRow]

    def row(self, name: str) -> DepartmentRow:
        return next(one for one in self.rows if one.name == name)


@dataclass
class AttendanceFigures:
    attendees: int
    registered: int
    breakdowns: list[Breakdown]
    departments: DepartmentSplit | None = None

    def breakdown(self, label: str) -> Breakdown:
        return next(b for b in self.breakdowns if b.label == label)


def _breakdown(label: str, counts: Counter[str], total: int) -> Breakdown:
    rows = [
        (name, count, round(count * 100 / total) if total else 0)
        for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    return Breakdown(label, rows)


def _counts_by(attended: QuerySet[Registration], field: str) -> list[tuple[Any, int]]:
    return list(attended.values_list(field).annotate(n=Count("pk")).order_by())


def department_label(department: str, organisation: str) -> str:
    """A department named with its organisation, since two municipalities may each have a
    secretariat of the same name."""
    if department and organisation:
        return f"{department} ({organisation})"
    return department


def department_split(attended: QuerySet[Registration], unknown: str) -> DepartmentSplit:
    """Attendees by department or unit, each split by gender and by mode: one grouped query."""
    gender_index = {value: i for i, value in enumerate(Gender.values)}
    mode_index = {value: i for i, value in enumerate(Mode.values)}
    rows: dict[str, DepartmentRow] = {}
    for department, name, written, gender, mode, count in (
        attended.values_list(
            "department", "organisation__name", "organisation_name", "gender", "attendance_mode"
        )
        .annotate(n=Count("pk"))
        .order_by()
    ):
        label = department_label(department, name or written) or unknown
        row = rows.setdefault(
            label, DepartmentRow(label, 0, [0] * len(gender_index), [0] * len(mode_index))
        )
        row.attendees += count
        if gender in gender_index:
            row.by_gender[gender_index[gender]] += count
        if mode in mode_index:
            row.by_mode[mode_index[mode]] += count
    return DepartmentSplit(
        genders=[str(label) for label in Gender.labels],
        modes=[str(label) for label in Mode.labels],
        # Named departments first, largest first; the attendees who gave none last.
        rows=sorted(rows.values(), key=lambda row: (row.name == unknown, -row.attendees, row.name)),
    )


def attendance_figures(registrations: QuerySet[Registration]) -> AttendanceFigures:
    """Attendees by gender, mode, organisation, department, country and role, with
    percentages, and each department's attendees by gender and mode.

    Counted by the database, one grouped query per breakdown, so a year of events is quick.
    """
    attended = registrations.filter(attended_at__isnull=False)
    total = attended.count()
    unknown = _("Not stated")

    def labelled(field: str, labels: dict[Any, Any]) -> Counter[str]:
        counts: Counter[str] = Counter()
        for value, count in _counts_by(attended, field):
            counts[str(labels.get(value, unknown))] += count
        return counts

    organisations: Counter[str] = Counter()
    for name, written, count in (
        attended.values_list("organisation__name", "organisation_name")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        organisations[name or written or unknown] += count
    country_ids = [value for value, _count in _counts_by(attended, "country") if value]
    countries = {
        country.pk: str(country)
        for country in Country.objects.filter(pk__in=country_ids).prefetch_related("translations")
    }
    departments = department_split(attended, unknown)
    return AttendanceFigures(
        attendees=total,
        registered=registrations.exclude(status=Registration.Status.CANCELLED).count(),
        breakdowns=[
            _breakdown(_("Gender"), labelled("gender", dict(Gender.choices)), total),
            _breakdown(_("Mode"), labelled("attendance_mode", dict(Mode.choices)), total),
            _breakdown(_("Organisation"), organisations, total),
            _breakdown(
                _("Department or unit"),
                Counter({row.name: row.attendees for row in departments.rows}),
                total,
            ),
            _breakdown(_("Country"), labelled("country", countries), total),
            _breakdown(_("Role"), labelled("role", dict(ParticipantRole.choices)), total),
        ],
        departments=departments,
    )


def registrations_in_period(
    events: QuerySet[Event], start: dt.date | None, end: dt.date | None
) -> QuerySet[Registration]:
    registrations = Registration.objects.filter(event__in=events)
    if start:
        registrations = registrations.filter(event__starts_at__date__gte=start)
    if end:
        registrations = registrations.filter(event__starts_at__date__lte=end)
    return registrations
