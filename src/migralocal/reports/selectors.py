"""The programme's indicators for a scope (countries, perhaps one municipality) and a period.

Every count is read from the other modules' models with one grouped query per breakdown, so a
dashboard costs the same number of queries whatever the number of records. Counts are raw here;
`presentation` turns them into what a page shows, suppressed or not.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce, Lower, TruncMonth
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from migralocal.advisory import figures as advisory_figures
from migralocal.assessments.models import Action, Assessment, Stage
from migralocal.assistance import figures as cash_figures
from migralocal.commitments.models import Commitment, ModerationState
from migralocal.commitments.models import Status as CommitmentStatus
from migralocal.consultations import figures as consultation_figures
from migralocal.consultations import selectors as consultation_selectors
from migralocal.consultations.models import Consultation
from migralocal.consultations.selectors import Breakdown, Scope
from migralocal.core.models import (
    Actor,
    AdministrativeArea,
    Country,
    Membership,
    Organisation,
    User,
)
from migralocal.directory.models import Hub
from migralocal.learning.models import (
    CommunityProfile,
    Enrolment,
    Event,
    Gender,
    MentoringEngagement,
    Mode,
    ParticipantRole,
    Registration,
    SelfAssessment,
)
from migralocal.learning.selectors.events import department_label

if TYPE_CHECKING:
    from migralocal.programmes.models import Programme

OFFICIAL_ROLES = (ParticipantRole.MUNICIPAL_OFFICIAL, ParticipantRole.NATIONAL_OFFICIAL)
NOT_RECORDED = "not_recorded"
COURSE = "course"

# A completed course counts under the role its learner's organisation implies.
ROLE_OF_ORGANISATION_KIND = {
    Organisation.Kind.MUNICIPALITY: ParticipantRole.MUNICIPAL_OFFICIAL,
    Organisation.Kind.NATIONAL_GOVERNMENT: ParticipantRole.NATIONAL_OFFICIAL,
    Organisation.Kind.CIVIL_SOCIETY: ParticipantRole.CIVIL_SOCIETY,
}


# Scope and period ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A calendar year, or one quarter of it."""

    year: int
    quarter: int | None = None

    @property
    def start(self) -> dt.date:
        month = 1 if self.quarter is None else 3 * (self.quarter - 1) + 1
        return dt.date(self.year, month, 1)

    @property
    def end(self) -> dt.date:
        if self.quarter is None or self.quarter == 4:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, 3 * self.quarter + 1, 1) - dt.timedelta(days=1)

    def __str__(self) -> str:
        if self.quarter is None:
            return str(self.year)
        return _("Q%(quarter)s %(year)s") % {"quarter": self.quarter, "year": self.year}

    @property
    def slug(self) -> str:
        return str(self.year) if self.quarter is None else f"{self.year}-q{self.quarter}"


@dataclass(frozen=True)
class DateRange:
    """Any stretch of days: a custom range, several years, or a programme's whole life."""

    start: dt.date
    end: dt.date

    @property
    def year(self) -> int:
        return self.start.year

    def __str__(self) -> str:
        from django.utils.formats import date_format

        return _("%(start)s to %(end)s") % {
            "start": date_format(self.start, "SHORT_DATE_FORMAT"),
            "end": date_format(self.end, "SHORT_DATE_FORMAT"),
        }

    @property
    def slug(self) -> str:
        return f"{self.start.isoformat()}-{self.end.isoformat()}"


def years_of(period: Period | DateRange) -> range:
    """The calendar years a period touches (the certification cycle runs by year)."""
    return range(period.start.year, period.end.year + 1)


@dataclass(frozen=True)
class ReportScope:
    """The countries a report covers (one, or all the reader may see), perhaps one municipality,
    perhaps only what belongs to one programme."""

    countries: tuple[Country, ...]
    period: Period | DateRange
    municipality: AdministrativeArea | None = None
    programme: Programme | None = None

    @property
    def country_ids(self) -> list[int]:
        return [country.pk for country in self.countries]

    @property
    def is_region(self) -> bool:
        return len(self.countries) != 1

    def country_names(self) -> str:
        """Every country the report covers, by name: exports and pages say what they cover."""
        return ", ".join(sorted(str(country) for country in self.countries))

    def place_label(self) -> str:
        if self.municipality is not None:
            return self.municipality.name
        if not self.is_region:
            return str(self.countries[0])
        if self.programme is not None:
            return _("All the programme's countries")
        return _("Region")

    def programme_label(self) -> str:
        """The programme the report is of, by name, or that it counts every activity."""
        if self.programme is None:
            return _("None: every activity counts, whatever its programme")
        return str(self.programme)

    @property
    def slug(self) -> str:
        if self.municipality is not None:
            place = self.municipality.code
        elif not self.is_region:
            place = self.countries[0].code
        else:
            place = "region" if self.programme is None else "countries"
        if self.programme is not None:
            place = f"{self.programme.slug}-{place}"
        return f"{place}-{self.period.slug}".lower()


def _of_programme(scope: ReportScope, field_name: str, path: str) -> Q:
    """Only the rows whose `path` is among the programme's `field_name` (its events, hubs…);
    no condition when the scope has no programme."""
    if scope.programme is None:
        return Q()
    owned = getattr(scope.programme, field_name).values("pk")
    return Q(**{f"{path}__in": owned})


# Columns of the consultations counted by country in one query: few values each, so that their
# combinations stay a few thousand rows.
READ_TOGETHER = (
    ("month", "nationality_id"),
    (
        "channel",
        "gender",
        "age_band",
        "migration_situation_id",
        "disability",
        "preferred_language",
    ),
)


