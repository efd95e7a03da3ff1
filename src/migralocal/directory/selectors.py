"""Reads of the directory: the public search, hub pages, listings people may keep, stale ones."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import ACos, Cos, Greatest, Least, Radians, Sin
from django.utils import timezone

from migralocal.core.models import Actor, AdministrativeArea, Country, TaxonomyTerm
from migralocal.core.roles import OrganisationRole, ProgrammeRole
from migralocal.core.selectors import user_role_set
from migralocal.directory.models import (
    STALE_AFTER,
    WEEKDAYS,
    Attribute,
    Hub,
    Language,
    ListingReport,
    Phone,
    ReferralPathway,
    Schedule,
    Service,
)
from migralocal.directory.search import text_filter

EARTH_RADIUS_KM = 6371.0
PUBLIC_HUB_STATUSES = (Hub.Status.ACTIVE, Hub.Status.TEMPORARILY_CLOSED)
PUBLIC_SERVICE_STATUSES = (Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED)


@dataclass(frozen=True)
class Place:
    latitude: float
    longitude: float
    radius_km: float = 25.0


@dataclass(frozen=True)
class SearchCriteria:
    text: str = ""
    need: TaxonomyTerm | None = None
    country: Country | None = None
    municipality: AdministrativeArea | None = None
    near: Place | None = None
    language: str = ""
    open_now: bool = False


def _distance_km(place: Place) -> Any:
    """Great-circle distance from `place` to the row's latitude/longitude, in the database."""
    lat0, lon0 = math.radians(place.latitude), math.radians(place.longitude)
    cosine = Cos(Radians(F("latitude"))) * Value(math.cos(lat0)) * Cos(
        Radians(F("longitude")) - Value(lon0)
    ) + Sin(Radians(F("latitude"))) * Value(math.sin(lat0))
    # Rounding can push the cosine just past 1, where ACOS is undefined.
    clamped = Greatest(Least(cosine, Value(1.0)), Value(-1.0))
    return ExpressionWrapper(ACos(clamped) * Value(EARTH_RADIUS_KM), output_field=FloatField())


def _near_filter(place: Place) -> Q:
    """A bounding box first, so an index on (latitude, longitude) narrows the rows to measure."""
    dlat = place.radius_km / 111.0
    dlon = place.radius_km / max(1.0, 111.0 * math.cos(math.radians(place.latitude)))
    return Q(
        latitude__gte=place.latitude - dlat,
        latitude__lte=place.latitude + dlat,
        longitude__gte=place.longitude - dlon,
        longitude__lte=place.longitude + dlon,
    )


def _open_schedules(now: datetime, zones: list[str]) -> Q:
    """Weekly schedules open at `now`, each read in its hub's own time zone: the same rules as
    the opening a page shows (`opening`), so a search for what is open agrees with the cards."""
    condition = Q(pk__in=[])
    for zone in zones:
        local = now.astimezone(ZoneInfo(zone))
        in_zone = Q(hub__timezone=zone) | Q(service__hub__timezone=zone)
        if zone == settings.TIME_ZONE:
            in_zone |= Q(hub__isnull=True, service__hub__isnull=True)
        condition |= (
            in_zone
            & _in_force_on(local.date())
            & Q(
                byday__contains=WEEKDAYS[local.weekday()],
                opens_at__lte=local.time(),
                closes_at__gt=local.time(),
            )
        )
    return condition & Q(freq__in=["", Schedule.Freq.WEEKLY])


def _in_force_on(day: date) -> Q:
    """Rules whose validity (when they state one) includes `day`: a holiday timetable ends."""
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


def _zones() -> list[str]:
    zones = set(Hub.objects.values_list("timezone", flat=True).distinct())
    zones.add(settings.TIME_ZONE)
    return sorted(zones)


def _place_filters(queryset: QuerySet[Any], criteria: SearchCriteria) -> QuerySet[Any]:
    if criteria.country is not None:
        queryset = queryset.filter(country=criteria.country)
    if criteria.municipality is not None:
        queryset = queryset.filter(municipality=criteria.municipality)
    if criteria.near is not None:
        queryset = (
            queryset.filter(_near_filter(criteria.near))
            .annotate(distance_km=_distance_km(criteria.near))
            .filter(distance_km__lte=criteria.near.radius_km)
        )
    return queryset


