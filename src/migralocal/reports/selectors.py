"""The programme's indicators for a scope (countries, perhaps one municipality) and a period.

Every count is read from the other modules' models with one grouped query per breakdown, so a
dashboard costs the same number of queries whatever the number of records. Counts are raw here;
`presentation` turns them into what a page shows, suppressed or not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from migralocal.assessments.models import Action, Assessment, Stage
from migralocal.assistance import figures as cash_figures
from migralocal.commitments.models import Commitment, ModerationState
from migralocal.commitments.models import Status as CommitmentStatus
from migralocal.consultations import figures as consultation_figures
from migralocal.consultations.models import Consultation
from migralocal.consultations.selectors import Scope
from migralocal.core.models import Actor, AdministrativeArea, Country, Organisation
from migralocal.directory.models import Hub
from migralocal.learning.models import (
    Enrolment,
    Gender,
    MentoringEngagement,
    Mode,
    ParticipantRole,
    Registration,
    SelfAssessment,
)

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


@dataclass(frozen=True)
class ConsultationScope(Scope):
    """The consultations module's scope, stretched to several countries and a quarter."""

    country_ids: tuple[int, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    # Only consultations at a programme's hubs, when the report is of one programme.
    programme_id: int | None = None

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
        condition = Q(date__gte=self.start, date__lte=self.end, country_id__in=self.country_ids)
        if self.municipality_id is not None:
            condition &= Q(municipality_id=self.municipality_id)
        if self.programme_id is not None:
            condition &= Q(hub__programmes=self.programme_id)
        return condition


def consultation_scope(scope: ReportScope) -> ConsultationScope:
    return ConsultationScope(
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


def _grouped(queryset: QuerySet[Any], field_name: str) -> list[tuple[Any, int]]:
    return list(queryset.values_list(field_name).annotate(n=Count("pk")).order_by())


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
    course_count = completed.count()
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
    official_courses = official_completions.count()
    official_events = official_attendances.count()
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


def consultations(scope: ReportScope, *, suppressed: bool) -> list[RawIndicator]:
    """Consultations by topic and profile, and referrals with the share completed, as the
    consultations module computes (and suppresses) them."""
    board = consultation_figures.dashboard(consultation_scope(scope), suppressed=suppressed)
    return [
        RawIndicator(
            "consultations",
            gettext_lazy("Consultations"),
            gettext_lazy(
                "Consultations recorded by the hubs with a date in the period, by the topics "
                "asked about (one consultation may ask about several) and the person's profile."
            ),
            board.consultations.value,
            [],
            board=board,
        ),
        RawIndicator(
            "referrals",
            gettext_lazy("Referrals and the share completed"),
            gettext_lazy(
                "Referrals to directory services made in the period's consultations, by their "
                "follow-up status. Completed: the person attended, or the referral was closed."
            ),
            board.referrals.value,
            [],
            board=board,
            total_label=gettext_lazy("Referrals made"),
        ),
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


def indicators(scope: ReportScope, *, suppressed: bool) -> list[RawIndicator]:
    """Every indicator of the results framework, in the order pages and exports show them."""
    return [
        *people_trained(scope),
        *organisations(scope),
        hubs_active(scope),
        *consultations(scope, suppressed=suppressed),
        *certification(scope),
        commitments(scope),
        *cash_figures.indicators(scope),
    ]


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