@dataclass(frozen=True)
class ConsultationScope(Scope):
    """The consultations module's scope, stretched to several countries and a quarter."""

    country_ids: tuple[int, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    # Only consultations at a programme's hubs, when the report is of one programme.
    programme_id: int | None = None
    # Every count split by country in the same query (`indicators_by_country`).
    by_country: bool = False
    # Counts of several columns read together, by query (`by_country` only).
    read: dict[tuple[str, tuple[str, ...]], dict[str, list[tuple[Any, Any]]]] = field(
        default_factory=dict, compare=False, repr=False
    )
    # The breakdowns counted (None: every one): columns read together are only those counted.
    counting: frozenset[str] | None = None

    def months(self) -> list[dt.date]:
        """Every month from the start's to the end's: a range may cover several years."""
        if self.start is None or self.end is None:
            return super().months()
        first, months = self.start.replace(day=1), []
        while first <= self.end:
            months.append(first)
            first = (first + dt.timedelta(days=32)).replace(day=1)
        return months

    def filter(self) -> Q:
        return self.filter_through()

    def filter_through(self, path: str = "") -> Q:
        """`filter()` for rows that reach their consultation by `path` ("consultation__")."""
        condition = Q(
            **{
                f"{path}date__gte": self.start,
                f"{path}date__lte": self.end,
                f"{path}country_id__in": self.country_ids,
            }
        )
        if self.municipality_id is not None:
            condition &= Q(**{f"{path}municipality_id": self.municipality_id})
        if self.programme_id is not None:
            # The programme's hubs as a list to look up, not two joins on every consultation.
            from migralocal.programmes.models import Programme

            hubs = Programme.hubs.through.objects.filter(programme_id=self.programme_id)
            condition &= Q(**{f"{path}hub_id__in": hubs.values("hub_id")})
        return condition

    def _counts(self, column: str) -> bool:
        """Whether the breakdown of a consultations' column (its key without "_id") is counted."""
        return self.counting is None or column.removesuffix("_id") in self.counting

    def counted(
        self, queryset: QuerySet[Any], field_name: str, place: str = "country_id"
    ) -> list[tuple[Any, Any]]:
        if not self.by_country:
            return super().counted(queryset, field_name, place)
        if place != "country_id":
            # Rows of the scope's consultations (their topics, their referrals): selected through
            # the join that gives their place, not by looking the consultations up once more.
            related = queryset.model._default_manager.filter(
                self.filter_through(place.removesuffix("country_id"))
            )
            return _by_country(related, field_name, F(place))
        together = next(
            (
                tuple(name for name in one if self._counts(name) or name == field_name)
                for one in READ_TOGETHER
                if field_name in one
            ),
            None,
        )
        if queryset.model is not Consultation or together is None:
            return _by_country(queryset, field_name, F(place))
        # The consultations are read once for every column read with this one (each country's
        # counts of every combination of their values), and each column's counts added up from
        # those: one pass over the consultations instead of one per column.
        key = (str(queryset.query), together)
        if key not in self.read:
            combined = queryset.values_list(place, *together).annotate(n=Count("pk")).order_by()
            columns: list[dict[Any, ByCountry]] = [{} for _column in together]
            for country, *values, count in combined:
                for found, value in zip(columns, values, strict=True):
                    counts = found.setdefault(value, ByCountry())
                    counts[country] = counts.get(country, 0) + count
            self.read[key] = {
                name: list(found.items()) for name, found in zip(together, columns, strict=True)
            }
        return self.read[key][field_name]


def consultation_scope(
    scope: ReportScope, counting: frozenset[str] | None = None
) -> ConsultationScope:
    return ConsultationScope(
        counting=counting,
        by_country=_SPLIT.get(),
        year=scope.period.year,
        municipality_id=scope.municipality.pk if scope.municipality else None,
        country_ids=tuple(scope.country_ids),
        start=scope.period.start,
        end=scope.period.end,
        programme_id=scope.programme.pk if scope.programme else None,
    )


def _in_place(scope: ReportScope, country: str, municipality: str) -> Q:
    condition = Q(**{f"{country}__in": scope.country_ids})
    if scope.municipality is not None:
        condition &= Q(**{municipality: scope.municipality.pk})
    return condition


# Raw figures ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RawSeries:
    """Counts by category, every category listed (zeros included), in a fixed order."""

    key: str
    title: str
    labels: list[str]
    counts: list[int]
    keys: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass
class RawIndicator:
    key: str
    title: str | Promise
    definition: str | Promise
    total: int
    series: list[RawSeries]
    # Consultation figures come already shaped (and suppressed) by the consultations module.
    board: consultation_figures.Dashboard | None = None
    headline_key: str = ""
    headline_label: str | Promise = ""
    extra: dict[str, Any] = field(default_factory=dict)
    # What the total counts, as a tile states it beside the number; the title when empty.
    total_label: str | Promise = ""
    # Each breakdown keeps its own total (amounts in different currencies, which the indicator's
    # total, a count, does not add up).
    own_totals: bool = False


def _series(
    key: str, title: str, rows: Iterable[tuple[Any, int]], choices: Sequence[tuple[Any, Any]]
) -> RawSeries:
    found: dict[Any, int] = {}
    for value, count in rows:
        found[value] = found.get(value, 0) + count
    return RawSeries(
        key,
        title,
        [str(label) for _value, label in choices],
        [found.get(value, 0) for value, _label in choices],
        [str(value) for value, _label in choices],
    )


# Counting every country apart in one pass -------------------------------------------------------

# Set by `indicators_by_country`: each grouped query is also grouped by country.
_SPLIT: ContextVar[bool] = ContextVar("reports_split_by_country", default=False)


class ByCountry(dict[int, int]):
    """A count of each country (by id), from one query grouped by country: it adds up like a
    number, country by country, so that the indicators' code reads the same whether it counts one
    place or every country apart."""

    def __add__(self, other: object) -> ByCountry:
        added = ByCountry(self)
        if isinstance(other, ByCountry):
            for country, count in other.items():
                added[country] = added.get(country, 0) + count
        elif other != 0:
            return NotImplemented
        return added

    __radd__ = __add__

    def of(self, country: int | None) -> int:
        """One country's count; None: all of them together."""
        return sum(self.values()) if country is None else self.get(country, 0)


def _place_of(model: type[Any]) -> Combinable:
    """Where a row is counted (the country it belongs to), as the scope's filters place it."""
    places: dict[type[Any], Combinable] = {
        # The participant's country, or the event's when not recorded (`attendances_in`).
        Registration: Coalesce("country_id", "event__country_id"),
        # The learner's organisation's country, or the course's (`completions_in`).
        Enrolment: Coalesce("organisation__country_id", "course__country_id"),
        Organisation: F("country_id"),
        Hub: F("country_id"),
        Assessment: F("country_id"),
        Action: F("assessment__country_id"),
        Commitment: F("country_id"),
    }
    if model not in places:
        raise LookupError(f"No place is known for {model.__name__}: add it to _place_of")
    return places[model]


def _by_country(queryset: QuerySet[Any], field_name: str, place: Combinable) -> list[Any]:
    """`_grouped`'s rows, each count a `ByCountry`, in one query grouped by place too."""
    found: dict[Any, ByCountry] = {}
    rows = queryset.values_list(field_name, place).annotate(n=Count("pk")).order_by()
    for value, country, count in rows:
        found.setdefault(value, ByCountry())[country] = count
    return list(found.items())


def _grouped(queryset: QuerySet[Any], field_name: str) -> list[tuple[Any, Any]]:
    if _SPLIT.get():
        return _by_country(queryset, field_name, _place_of(queryset.model))
    return list(queryset.values_list(field_name).annotate(n=Count("pk")).order_by())


def _count(queryset: QuerySet[Any]) -> Any:
    """How many rows: an int, or a `ByCountry` when counting every country apart."""
    if not _SPLIT.get():
        return queryset.count()
    rows = queryset.values_list(_place_of(queryset.model)).annotate(n=Count("pk")).order_by()
    return ByCountry(rows)


# Learning -------------------------------------------------------------------------------------


def attendances_in(scope: ReportScope) -> QuerySet[Registration]:
    """Attendances at events that started in the period, counted where the participant comes
    from (the event's country when the participant's is not recorded)."""
    place = Q(country_id__in=scope.country_ids) | Q(
        country__isnull=True, event__country_id__in=scope.country_ids
    )
    attended = Registration.objects.filter(
        place,
        _of_programme(scope, "events", "event_id"),
        attended_at__isnull=False,
        event__starts_at__date__gte=scope.period.start,
        event__starts_at__date__lte=scope.period.end,
    )
    if scope.municipality is not None:
        attended = attended.filter(organisation__municipality_id=scope.municipality.pk)
    return attended


def completions_in(scope: ReportScope) -> QuerySet[Enrolment]:
    """Courses completed in the period, counted where the learner's organisation is (the
    course's country when the learner enrolled for no organisation)."""
    place = Q(organisation__country_id__in=scope.country_ids) | Q(
        organisation__isnull=True, course__country_id__in=scope.country_ids
    )
    completed = Enrolment.objects.filter(
        place,
        _of_programme(scope, "courses", "course_id"),
        completed_at__date__gte=scope.period.start,
        completed_at__date__lte=scope.period.end,
    )
    if scope.municipality is not None:
        completed = completed.filter(organisation__municipality_id=scope.municipality.pk)
    return completed


GENDER_CHOICES = [*Gender.choices, (NOT_RECORDED, gettext_lazy("Not recorded"))]
MODE_CHOICES = [
    (Mode.IN_PERSON, pgettext_lazy("reports mode", "Event, in person")),
    (Mode.ONLINE, pgettext_lazy("reports mode", "Event, online")),
    ("", pgettext_lazy("reports mode", "Event, mode not recorded")),
    (COURSE, pgettext_lazy("reports mode", "Online course")),
]
ROLE_CHOICES = list(ParticipantRole.choices)
SOURCE_CHOICES = [
    ("event", gettext_lazy("Training events")),
    (COURSE, gettext_lazy("Online courses")),
]


def _completion_roles(completions: QuerySet[Enrolment]) -> list[tuple[Any, int]]:
    return [
        (ROLE_OF_ORGANISATION_KIND.get(kind, ParticipantRole.OTHER), count)
        for kind, count in _grouped(completions, "organisation__kind")
    ]


def people_trained(scope: ReportScope) -> list[RawIndicator]:
    """People trained (by gender, mode and role) and, of them, public officials (by gender)."""
    attended = attendances_in(scope)
    completed = completions_in(scope)
    course_count = _count(completed)
    gender_rows = [*_grouped(attended, "gender"), (NOT_RECORDED, course_count)]
    mode_rows = [*_grouped(attended, "attendance_mode"), (COURSE, course_count)]
    role_rows = [*_grouped(attended, "role"), *_completion_roles(completed)]
    trained = RawIndicator(
        "people_trained",
        gettext_lazy("People trained"),
        gettext_lazy(
            "Attendances recorded at training events (workshops, webinars, meetings, summits) "
            "that started in the period, plus online courses completed in the period. A person "
            "at two events counts twice. Place: where the participant comes from, or the "
            "event's country when not recorded; for courses, the learner's organisation. Course "
            "learners' gender is not asked, so it shows as not recorded; their role follows "
            "their organisation (municipality: municipal official; national government: "
            "national official; civil society: civil-society staff; otherwise other)."
        ),
        total=0,
        series=[
            _series("gender", _("Gender"), gender_rows, GENDER_CHOICES),
            _series("mode", _("Mode"), mode_rows, MODE_CHOICES),
            _series("role", _("Role"), role_rows, ROLE_CHOICES),
        ],
    )
    trained.total = trained.series[0].total
    official_attendances = attended.filter(role__in=OFFICIAL_ROLES)
    official_completions = completed.filter(
        organisation__kind__in=[
            Organisation.Kind.MUNICIPALITY,
            Organisation.Kind.NATIONAL_GOVERNMENT,
        ]
    )
    official_courses = _count(official_completions)
    official_events = _count(official_attendances)
    officials = RawIndicator(
        "officials_trained",
        gettext_lazy("Public officials trained"),
        gettext_lazy(
            "The part of people trained who took part as municipal or national government "
            "officials (at events, the role they gave; for courses, a learner of a "
            "municipality or a national government body)."
        ),
        total=official_events + official_courses,
        series=[
            _series(
                "gender",
                _("Gender"),
                [*_grouped(official_attendances, "gender"), (NOT_RECORDED, official_courses)],
                GENDER_CHOICES,
            ),
            _series(
                "source",
                _("Kind of training"),
                [("event", official_events), (COURSE, official_courses)],
                SOURCE_CHOICES,
            ),
        ],
    )
    return [trained, officials]


def _organisations_by_kind(organisations: QuerySet[Organisation]) -> RawSeries:
    return _series(
        "kind",
        _("Kind of organisation"),
        _grouped(organisations, "kind"),
        Organisation.Kind.choices,
    )


def mentored_in(scope: ReportScope) -> QuerySet[MentoringEngagement]:
    """Engagements running at some time during the period."""
    return MentoringEngagement.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=scope.period.start),
        _in_place(scope, "organisation__country_id", "organisation__municipality_id"),
        _of_programme(scope, "mentoring_engagements", "pk"),
        started_on__lte=scope.period.end,
    )