def service_search(criteria: SearchCriteria, now: datetime | None = None) -> QuerySet[Service]:
    """Public services matching need, place, language, "open now" and free text.

    Ordered by distance when a place is given, otherwise by name.
    """
    queryset: QuerySet[Service] = Service.objects.filter(
        status__in=PUBLIC_SERVICE_STATUSES
    ).exclude(hub__status=Hub.Status.CLOSED)
    if criteria.text:
        queryset = queryset.filter(text_filter(criteria.text))
    if criteria.need is not None:
        queryset = queryset.filter(
            Exists(Attribute.objects.filter(service=OuterRef("pk"), taxonomy_term=criteria.need))
        )
    if criteria.language:
        queryset = queryset.filter(
            Exists(Language.objects.filter(service=OuterRef("pk"), code=criteria.language))
            | Q(hub__languages__contains=f",{criteria.language},")
        )
    queryset = _place_filters(queryset, criteria)
    if criteria.open_now:
        open_schedules = Schedule.objects.filter(_open_schedules(now or timezone.now(), _zones()))
        queryset = queryset.filter(
            Exists(open_schedules.filter(service=OuterRef("pk")))
            | Exists(open_schedules.filter(hub=OuterRef("hub_id")))
        )
    # Without a place, the most recently verified listings come first.
    ordering = ("distance_km",) if criteria.near else ("-assured_date",)
    queryset = queryset.order_by(*ordering, "pk")
    return queryset.select_related("hub", "municipality", "country").prefetch_related(
        "translations",
        "hub__translations",
        # Each result shows its needs (service.needs reads the attributes).
        "attributes__taxonomy_term__translations",
        "attributes__taxonomy_term__taxonomy",
    )


def hub_search(criteria: SearchCriteria, now: datetime | None = None) -> QuerySet[Hub]:
    """Public hubs matching the criteria; a need matches hubs offering a service for it."""
    queryset = Hub.objects.filter(status__in=PUBLIC_HUB_STATUSES)
    if criteria.text:
        queryset = queryset.filter(
            text_filter(criteria.text)
            | Exists(Service.objects.filter(hub=OuterRef("pk")).filter(text_filter(criteria.text)))
        )
    if criteria.need is not None:
        queryset = queryset.filter(
            Exists(
                Attribute.objects.filter(service__hub=OuterRef("pk"), taxonomy_term=criteria.need)
            )
        )
    if criteria.language:
        queryset = queryset.filter(languages__contains=f",{criteria.language},")
    queryset = _place_filters(queryset, criteria)
    if criteria.open_now:
        open_schedules = Schedule.objects.filter(_open_schedules(now or timezone.now(), _zones()))
        queryset = queryset.filter(Exists(open_schedules.filter(hub=OuterRef("pk"))))
    queryset = (
        queryset.order_by("distance_km", "slug") if criteria.near else queryset.order_by("slug")
    )
    # Each card says whether the hub is open now (opening.hub_opening reads the schedules).
    return queryset.select_related("municipality", "country", "operator").prefetch_related(
        "translations", "country__translations", "schedules"
    )


def hub_by_slug(slug: str) -> Hub | None:
    return (
        Hub.objects.select_related("municipality", "country", "operator").filter(slug=slug).first()
    )


def with_listing_details(hub: Hub) -> Hub:
    """`hub` with what its public page and printed sheet show: texts, hours and contacts."""
    prefetch_related_objects([hub], "translations", "schedules__translations", "contacts")
    return hub


def services_of_hub(hub: Hub, *, include_hidden: bool = False) -> QuerySet[Service]:
    queryset = hub.services.all()
    if not include_hidden:
        queryset = queryset.filter(status__in=PUBLIC_SERVICE_STATUSES)
    return queryset.prefetch_related(
        "translations",
        "attributes__taxonomy_term__translations",
        "attributes__taxonomy_term__taxonomy",
        Prefetch("phones", queryset=Phone.objects.order_by("number")),
        "languages",
        "schedules__translations",
        "required_documents__translations",
        "cost_options__translations",
    ).order_by("pk")


def service_detail(pk: Any) -> Service | None:
    return (
        Service.objects.select_related("hub", "organization", "country", "municipality")
        .prefetch_related(
            "translations",
            "attributes__taxonomy_term__translations",
            "attributes__taxonomy_term__taxonomy",
            "phones",
            "languages",
            "schedules__translations",
            "required_documents__translations",
            "cost_options__translations",
            "service_areas",
            "contacts__phones",
        )
        .filter(pk=pk)
        .first()
    )


def hubs_kept_by(user: Actor) -> QuerySet[Hub]:
    """The hubs `user` may edit: their organisation's as hub staff, their countries' as reviewer."""
    queryset = Hub.objects.select_related("municipality", "country").prefetch_related(
        "translations"
    )
    if getattr(user, "is_superuser", False) and user.is_active:
        return queryset.order_by("country__code", "slug")
    role_set = user_role_set(user)
    operators = [
        organisation_id
        for organisation_id, roles in role_set.organisation_roles.items()
        if OrganisationRole.HUB_STAFF.value in roles
    ]
    countries = role_set.programme_countries.get(ProgrammeRole.REVIEWER.value, set())
    return queryset.filter(Q(operator__in=operators) | Q(country__in=countries)).order_by(
        "country__code", "slug"
    )


