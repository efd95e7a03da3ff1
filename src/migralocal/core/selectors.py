"""Reads of the core domain: roles of a user, public counts, organisations one may see."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from migralocal.core.models import (
    Actor,
    AdministrativeArea,
    ApiToken,
    Country,
    Membership,
    Organisation,
    ProgrammeAssignment,
    TaxonomyTerm,
    User,
)
from migralocal.core.role_cache import cached_roles
from migralocal.core.roles import OrganisationRole

ROLE_CACHE_ATTRIBUTE = "_migralocal_role_set"


@dataclass(frozen=True)
class RoleSet:
    """Everything a user may act as: organisation roles by organisation, programme countries."""

    organisation_roles: dict[int, set[str]] = field(default_factory=dict)
    programme_countries: dict[str, set[int]] = field(default_factory=dict)

    def countries(self) -> set[int]:
        return set().union(*self.programme_countries.values())


def user_role_set(user: Actor) -> RoleSet:
    """The roles of `user`, read once per user object (that is, once per request), and from the
    shared cache while no role has changed (`role_cache`)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return RoleSet()
    cached = getattr(user, ROLE_CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    role_set = cached_roles(user.pk, lambda: _read_role_set(user))
    setattr(user, ROLE_CACHE_ATTRIBUTE, role_set)
    return role_set


def _read_role_set(user: User) -> RoleSet:
    organisation_roles: dict[int, set[str]] = defaultdict(set)
    for organisation_id, role in (
        Membership.objects.filter(user=user).order_by().values_list("organisation_id", "role")
    ):
        organisation_roles[organisation_id].add(role)
    programme_countries: dict[str, set[int]] = defaultdict(set)
    for role, country_id in (
        ProgrammeAssignment.objects.filter(user=user).order_by().values_list("role", "countries")
    ):
        if country_id is not None:
            programme_countries[role].add(country_id)
    return RoleSet(dict(organisation_roles), dict(programme_countries))


def forget_user_roles(user: User) -> None:
    """Drop the cached roles after a change of memberships."""
    if hasattr(user, ROLE_CACHE_ATTRIBUTE):
        delattr(user, ROLE_CACHE_ATTRIBUTE)


def platform_counts() -> dict[str, int]:
    """Live figures for the home page: public organisations, the municipal governments among
    them, and the countries they are in."""
    public = Organisation.objects.filter(is_public=True)
    return {
        "organisations": public.count(),
        "municipalities": public.filter(kind=Organisation.Kind.MUNICIPALITY)
        .values("municipality")
        .distinct()
        .count(),
        "countries": Country.objects.filter(organisations__is_public=True).distinct().count(),
    }


def organisations_visible_to(user: Actor) -> QuerySet[Organisation]:
    """Public organisations, plus those the user belongs to or covers for a programme."""
    queryset = Organisation.objects.all()
    if getattr(user, "is_superuser", False) and user.is_active:
        return queryset
    role_set = user_role_set(user)
    return queryset.filter(
        Q(is_public=True)
        | Q(pk__in=role_set.organisation_roles.keys())
        | Q(country__in=role_set.countries())
    )


def organisation_search(
    *,
    user: Actor,
    text: str = "",
    country: Country | None = None,
    kind: str = "",
    area_of_work: TaxonomyTerm | None = None,
) -> QuerySet[Organisation]:
    """Organisations the user may see, filtered by name, country, kind and area of work."""
    queryset = organisations_visible_to(user)
    if text:
        queryset = queryset.filter(Q(name__icontains=text) | Q(acronym__icontains=text))
    if country is not None:
        queryset = queryset.filter(country=country)
    if kind:
        queryset = queryset.filter(kind=kind)
    if area_of_work is not None:
        queryset = queryset.filter(areas_of_work=area_of_work)
    return queryset.select_related("country", "municipality").prefetch_related(
        "country__translations", "translations"
    )


def countries_with_organisations() -> QuerySet[Country]:
    return (
        Country.objects.annotate(organisation_count=Count("organisations"))
        .filter(organisation_count__gt=0)
        .prefetch_related("translations")
    )


def programme_countries_of(user: Actor) -> QuerySet[Country]:
    """The countries a user covers for a programme; platform admins cover them all."""
    countries = Country.objects.prefetch_related("translations")
    if user.is_superuser:
        return countries
    return countries.filter(pk__in=user_role_set(user).countries())


def terms_of(taxonomy_code: str) -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.of(taxonomy_code).prefetch_related("translations")


def memberships_of(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related(
        "organisation", "organisation__country"
    )


def members_of(organisation: Organisation) -> QuerySet[Membership]:
    return Membership.objects.filter(organisation=organisation).select_related("user")


def programme_assignments_of(user: User) -> QuerySet[ProgrammeAssignment]:
    return ProgrammeAssignment.objects.filter(user=user).prefetch_related("countries__translations")


def has_api_token(user: User) -> bool:
    return ApiToken.objects.filter(user=user).exists()


def api_token_of(user: User) -> ApiToken | None:
    """The user's API token, working or not (a password change stops it; the page says so)."""
    return ApiToken.objects.filter(user=user).select_related("user").first()


def focal_point_places(user: Actor) -> QuerySet[AdministrativeArea]:
    """The places of the municipalities `user` is focal point for: the figures pages show them
    these places' figures, protected as for anyone outside their hubs."""
    held = user_role_set(user).organisation_roles
    ids = [pk for pk, roles in held.items() if OrganisationRole.FOCAL_POINT.value in roles]
    return (
        AdministrativeArea.objects.filter(
            organisations__pk__in=ids, organisations__kind=Organisation.Kind.MUNICIPALITY
        )
        .select_related("country")
        .distinct()
        .order_by("name")
    )
