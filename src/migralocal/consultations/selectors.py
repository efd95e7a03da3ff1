"""Reads of the consultation log: what a user may see, follow-ups, and the aggregate figures.

Aggregates count raw figures; whoever shows them outside the hub passes them through
`suppression` first (see `dashboard_figures`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from migralocal.consultations.models import (
    SITUATIONS_TAXONOMY,
    TOPICS_TAXONOMY,
    AgeBand,
    Channel,
    Consultation,
    Disability,
    Gender,
    PreferredLanguage,
    Referral,
)
from migralocal.core.models import Actor, AdministrativeArea, Country, TaxonomyTerm, User
from migralocal.core.public_cache import cached_figure
from migralocal.core.roles import OrganisationRole
from migralocal.core.selectors import user_role_set
from migralocal.directory.models import Hub, Service


def hubs_staffed_by(user: Actor) -> QuerySet[Hub]:
    """Hubs whose operator the user works for as hub staff (the directory's `hubs_kept_by` also
    counts reviewers, who must not read consultations)."""
    role_set = user_role_set(user)
    operators = [
        organisation_id
        for organisation_id, roles in role_set.organisation_roles.items()
        if OrganisationRole.HUB_STAFF.value in roles
    ]
    return (
        Hub.objects.filter(operator__in=operators)
        .exclude(status=Hub.Status.CLOSED)
        .select_related("country", "municipality")
        .prefetch_related("translations")
        .order_by("slug")
    )


def hubs_recordable_by(user: Actor) -> QuerySet[Hub]:
    """Hubs the user may record at: those they staff, or every open hub for a platform admin."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return (
            Hub.objects.exclude(status=Hub.Status.CLOSED)
            .select_related("country", "municipality")
            .prefetch_related("translations")
            .order_by("slug")
        )
    return hubs_staffed_by(user)


def consultations_visible_to(user: Actor) -> QuerySet[Consultation]:
    """The rule `consultations.view_consultation` as a query: the consultations of the hubs whose
    operator the user works for as hub staff (closed hubs too); every one for a platform admin."""
    consultations = Consultation.objects.select_related(
        "hub", "country", "municipality", "nationality", "migration_situation"
    ).prefetch_related("topics", "referrals")
    if getattr(user, "is_superuser", False) and user.is_active:
        return consultations
    operators = [
        organisation_id
        for organisation_id, roles in user_role_set(user).organisation_roles.items()
        if OrganisationRole.HUB_STAFF.value in roles
    ]
    return consultations.filter(hub__operator__in=operators)


def last_channel_of(user: User) -> str:
    """The channel of the user's last recorded consultation, the form's default."""
    channel = (
        Consultation.objects.filter(recorded_by=user)
        .order_by("-created_at", "-pk")
        .values_list("channel", flat=True)
        .first()
    )
    return channel or Channel.IN_PERSON


def consultations_of_hub(hub: Hub) -> QuerySet[Consultation]:
    return (
        Consultation.objects.filter(hub=hub)
        .select_related("migration_situation", "nationality")
        .prefetch_related("topics__translations", "referrals", "migration_situation__translations")
        .order_by("-date", "-pk")
    )


def consultation_detail(pk: int) -> Consultation | None:
    return (
        Consultation.objects.select_related("hub", "nationality", "migration_situation")
        .prefetch_related(
            "topics__translations",
            "referrals__service__translations",
            "referrals__events__by",
            "consents",
            "hub__translations",
        )
        .filter(pk=pk)
        .first()
    )


def referral_services(hub: Hub, text: str = "") -> QuerySet[Service]:
    """Services a hub may refer to: the active ones in the hub's country, matched by name, the
    hub's own first."""
    queryset = Service.objects.filter(country=hub.country_id).exclude(
        status__in=[Service.Status.DEFUNCT, Service.Status.INACTIVE]
    )
    if text:
        queryset = queryset.filter(translations__name__icontains=text).distinct()
    # Each suggestion names its hub and provider: two services of one name at different hubs
    # must be told apart before one is chosen.
    # The hub's own services come first: they are the ones most often referred to.
    return (
        queryset.select_related("hub", "organization")
        .prefetch_related("translations", "hub__translations")
        .annotate(elsewhere=Case(When(hub=hub, then=Value(0)), default=Value(1)))
        .order_by("elsewhere", "pk")
    )