def published_pathways(
    *, country: Country | None = None, municipality: AdministrativeArea | None = None
) -> QuerySet[ReferralPathway]:
    queryset = ReferralPathway.objects.filter(is_published=True)
    if country is not None:
        queryset = queryset.filter(country=country)
    if municipality is not None:
        queryset = queryset.filter(Q(municipality=municipality) | Q(municipality__isnull=True))
    return queryset.select_related("country", "municipality").prefetch_related(
        "translations", "country__translations"
    )


def pathway_detail(slug: str) -> ReferralPathway | None:
    return (
        ReferralPathway.objects.filter(slug=slug, is_published=True)
        .select_related("country", "municipality")
        .prefetch_related(
            "translations",
            "steps__translations",
            "steps__services__translations",
            "steps__services__phones",
            "steps__services__hub__translations",
        )
        .first()
    )


def stale_listings_by_hub(today: Any = None) -> dict[Hub, list[Service | Hub]]:
    """Hubs and services whose last verification is older than six months (or never happened),
    or that have an open problem report from the public, grouped by hub, for the periodic
    reminder to hub staff."""
    today = today or timezone.localdate()
    threshold = today - STALE_AFTER
    reported = ListingReport.objects.filter(status=ListingReport.Status.OPEN)
    stale_q = Q(assured_date__isnull=True) | Q(assured_date__lt=threshold)
    grouped: dict[Hub, list[Service | Hub]] = {}
    hubs = Hub.objects.exclude(status=Hub.Status.CLOSED).prefetch_related("translations")
    hub_reported = Exists(reported.filter(hub=OuterRef("pk"), service__isnull=True))
    for hub in hubs.filter(stale_q | Q(hub_reported)):
        grouped.setdefault(hub, []).append(hub)
    service_reported = Exists(reported.filter(service=OuterRef("pk")))
    services = (
        Service.objects.filter(stale_q | Q(service_reported), hub__isnull=False)
        .exclude(status=Service.Status.DEFUNCT)
        .exclude(hub__status=Hub.Status.CLOSED)
        .select_related("hub")
        .prefetch_related("translations", "hub__translations")
    )
    for service in services:
        assert service.hub is not None  # noqa: S101  (filtered on hub above)
        grouped.setdefault(service.hub, []).append(service)
    return grouped


def listing_reports_for(user: Actor, *, status: str = "") -> QuerySet[ListingReport]:
    """The problem reports on the listings `user` keeps: their organisation's hubs and those
    hubs' services as hub staff, their countries' as reviewer, every one as platform admin."""
    reports = ListingReport.objects.select_related("hub", "service", "country", "handled_by")
    reports = reports.prefetch_related("hub__translations", "service__translations")
    if status:
        reports = reports.filter(status=status)
    if getattr(user, "is_superuser", False) and user.is_active:
        return reports
    role_set = user_role_set(user)
    operators = [
        organisation_id
        for organisation_id, roles in role_set.organisation_roles.items()
        if OrganisationRole.HUB_STAFF.value in roles
    ]
    countries = role_set.programme_countries.get(ProgrammeRole.REVIEWER.value, set())
    return reports.filter(Q(hub__operator__in=operators) | Q(country__in=countries))


def search_needs() -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.of("service-categories").prefetch_related("translations")


def search_countries() -> QuerySet[Country]:
    return Country.objects.filter(hubs__isnull=False).distinct().prefetch_related("translations")


def search_municipalities() -> QuerySet[AdministrativeArea]:
    return (
        AdministrativeArea.objects.filter(hubs__isnull=False).distinct().select_related("country")
    )


def without_place(criteria: SearchCriteria) -> SearchCriteria:
    return replace(criteria, country=None, municipality=None, near=None)


def hub_places(criteria: SearchCriteria) -> list[tuple[AdministrativeArea, int]]:
    """The municipalities with hubs matching `criteria` (whatever place it names), with how
    many, by name: the places a visitor chooses from after choosing a need."""
    counts = dict(
        hub_search(without_place(criteria))
        .order_by()
        .values_list("municipality")
        .annotate(hubs=Count("pk"))
    )
    areas = AdministrativeArea.objects.filter(pk__in=counts).order_by("name")
    return [(area, counts[area.pk]) for area in areas]


# What an empty search can let go of, in the order it is offered, and how.
RELAXATIONS: tuple[tuple[str, Any], ...] = (
    ("open_now", lambda c: replace(c, open_now=False) if c.open_now else None),
    ("need", lambda c: replace(c, need=None) if c.need is not None else None),
    ("place", lambda c: without_place(c) if without_place(c) != c else None),
    ("language", lambda c: replace(c, language="") if c.language else None),
    ("text", lambda c: replace(c, text="") if c.text else None),
)


def search_relaxations(criteria: SearchCriteria, now: datetime) -> dict[str, int]:
    """For a search that found no hub: each filter that emptied it, with how many hubs the same
    search finds without that one filter (filters whose removal finds nothing are left out)."""
    found = {}
    for name, relax in RELAXATIONS:
        relaxed = relax(criteria)
        if relaxed is not None and (count := hub_search(relaxed, now).count()):
            found[name] = count
    return found