def organisations(scope: ReportScope) -> list[RawIndicator]:
    """Organisations strengthened (mentored, self-assessed or trained) and those mentored."""
    mentored_ids = mentored_in(scope).values("organisation_id")
    assessed_ids = SelfAssessment.objects.filter(
        submitted_at__date__gte=scope.period.start,
        submitted_at__date__lte=scope.period.end,
    ).values("organisation_id")
    if scope.programme is not None:
        # A self-assessment belongs to no programme: a programme counts what it did itself.
        assessed_ids = assessed_ids.none()
    trained_ids = completions_in(scope).filter(organisation__isnull=False).values("organisation_id")
    in_place = _in_place(scope, "country_id", "municipality_id")
    strengthened = Organisation.objects.filter(
        Q(pk__in=mentored_ids) | Q(pk__in=assessed_ids) | Q(pk__in=trained_ids), in_place
    )
    mentored = Organisation.objects.filter(in_place, pk__in=mentored_ids)
    strengthened_series = _organisations_by_kind(strengthened)
    mentored_series = _organisations_by_kind(mentored)
    return [
        RawIndicator(
            "organisations_strengthened",
            gettext_lazy("Organisations strengthened"),
            gettext_lazy(
                "Organisations that, during the period, were mentored, completed the "
                "organisational capacity self-assessment, or had a member complete an online "
                "course. Each organisation counts once."
            ),
            strengthened_series.total,
            [strengthened_series],
        ),
        RawIndicator(
            "organisations_mentored",
            gettext_lazy("Organisations mentored"),
            gettext_lazy(
                "Organisations with a mentoring engagement running at some time during the "
                "period. Each organisation counts once."
            ),
            mentored_series.total,
            [mentored_series],
        ),
    ]


