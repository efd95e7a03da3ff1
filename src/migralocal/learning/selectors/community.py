"""Reads of the regional community: its public directory and the growth figures shown there."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Case, Q, QuerySet, Value, When

from migralocal.core.models import Actor, Country, Membership, Organisation, TaxonomyTerm, User
from migralocal.core.permissions import roles_of
from migralocal.core.roles import ProgrammeRole
from migralocal.learning.models import (
    CommunityProfile,
    Decision,
    Enrolment,
    JoinRequest,
    LessonCompletion,
    OrganisationApplication,
)


def community_directory(
    *, country: Country | None = None, area: TaxonomyTerm | None = None
) -> QuerySet[CommunityProfile]:
    """Member organisations that chose a public profile, filtered by country and area of work."""
    profiles = CommunityProfile.objects.filter(organisation__is_public=True)
    if country is not None:
        profiles = profiles.filter(organisation__country=country)
    if area is not None:
        profiles = profiles.filter(organisation__areas_of_work=area)
    return profiles.select_related("organisation", "organisation__country").prefetch_related(
        "translations",
        "organisation__country__translations",
        "organisation__areas_of_work__translations",
    )


def community_countries() -> QuerySet[Country]:
    return (
        Country.objects.filter(organisations__community_profile__isnull=False)
        .distinct()
        .prefetch_related("translations")
    )


def community_growth() -> tuple[int, list[tuple[int, int, int]]]:
    """All members (public or not) and, per year, those who joined and the running total."""
    by_year = Counter(
        joined.year for joined in CommunityProfile.objects.values_list("joined_on", flat=True)
    )
    running = 0
    rows = []
    for year in sorted(by_year):
        running += by_year[year]
        rows.append((year, by_year[year], running))
    return running, rows


def learner_sign_ups_by_year() -> list[tuple[int, int]]:
    """People who enrolled in a course for the first time, per year."""
    first: dict[int, dt.datetime] = {}
    for user_id, enrolled_at in Enrolment.objects.values_list("user_id", "enrolled_at"):
        if user_id not in first or enrolled_at < first[user_id]:
            first[user_id] = enrolled_at
    counts = Counter(moment.year for moment in first.values())
    return sorted(counts.items())


def lesson_completions_count() -> int:
    return LessonCompletion.objects.count()


def community_applications_visible_to(user: Actor) -> QuerySet[OrganisationApplication]:
    """Applications to join the community: platform admins see all, reviewers those of their
    countries, and everyone their own; waiting ones first."""
    applications = OrganisationApplication.objects.select_related("country").prefetch_related(
        "country__translations"
    )
    if not (user.is_active and user.is_superuser):
        countries = roles_of(user).programme_countries.get(ProgrammeRole.REVIEWER.value, set())
        applications = applications.filter(Q(applicant_id=user.pk) | Q(country_id__in=countries))
    pending_first = Case(When(status=Decision.PENDING, then=Value(0)), default=Value(1))
    return applications.order_by(pending_first, "-created_at", "-pk")


def organisations_to_link(application: OrganisationApplication) -> QuerySet[Organisation]:
    """The organisations of the application's country an approval may link instead of creating
    a new one."""
    return Organisation.objects.filter(country_id=application.country_id).order_by("name")


def join_requests_of(organisation: Organisation) -> QuerySet[JoinRequest]:
    return (
        JoinRequest.objects.filter(organisation=organisation, status=Decision.PENDING)
        .select_related("user")
        .order_by("created_at", "pk")
    )


def members_with_roles(organisation: Organisation) -> list[tuple[User, list[Membership]]]:
    """Each member of the organisation with the memberships (one per role) they hold."""
    people: dict[int, tuple[User, list[Membership]]] = {}
    for membership in (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__email", "role")
    ):
        people.setdefault(membership.user_id, (membership.user, []))[1].append(membership)
    return list(people.values())