@dataclass(frozen=True)
class FollowUps:
    overdue: QuerySet[Referral]
    due: QuerySet[Referral]


def follow_ups_of_hub(hub: Hub, today: date | None = None, *, horizon_days: int = 7) -> FollowUps:
    """Open referrals of the hub whose follow-up date has passed, or falls within `horizon_days`."""
    today = today or timezone.localdate()
    open_referrals = (
        Referral.objects.filter(consultation__hub=hub, status__in=Referral.OPEN_STATUSES)
        .select_related("consultation", "service")
        .prefetch_related("service__translations")
        .order_by("follow_up_on", "pk")
    )
    return FollowUps(
        overdue=open_referrals.filter(follow_up_on__lt=today),
        due=open_referrals.filter(
            follow_up_on__gte=today, follow_up_on__lte=today + timedelta(days=horizon_days)
        ),
    )


PENDING_ATTRIBUTE = "_pending_incoming_referrals"


def _receiving_operators(user: Actor) -> list[int]:
    return [
        organisation_id
        for organisation_id, roles in user_role_set(user).organisation_roles.items()
        if OrganisationRole.HUB_STAFF.value in roles
    ]


def incoming_referrals_of(user: Actor, *, status: str = "") -> QuerySet[Referral]:
    """Referrals made to the services of the hubs whose operator the user works for as hub
    staff (every referral for a platform admin), those still waiting for an answer first. They
    carry no identifying details: those are read apart, with consent, through a service."""
    referrals = Referral.objects.all()
    if not (getattr(user, "is_superuser", False) and user.is_active):
        referrals = referrals.filter(service__hub__operator__in=_receiving_operators(user))
    if status:
        referrals = referrals.filter(status=status)
    return (
        referrals.select_related("consultation__hub", "service__hub")
        .prefetch_related("service__translations", "consultation__hub__translations", "events__by")
        .annotate(waiting=Case(When(status=Referral.Status.MADE, then=Value(0)), default=Value(1)))
        .order_by("waiting", "-consultation__date", "-pk")
    )


def pending_incoming_count(user: Actor) -> int:
    """How many referrals to the user's organisations' services wait for an answer, for the
    menu: one query, kept on the user object for the rest of the request and in the shared cache
    until a consultation or referral changes (core/public_cache.py), so that most pages run
    none."""
    cached = getattr(user, PENDING_ATTRIBUTE, None)
    if cached is not None:
        return int(cached)
    operators = sorted(_receiving_operators(user)) if user.is_authenticated else []
    count = 0
    if operators:
        count = cached_figure(
            ["consultations"],
            "pending-incoming:" + ",".join(str(pk) for pk in operators),
            lambda: Referral.objects.filter(
                service__hub__operator__in=operators, status=Referral.Status.MADE
            ).count(),
        )
    setattr(user, PENDING_ATTRIBUTE, count)
    return count


# Aggregates ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """Which consultations a figure covers: one hub, one municipality or one country, one year."""

    year: int
    hub: Hub | None = None
    municipality_id: int | None = None
    country_id: int | None = None

    def months(self) -> list[date]:
        """The first day of each month the scope covers."""
        return [date(self.year, month, 1) for month in range(1, 13)]

    def filter(self) -> Q:
        condition = Q(date__gte=date(self.year, 1, 1), date__lte=date(self.year, 12, 31))
        if self.hub is not None:
            condition &= Q(hub=self.hub)
        if self.municipality_id is not None:
            condition &= Q(municipality_id=self.municipality_id)
        if self.country_id is not None:
            condition &= Q(country_id=self.country_id)
        return condition

    def counted(
        self, queryset: QuerySet[Any], field_name: str, place: str = "country_id"
    ) -> list[tuple[Any, Any]]:
        """How many of `queryset`'s rows (the scope's consultations, or rows of them: their
        topics, their referrals) have each value of `field_name`. `place` is the path from those
        rows to the consultation's country, for a scope that counts each country apart in the same
        query (the reports' results by country) and may select the rows through it."""
        return list(queryset.values_list(field_name).annotate(n=Count("pk")).order_by())