# Directory and consultations -----------------------------------------------------------------


def hubs_active(scope: ReportScope) -> RawIndicator:
    """Hubs listed as active, by kind, and whether they recorded consultations in the period."""
    hubs = Hub.objects.filter(
        _in_place(scope, "country_id", "municipality_id"),
        _of_programme(scope, "hubs", "pk"),
        status=Hub.Status.ACTIVE,
    ).annotate(
        recorded=Exists(
            Consultation.objects.filter(
                hub=OuterRef("pk"),
                date__gte=scope.period.start,
                date__lte=scope.period.end,
            )
        )
    )
    by_kind = _series("kind", _("Kind of hub"), _grouped(hubs, "kind"), Hub.Kind.choices)
    recorded = _series(
        "recorded",
        _("Recorded consultations in the period"),
        _grouped(hubs, "recorded"),
        [
            (True, pgettext_lazy("reports hubs", "Yes")),
            (False, pgettext_lazy("reports hubs", "No")),
        ],
    )
    return RawIndicator(
        "hubs_active",
        gettext_lazy("Hubs active"),
        gettext_lazy(
            "Information hubs, help desks, information points and mobile units whose directory "
            "listing is active today, and of them those that recorded at least one consultation "
            "in the period."
        ),
        by_kind.total,
        [by_kind, recorded],
        headline_key="recorded:True",
        headline_label=gettext_lazy("Hubs that recorded consultations in the period"),
    )


CONSULTATIONS_TITLE = gettext_lazy("Consultations")
CONSULTATIONS_DEFINITION = gettext_lazy(
    "Consultations recorded by the hubs with a date in the period, by the topics "
    "asked about (one consultation may ask about several) and the person's profile."
)
REFERRALS_TITLE = gettext_lazy("Referrals and the share completed")
REFERRALS_DEFINITION = gettext_lazy(
    "Referrals to directory services made in the period's consultations, by their "
    "follow-up status. Completed: the person attended, or the referral was closed."
)
REFERRALS_TOTAL_LABEL = gettext_lazy("Referrals made")
# In `extra` of a consultations indicator counted by country: its breakdowns (each count a
# `ByCountry`) and the dashboard's total it shows.
COUNTED_CONSULTATIONS = "counted_consultations"


# The consultations' breakdowns the consultations indicator shows, in the order it shows them.
CONSULTATION_FIGURES = (
    "topic",
    "gender",
    "age_band",
    "migration_situation",
    "nationality",
    "disability",
    "channel",
)


# The consultations' breakdowns that give each of their indicators: its total and its own
# breakdowns (the consultations' total is the sum of the months).
CONSULTATION_BREAKDOWNS = {
    "consultations": ("month", *CONSULTATION_FIGURES),
    "referrals": ("referral_status",),
}


def breakdown_titles(key: str) -> list[tuple[str, str]] | None:
    """The breakdowns (key, title) an indicator shows whether or not they were counted, for an
    indicator that may leave them uncounted (the consultations'); None for any other."""
    if key not in CONSULTATION_BREAKDOWNS:
        return None
    shown = CONSULTATION_BREAKDOWNS[key][1:] if key == "consultations" else ("referral_status",)
    return [(one, str(consultation_selectors.BREAKDOWN_TITLES[one])) for one in shown]


def _consultation_breakdowns(
    keys: frozenset[str] | None, series: frozenset[str] | None
) -> tuple[list[str], frozenset[str] | None]:
    """Which of the consultations' indicators are wanted for `keys`, and which breakdowns count
    them: each one's total, and of its own breakdowns those `series` names ("consultations/topic";
    None: all)."""
    shown = [key for key in CONSULTATION_BREAKDOWNS if keys is None or key in keys]
    if keys is None and series is None:
        return shown, None
    counting = frozenset(
        one
        for key in shown
        for i, one in enumerate(CONSULTATION_BREAKDOWNS[key])
        if i == 0 or series is None or f"{key}/{one}" in series
    )
    return shown, counting


def consultations(
    scope: ReportScope,
    *,
    suppressed: bool,
    keys: frozenset[str] | None = None,
    series: frozenset[str] | None = None,
) -> list[RawIndicator]:
    """Consultations by topic and profile, and referrals with the share completed, as the
    consultations module computes (and suppresses) them. `keys`: only those of the two
    indicators; `series`: of their breakdowns only those (each still has its total): a reader
    that shows a few figures (a programme's results framework) does not count the others."""
    shown, only = _consultation_breakdowns(keys, series)
    counted = consultation_scope(scope, only)
    titles: dict[str, tuple[str | Promise, str | Promise, str | Promise]] = {
        "consultations": (CONSULTATIONS_TITLE, CONSULTATIONS_DEFINITION, ""),
        "referrals": (REFERRALS_TITLE, REFERRALS_DEFINITION, REFERRALS_TOTAL_LABEL),
    }
    if counted.by_country:
        # Shaped (and suppressed) for each place by `indicators_by_country`.
        breakdowns = consultation_selectors.breakdowns(counted, only=only)
        return [
            RawIndicator(
                key,
                titles[key][0],
                titles[key][1],
                0,
                [],
                total_label=titles[key][2],
                extra={COUNTED_CONSULTATIONS: (breakdowns, key)},
            )
            for key in shown
        ]
    board = consultation_figures.dashboard_of(
        consultation_selectors.breakdowns(counted, only=only), suppressed=suppressed
    )
    return [
        RawIndicator(
            key,
            titles[key][0],
            titles[key][1],
            getattr(board, key).value,
            [],
            board=board,
            total_label=titles[key][2],
        )
        for key in shown
    ]


# Assessments and commitments -----------------------------------------------------------------


def certification(scope: ReportScope) -> list[RawIndicator]:
    """Rounds of the certification cycle of the period's year by stage; work-plan actions."""
    years = years_of(scope.period)
    rounds = Assessment.objects.filter(
        _in_place(scope, "country_id", "organisation__municipality_id"),
        _of_programme(scope, "assessments", "pk"),
        year__gte=years.start,
        year__lt=years.stop,
    )
    stages = _series("stage", _("Stage"), _grouped(rounds, "stage"), Stage.choices)
    actions = Action.objects.filter(
        _in_place(scope, "assessment__country_id", "assessment__organisation__municipality_id"),
        _of_programme(scope, "assessments", "assessment_id"),
        ends_on__gte=scope.period.start,
        ends_on__lte=scope.period.end,
    )
    by_status = _series("status", _("Status"), _grouped(actions, "status"), Action.Status.choices)
    return [
        RawIndicator(
            "certification",
            gettext_lazy("Municipalities by stage of the certification cycle"),
            gettext_lazy(
                "Municipalities with a round of the certification cycle for the period's year "
                "(the cycle runs by year, so a quarter shows its whole year), by the stage the "
                "round has reached; certified: those awarded the seal."
            ),
            stages.total,
            [stages],
            headline_key=f"stage:{Stage.CERTIFIED}",
            headline_label=gettext_lazy("Certified municipalities"),
            total_label=gettext_lazy("Municipalities in the certification cycle"),
        ),
        RawIndicator(
            "actions",
            gettext_lazy("Work-plan actions and those completed"),
            gettext_lazy(
                "Actions of the municipalities' work plans due to end in the period, by status; "
                "completed: those marked done."
            ),
            by_status.total,
            [by_status],
            headline_key=f"status:{Action.Status.DONE}",
            headline_label=gettext_lazy("Completed actions"),
            total_label=gettext_lazy("Work-plan actions due in the period"),
        ),
    ]


def commitments(scope: ReportScope) -> RawIndicator:
    """Public commitments published by the end of the period, by status and verification."""
    public = Commitment.objects.published().filter(
        _in_place(scope, "country_id", "organisation__municipality_id"),
        _of_programme(scope, "commitments", "pk"),
        published_at__date__lte=scope.period.end,
    )
    by_status = _series("status", _("Status"), _grouped(public, "status"), CommitmentStatus.choices)
    verification = _series(
        "verification",
        _("Verification"),
        _grouped(public, "moderation_state"),
        [
            (ModerationState.VERIFIED, pgettext_lazy("reports commitments", "Verified")),
            (ModerationState.PENDING, pgettext_lazy("reports commitments", "Not verified")),
        ],
    )
    return RawIndicator(
        "commitments",
        gettext_lazy("Commitments by status and verification"),
        gettext_lazy(
            "Commitments, practices and programmes on the public registry, published by the end "
            "of the period, by status and by whether a reviewer has verified them."
        ),
        by_status.total,
        [by_status, verification],
        headline_key=f"verification:{ModerationState.VERIFIED}",
        headline_label=gettext_lazy("Verified commitments"),
        total_label=gettext_lazy("Public commitments"),
    )


# Officials trained by department or unit ---------------------------------------------------

DEPARTMENT = "department"
# A department's key is its name as a slug, short enough to follow its report indicator's prefix
# (`officials-<key>`) in the 60 characters of a result indicator's measure.
DEPARTMENT_KEY_LENGTH = 50


def department_key(department: str) -> str:
    """The key of a department or unit in the reports: its name as a slug, so that the same
    name written with other capitals or accents is one department."""
    return slugify(department)[:DEPARTMENT_KEY_LENGTH].strip("-")


def _officials_by_department_ever(scope: ReportScope) -> list[tuple[str, str, str, str, int]]:
    """Officials' attendances of any date that the scope may count (its places, as
    `attendances_in`, and its programme), as rows of department, organisation, gender, mode and
    how many of them were at events that started in the period: one query gives the departments
    to list and the period's counts. A scope without a country (the catalogue of measures is
    read from one) lists every department and counts none."""
    attended = Registration.objects.filter(
        _of_programme(scope, "events", "event_id"),
        attended_at__isnull=False,
        role__in=OFFICIAL_ROLES,
    )
    if scope.countries:
        attended = attended.filter(
            Q(country_id__in=scope.country_ids)
            | Q(country__isnull=True, event__country_id__in=scope.country_ids)
        )
    if scope.municipality is not None:
        attended = attended.filter(organisation__municipality_id=scope.municipality.pk)
    in_period = Q(
        event__starts_at__date__gte=scope.period.start,
        event__starts_at__date__lte=scope.period.end,
    )
    rows = (
        attended.values_list(
            "department", "organisation__name", "organisation_name", "gender", "attendance_mode"
        )
        .annotate(n=Count("pk", filter=in_period))
        .order_by()
    )
    return [
        (department, name or written or "", gender, mode, count if scope.countries else 0)
        for department, name, written, gender, mode, count in rows
    ]


def _department_labels(rows: list[tuple[str, str, str, str, int]]) -> dict[str, str]:
    """Each named department's key and label, the label naming the organisation when only one
    has a department of that name; in the order of the labels."""
    names: dict[str, str] = {}
    organisations: dict[str, set[str]] = {}
    for department, organisation, _gender, _mode, _count in sorted(rows):
        key = department_key(department)
        if not key:
            continue
        names.setdefault(key, department)
        organisations.setdefault(key, set()).add(organisation)
    labels = {}
    for key, department in names.items():
        (only, *others) = sorted(organisations[key])
        labels[key] = department_label(department, only) if not others else department
    return dict(sorted(labels.items(), key=lambda item: item[1].casefold()))