@dataclass(frozen=True)
class Breakdown:
    """Counts by category, every category listed (zeros included) in a fixed order."""

    key: str
    title: str
    labels: list[str]
    counts: list[int]
    # Each category's key, the same in every language (the labels are translated).
    keys: list[str] = field(default_factory=list)


def _keys(values: Iterable[Any]) -> list[str]:
    return ["" if value is None else str(value) for value in values]


def _ordered_counts(rows: Iterable[tuple[Any, int]], keys: list[Any]) -> list[int]:
    found = dict(rows)
    return [found.get(key, 0) for key in keys]


def consultations_in(scope: Scope) -> QuerySet[Consultation]:
    return Consultation.objects.filter(scope.filter())


def count_by_month(scope: Scope) -> Breakdown:
    rows = scope.counted(consultations_in(scope), "month")
    months = scope.months()
    return Breakdown(
        "month",
        str(_("Month")),
        [f"{month:%Y-%m}" for month in months],
        _ordered_counts(rows, months),
        [f"{month:%Y-%m}" for month in months],
    )


def count_by_choice(
    scope: Scope, field: str, title: str, choices: list[tuple[str, Any]]
) -> Breakdown:
    rows = scope.counted(consultations_in(scope), field)
    keys = [value for value, _label in choices]
    counts = _ordered_counts(rows, keys)
    return Breakdown(field, title, [str(label) for _value, label in choices], counts, _keys(keys))


def _terms(taxonomy_code: str) -> list[TaxonomyTerm]:
    return list(TaxonomyTerm.objects.of(taxonomy_code).prefetch_related("translations"))


def count_by_topic(scope: Scope) -> Breakdown:
    """Consultations asking about each topic (one consultation may ask about several)."""
    terms = _terms(TOPICS_TAXONOMY)
    rows = scope.counted(
        Consultation.topics.through.objects.filter(
            consultation__in=consultations_in(scope).values("pk")
        ),
        "taxonomyterm_id",
        place="consultation__country_id",
    )
    return Breakdown(
        "topic",
        str(_("Topic")),
        [str(term) for term in terms],
        _ordered_counts(rows, [t.pk for t in terms]),
        _keys(t.pk for t in terms),
    )


def count_by_situation(scope: Scope) -> Breakdown:
    terms = _terms(SITUATIONS_TAXONOMY)
    rows = scope.counted(consultations_in(scope), "migration_situation_id")
    keys: list[int | None] = [term.pk for term in terms]
    return Breakdown(
        "migration_situation",
        str(_("Migration situation")),
        [str(term) for term in terms] + [str(_("Not stated"))],
        _ordered_counts(rows, [*keys, None]),
        _keys([*keys, None]),
    )


def count_by_nationality(scope: Scope) -> Breakdown:
    rows = scope.counted(consultations_in(scope), "nationality_id")
    countries = {
        country.pk: str(country)
        for country in Country.objects.filter(
            pk__in=[pk for pk, _n in rows if pk]
        ).prefetch_related("translations")
    }
    keys: list[int | None] = sorted(countries, key=lambda pk: countries[pk])
    return Breakdown(
        "nationality",
        str(_("Nationality")),
        [countries[pk] for pk in keys if pk] + [str(_("Not stated"))],
        _ordered_counts(rows, [*keys, None]),
        _keys([*keys, None]),
    )