def officials_by_department(scope: ReportScope) -> list[RawIndicator]:
    """Public officials trained at events by the department or unit they work in (recorded at
    registration or check-in), and for each department its officials by gender and mode: so a
    programme can count "officials of the Agencia Metropolitana de Control", and the share of
    women among them. Every department recorded in the scope's places is listed, at nought when
    none of its officials was trained in the period."""
    rows = _officials_by_department_ever(scope)
    departments = _department_labels(rows)
    by_department: dict[str, list[tuple[Any, int]]] = {}
    for department, _organisation, gender, mode, count in rows:
        key = department_key(department) or NOT_RECORDED
        by_department.setdefault(key, []).append(((gender, mode), count))
    choices = [*departments.items(), (NOT_RECORDED, gettext_lazy("Not recorded"))]
    totals = [(key, sum(n for _pair, n in found)) for key, found in by_department.items()]
    summary = _series(DEPARTMENT, _("Department or unit"), totals, choices)
    indicators = [
        RawIndicator(
            "officials_by_department",
            gettext_lazy("Public officials trained at events, by department or unit"),
            gettext_lazy(
                "Attendances of municipal or national government officials at training events "
                "that started in the period, by the department or unit they said they work in "
                "(at registration, check-in or in the attendance list). Departments with the "
                "same name count together; online courses record no department."
            ),
            summary.total,
            [summary],
        )
    ]
    for key, label in departments.items():
        found = by_department.get(key, [])
        genders = [(gender or NOT_RECORDED, n) for (gender, _mode), n in found]
        modes = [(mode, n) for (_gender, mode), n in found]
        gender_series = _series("gender", _("Gender"), genders, GENDER_CHOICES)
        indicators.append(
            RawIndicator(
                f"officials-{key}",
                _("Public officials trained: %(department)s") % {"department": label},
                gettext_lazy(
                    "Attendances of officials of this department or unit at training events "
                    "that started in the period, by gender and by mode."
                ),
                sum(n for _pair, n in found),
                [gender_series, _series("mode", _("Mode"), modes, MODE_CHOICES[:3])],
            )
        )
    return indicators


# Events by kind -------------------------------------------------------------------------------

EVENT_KIND_CHOICES = list(Event.Kind.choices)


def events_by_kind(scope: ReportScope) -> RawIndicator:
    """For each kind of event (workshop, webinar, virtual meeting, summit): the events held
    (with an attendance counted in the scope), the attendances, and the distinct people and
    distinct organisations that attended; one grouped query. Distinct counts do not add up
    across places, so this is counted once for each country."""
    rows = list(
        attendances_in(scope)
        .values_list("event__kind")
        .annotate(
            events=Count("event", distinct=True),
            attendances=Count("pk"),
            people=Count(Lower("email"), distinct=True),
            organisations=Count("organisation", distinct=True),
        )
        .order_by()
    )
    measures = [
        ("events", _("Events held")),
        ("attendances", _("Attendances")),
        ("people", _("Distinct people")),
        ("organisations", _("Distinct organisations")),
    ]
    series = [
        _series(
            key,
            title,
            [(row[0], row[position]) for row in rows],
            EVENT_KIND_CHOICES,
        )
        for position, (key, title) in enumerate(measures, start=1)
    ]
    return RawIndicator(
        "events_by_kind",
        gettext_lazy("Events by kind"),
        gettext_lazy(
            "Training events that started in the period with at least one attendance counted "
            "in the place (as for people trained), by kind: the events held, the attendances, "
            "the distinct people who attended (by e-mail address) and the distinct "
            "organisations they attended for. A person or organisation at events of two kinds "
            "counts once in each kind."
        ),
        series[0].total,
        series,
        total_label=gettext_lazy("Events held"),
    )


# Sign-ups -----------------------------------------------------------------------------------

PERSON, COMMUNITY_ORGANISATION = "person", "organisation"
SIGN_UP_KINDS = [
    (PERSON, pgettext_lazy("reports sign-ups", "People (accounts created)")),
    (
        COMMUNITY_ORGANISATION,
        pgettext_lazy("reports sign-ups", "Organisations (joined the community)"),
    ),
]


def _months_of(period: Period | DateRange) -> list[tuple[str, str]]:
    """Every month the period touches, as (`YYYY-MM`, its name)."""
    from django.utils.formats import date_format

    months, first = [], period.start.replace(day=1)
    while first <= period.end:
        months.append((f"{first:%Y-%m}", date_format(first, "YEAR_MONTH_FORMAT")))
        first = (first + dt.timedelta(days=32)).replace(day=1)
    return months


def people_signed_up(scope: ReportScope) -> QuerySet[User]:
    """Accounts created in the period by people who act for an organisation of the scope's
    places; for a programme, only those who registered for one of its events or enrolled in one
    of its courses."""
    memberships = Membership.objects.filter(
        _in_place(scope, "organisation__country_id", "organisation__municipality_id"),
        user=OuterRef("pk"),
    )
    people = User.objects.filter(
        Exists(memberships),
        date_joined__date__gte=scope.period.start,
        date_joined__date__lte=scope.period.end,
    )
    if scope.programme is not None:
        registered = Registration.objects.filter(
            _of_programme(scope, "events", "event_id"), user=OuterRef("pk")
        )
        enrolled = Enrolment.objects.filter(
            _of_programme(scope, "courses", "course_id"), user=OuterRef("pk")
        )
        people = people.filter(Exists(registered) | Exists(enrolled))
    return people


def organisations_signed_up(scope: ReportScope) -> QuerySet[CommunityProfile]:
    """Organisations of the scope's places that joined the regional community in the period;
    for a programme, only those that took part in it (a member at its events or courses, or a
    mentoring engagement of the programme)."""
    joined = CommunityProfile.objects.filter(
        _in_place(scope, "organisation__country_id", "organisation__municipality_id"),
        joined_on__gte=scope.period.start,
        joined_on__lte=scope.period.end,
    )
    if scope.programme is not None:
        took_part = [
            Registration.objects.filter(_of_programme(scope, "events", "event_id")),
            Enrolment.objects.filter(_of_programme(scope, "courses", "course_id")),
            MentoringEngagement.objects.filter(_of_programme(scope, "mentoring_engagements", "pk")),
        ]
        condition = Q(pk__in=[])
        for rows in took_part:
            condition |= Q(organisation_id__in=rows.values("organisation_id"))
        joined = joined.filter(condition)
    return joined


def _by_month(rows: Iterable[tuple[Any, int]]) -> list[tuple[str, int]]:
    return [(f"{month:%Y-%m}", count) for month, count in rows if month is not None]


def sign_ups(scope: ReportScope) -> RawIndicator:
    """People and organisations that signed up in the period, by kind and by month."""
    people = _by_month(
        people_signed_up(scope)
        .annotate(month=TruncMonth("date_joined"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    joined = _by_month(
        organisations_signed_up(scope)
        .annotate(month=TruncMonth("joined_on"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_kind = _series(
        "kind",
        _("Who signed up"),
        [
            (PERSON, sum(n for _m, n in people)),
            (COMMUNITY_ORGANISATION, sum(n for _m, n in joined)),
        ],
        SIGN_UP_KINDS,
    )
    return RawIndicator(
        "sign_ups",
        gettext_lazy("Sign-ups"),
        gettext_lazy(
            "People who created an account in the period, counted in the country of an "
            "organisation they act for (people who act for none have no place and are not "
            "counted), and organisations that joined the regional community in the period. For "
            "a programme: only the people who registered for one of its events or enrolled in "
            "one of its courses, and the organisations that took part in it (at its events or "
            "courses, or mentored by it)."
        ),
        by_kind.total,
        [by_kind, _series("month", _("Month"), [*people, *joined], _months_of(scope.period))],
        headline_key=f"kind:{PERSON}",
        headline_label=pgettext_lazy("reports sign-ups", "People"),
        total_label=gettext_lazy("People and organisations that signed up"),
    )


# Which indicators each counting function gives, by key (a key ending in "-" names every key
# with that prefix): a reader that shows only a few indicators (a programme's results framework)
# counts only those, and the functions are listed in the order pages and exports show them.
COUNTED_BY_PLACE: tuple[tuple[tuple[str, ...], Callable[..., list[RawIndicator]]], ...] = (
    (("people_trained", "officials_trained"), lambda scope, **_kw: people_trained(scope)),
    (
        ("organisations_strengthened", "organisations_mentored"),
        lambda scope, **_kw: organisations(scope),
    ),
    (("hubs_active",), lambda scope, **_kw: [hubs_active(scope)]),
    (
        ("consultations", "referrals"),
        lambda scope, *, suppressed, keys=None, series=None: consultations(
            scope, suppressed=suppressed, keys=keys, series=series
        ),
    ),
    (("certification", "actions"), lambda scope, **_kw: certification(scope)),
    (("commitments",), lambda scope, **_kw: [commitments(scope)]),
    (
        (
            "advisory_instruments",
            "advisory_recommendations",
            "advisory_adopted",
            "advisory_officials_trained",
        ),
        lambda scope, **_kw: advisory_figures.indicators(scope),
    ),
)
COUNTED_PER_COUNTRY: tuple[tuple[tuple[str, ...], Callable[..., list[RawIndicator]]], ...] = (
    (("officials_by_department", "officials-"), officials_by_department),
    (("events_by_kind",), lambda scope: [events_by_kind(scope)]),
    (("sign_ups",), lambda scope: [sign_ups(scope)]),
    (
        (
            "cash_households",
            "cash_people",
            "cash_households_enrolled",
            "cash_people_enrolled",
            "cash_households_paid",
            "cash_people_paid",
            "cash_amounts_paid",
            "cash_duplicates",
            "cash_grievances",
            "cash_grievances_closed",
            "cash_verification",
        ),
        # Read when called: the cash figures module imports this one.
        lambda scope: cash_figures.indicators(scope),
    ),
)


def _wanted(gives: tuple[str, ...], keys: frozenset[str] | None) -> bool:
    """Whether a counting function that gives `gives` is needed for `keys` (None: every one)."""
    if keys is None:
        return True
    return any(
        key.startswith(one) if one.endswith("-") else key == one for one in gives for key in keys
    )


def _indicators_counted_by_place(
    scope: ReportScope,
    *,
    suppressed: bool,
    keys: frozenset[str] | None = None,
    series: frozenset[str] | None = None,
) -> list[RawIndicator]:
    """The indicators whose queries group by place (`_grouped`, `_count`): one pass can count
    every country apart. `keys`: only the functions that give those indicators (None: all);
    `series`: only those breakdowns, of the indicators that may leave the others out."""
    return [
        raw
        for gives, count in COUNTED_BY_PLACE
        if _wanted(gives, keys)
        for raw in count(scope, suppressed=suppressed, keys=keys, series=series)
    ]


def indicators_counted_per_country(
    scope: ReportScope, keys: frozenset[str] | None = None
) -> list[RawIndicator]:
    """The indicators whose small queries do not group by place (the departments listed differ
    from one country to another; events by kind counts distinct people and organisations, which
    do not add up; cash assistance counts few rows): counted once for each country. `keys`: only
    the functions that give those indicators (None: all)."""
    return [
        raw for gives, count in COUNTED_PER_COUNTRY if _wanted(gives, keys) for raw in count(scope)
    ]


def indicators(
    scope: ReportScope,
    *,
    suppressed: bool,
    keys: frozenset[str] | None = None,
    series: frozenset[str] | None = None,
) -> list[RawIndicator]:
    """Every indicator of the results framework, in the order pages and exports show them;
    `keys`: at least those indicators, counting only what gives them (a programme's results
    read the few its framework names, not the whole catalogue). `series`: of the consultations'
    indicators, only the breakdowns named "key/breakdown" besides their totals (None: all)."""
    return [
        *_indicators_counted_by_place(scope, suppressed=suppressed, keys=keys, series=series),
        *indicators_counted_per_country(scope, keys),
    ]


@contextmanager
def _split_by_country() -> Iterator[None]:
    token = _SPLIT.set(True)
    try:
        yield
    finally:
        _SPLIT.reset(token)


def _only(count: Any, country: int | None) -> Any:
    return count.of(country) if isinstance(count, ByCountry) else count


def _breakdown_in(breakdown: Breakdown, country: int | None) -> Breakdown:
    counts = [_only(count, country) for count in breakdown.counts]
    if breakdown.key != "nationality":
        return dataclasses.replace(breakdown, counts=counts)
    # The nationalities listed are those counted in the place (and "not stated", last), as
    # when the place is counted alone.
    kept = [i for i, count in enumerate(counts) if count or i == len(counts) - 1]
    return dataclasses.replace(
        breakdown,
        labels=[breakdown.labels[i] for i in kept],
        counts=[counts[i] for i in kept],
        keys=[breakdown.keys[i] for i in kept],
    )


def _counted_in(raw: RawIndicator, country: int | None, *, suppressed: bool) -> RawIndicator:
    """An indicator counted by country, as counted in one country (None: all of them)."""
    extra = {key: _only(value, country) for key, value in raw.extra.items()}
    total, board = _only(raw.total, country), raw.board
    if COUNTED_CONSULTATIONS in extra:
        breakdowns, shown = extra.pop(COUNTED_CONSULTATIONS)
        board = consultation_figures.dashboard_of(
            [_breakdown_in(breakdown, country) for breakdown in breakdowns],
            suppressed=suppressed,
        )
        total = getattr(board, shown).value
    return dataclasses.replace(
        raw,
        total=total,
        series=[
            dataclasses.replace(one, counts=[_only(count, country) for count in one.counts])
            for one in raw.series
        ],
        board=board,
        extra=extra,
    )


def indicators_by_country(
    scope: ReportScope,
    *,
    suppressed: bool,
    keys: frozenset[str] | None = None,
    series: frozenset[str] | None = None,
) -> tuple[list[RawIndicator], dict[int, list[RawIndicator]]]:
    """`indicators(scope)`, and `indicators()` of each of the scope's countries alone, in one
    pass: every query is grouped by country as well, and a figure of all the countries is the sum
    of theirs (every row counts in one country). Only the few small queries of the departments
    and sign-ups are made again for each country."""
    with _split_by_country():
        counted = _indicators_counted_by_place(
            scope, suppressed=suppressed, keys=keys, series=series
        )
    every = [
        *(_counted_in(raw, None, suppressed=suppressed) for raw in counted),
        *indicators_counted_per_country(scope, keys),
    ]
    by_country = {
        country.pk: [
            *(_counted_in(raw, country.pk, suppressed=suppressed) for raw in counted),
            *indicators_counted_per_country(dataclasses.replace(scope, countries=(country,)), keys),
        ]
        for country in scope.countries
    }
    return every, by_country


def records_in(scope: ReportScope) -> int:
    """Roughly how many records a report of the scope reads: decides whether an export runs in
    the background."""
    return (
        Consultation.objects.filter(consultation_scope(scope).filter()).count()
        + attendances_in(scope).count()
    )


def report_years() -> list[int]:
    """From this year back to the first year with consultations or events."""
    from django.utils import timezone

    from migralocal.learning.models import Event

    today = timezone.localdate()
    firsts = [
        Consultation.objects.order_by("date").values_list("date", flat=True).first(),
        Event.objects.order_by("starts_at").values_list("starts_at__date", flat=True).first(),
    ]
    first_year = min([day.year for day in firsts if day is not None], default=today.year)
    return list(range(today.year, min(first_year, today.year) - 1, -1))


# What a reader may choose -------------------------------------------------------------------


def region_countries() -> QuerySet[Country]:
    """The region: every country with an organisation or a hub. "Whole region" means these
    countries on every page, public or not, in the API and in every export; a reader who does not
    cover all of them reads the region's figures protected, as the public does."""
    # EXISTS rather than joins: a join with thousands of hubs would be read and then de-duplicated.
    return (
        Country.objects.filter(
            Exists(Organisation.objects.filter(country=OuterRef("pk")))
            | Exists(Hub.objects.filter(country=OuterRef("pk")))
        )
        .prefetch_related("translations")
        .order_by("code")
    )


# The countries anyone may choose on the public page: the whole region.
countries_with_activity = region_countries


def countries_readable_by(user: Actor) -> QuerySet[Country]:
    """Countries whose full results the user may read: all for a platform admin, otherwise
    those of their programme manager and reviewer assignments."""
    from migralocal.core.selectors import user_role_set
    from migralocal.reports.permissions import READING_ROLES

    countries = region_countries()
    if getattr(user, "is_superuser", False) and user.is_active:
        return countries
    programme = user_role_set(user).programme_countries
    ids: set[int] = set()
    for role in READING_ROLES:
        ids |= programme.get(str(role), set())
    return countries.filter(pk__in=ids)


def reads_full_figures(user: Actor, scope: ReportScope) -> bool:
    """Whether `user` reads the scope's figures in full: only when they may read every country
    it covers (the whole region needs them all); otherwise they are protected."""
    readable = set(countries_readable_by(user).values_list("pk", flat=True))
    return bool(scope.country_ids) and set(scope.country_ids) <= readable


def municipalities_of_focal_point(user: Actor) -> QuerySet[AdministrativeArea]:
    """The places whose figures a focal point reads, protected (one rule, in core)."""
    from migralocal.core.selectors import focal_point_places

    return focal_point_places(user)


def municipalities_of(country: Country | None) -> QuerySet[AdministrativeArea]:
    if country is None:
        return AdministrativeArea.objects.none()
    return (
        AdministrativeArea.objects.filter(
            country=country, level=AdministrativeArea.Level.MUNICIPALITY
        )
        .select_related("country")  # each choice's label names its country
        .order_by("name")
    )


def scope_from(
    *,
    country: Country | None,
    municipality: AdministrativeArea | None,
    period: Period | DateRange,
    programme: Programme | None = None,
) -> ReportScope:
    """One country (perhaps one municipality of it); without one, the whole region, or the
    programme's countries within it when the report is of one programme."""
    if country is not None:
        chosen: tuple[Country, ...] = (country,)
    elif programme is not None:
        chosen = tuple(region_countries().filter(pk__in=programme.countries.values("pk")))
    else:
        chosen = tuple(region_countries())
    return ReportScope(
        countries=chosen, period=period, municipality=municipality, programme=programme
    )


def programmes_readable_by(user: Actor) -> QuerySet[Programme]:
    """The programmes whose figures a reader may ask for: those they may see (public ones; a
    private one for its managers and platform admins). Who reads them in full or protected is
    still decided by country (`reads_full_figures`)."""
    from migralocal.programmes.selectors import visible_programmes

    return visible_programmes(user)


def sees_private_programmes(user: Actor) -> bool:
    """Whether the reader sees a private programme that others with the same roles may not (they
    manage it): their dashboard page, which lists it, is then not shared with those others.
    Platform admins all see every programme."""
    if not user.is_authenticated or user.is_superuser:
        return False
    return programmes_readable_by(user).filter(is_public=False).exists()