def referral_counts(scope: Scope) -> Breakdown:
    rows = scope.counted(
        Referral.objects.filter(consultation__in=consultations_in(scope).values("pk")),
        "status",
        place="consultation__country_id",
    )
    keys = [value for value, _label in Referral.Status.choices]
    return Breakdown(
        "referral_status",
        str(_("Referral status")),
        [str(label) for _value, label in Referral.Status.choices],
        _ordered_counts(rows, keys),
        _keys(keys),
    )


def count_by_hub(scope: Scope) -> Breakdown:
    rows = scope.counted(consultations_in(scope), "hub_id")
    hubs_in_scope = Hub.objects.all()
    if scope.country_id is not None:
        hubs_in_scope = hubs_in_scope.filter(country_id=scope.country_id)
    if scope.municipality_id is not None:
        hubs_in_scope = hubs_in_scope.filter(municipality_id=scope.municipality_id)
    hubs = list(hubs_in_scope.prefetch_related("translations").order_by("slug"))
    return Breakdown(
        "hub",
        str(_("Hub")),
        [str(hub) for hub in hubs],
        _ordered_counts(rows, [h.pk for h in hubs]),
        _keys(h.pk for h in hubs),
    )


# Each breakdown a dashboard shows, by key, in the order it shows them, with its title: fixed, so
# that a reader may name a breakdown's title without counting it.
BREAKDOWN_TITLES: dict[str, Promise] = {
    "month": gettext_lazy("Month"),
    "topic": gettext_lazy("Topic"),
    "channel": gettext_lazy("Channel"),
    "gender": gettext_lazy("Gender"),
    "age_band": gettext_lazy("Age band"),
    "nationality": gettext_lazy("Nationality"),
    "migration_situation": gettext_lazy("Migration situation"),
    "disability": gettext_lazy("Disability"),
    "preferred_language": gettext_lazy("Preferred language"),
    "referral_status": gettext_lazy("Referral status"),
}


def _counting(key: str) -> Callable[[Scope], Breakdown]:
    choices: dict[str, list[tuple[Any, Any]]] = {
        "channel": list(Channel.choices),
        "gender": list(Gender.choices),
        "age_band": list(AgeBand.choices),
        "disability": list(Disability.choices),
        "preferred_language": [*PreferredLanguage.choices, ("", _("Not stated"))],
    }
    if key in choices:
        return lambda scope: count_by_choice(scope, key, str(BREAKDOWN_TITLES[key]), choices[key])
    return {
        "month": count_by_month,
        "topic": count_by_topic,
        "nationality": count_by_nationality,
        "migration_situation": count_by_situation,
        "referral_status": referral_counts,
    }[key]


def breakdowns(
    scope: Scope, *, by_hub: bool = False, only: Collection[str] | None = None
) -> list[Breakdown]:
    """Every breakdown a dashboard shows, in the order it shows them; `only`: just the
    breakdowns of those keys (a reader that shows a few figures), each counted as in the whole."""
    listed = [_counting(key)(scope) for key in BREAKDOWN_TITLES if only is None or key in only]
    if by_hub:
        listed.insert(1, count_by_hub(scope))
    return listed


def countries_with_figures_for(user: Actor) -> QuerySet[Country]:
    """The countries with hubs whose figures (aggregated, suppressed) `user` may read."""
    with_hubs = Country.objects.filter(Exists(Hub.objects.filter(country=OuterRef("pk"))))
    readable = [
        country.pk
        for country in with_hubs
        if user.has_perm("consultations.view_aggregates", country)
    ]
    return with_hubs.filter(pk__in=readable).prefetch_related("translations")


def municipalities_with_hubs(country: Country | None) -> QuerySet[AdministrativeArea]:
    """The municipalities of `country` that have a hub, for a figures page's choice."""
    if country is None:
        return AdministrativeArea.objects.none()
    return AdministrativeArea.objects.filter(
        Exists(Hub.objects.filter(municipality=OuterRef("pk"), country=country))
    ).select_related("country")


def years_with_consultations() -> list[int]:
    today = timezone.localdate()
    first = Consultation.objects.order_by("date").values_list("date", flat=True).first()
    return list(range(today.year, (first.year if first else today.year) - 1, -1))
