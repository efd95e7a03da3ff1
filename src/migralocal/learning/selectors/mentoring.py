"""Reads of mentoring: who sees which engagement, and the mentoring figures."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from migralocal.core.models import Actor, Organisation, User
from migralocal.core.roles import ProgrammeRole
from migralocal.core.selectors import user_role_set
from migralocal.learning.models import MentoringEngagement, MentoringRequest


def mentoring_visible_to(user: Actor) -> QuerySet[MentoringEngagement]:
    """The engagements a user is party to, or oversees as a programme manager in its country."""
    engagements = MentoringEngagement.objects.select_related(
        "mentor", "organisation", "organisation__country"
    ).prefetch_related("areas__translations", "organisation__country__translations")
    if user.is_superuser:
        return engagements
    role_set = user_role_set(user)
    return engagements.filter(
        Q(mentor=user)
        | Q(organisation__in=role_set.organisation_roles.keys())
        | Q(organisation__country__in=role_set.programme_countries.get("programme_manager", set()))
    )


def mentoring_in_programme_scope(user: Actor) -> QuerySet[MentoringEngagement]:
    """For figures: the user's own engagements and every one in the countries they cover."""
    if user.is_superuser:
        return MentoringEngagement.objects.select_related("organisation__country")
    return MentoringEngagement.objects.filter(
        Q(mentor=user) | Q(organisation__country__in=user_role_set(user).countries())
    ).select_related("organisation__country")


@dataclass
class MentoringFigures:
    organisations: int
    sessions: int
    hours: float
    by_area: list[tuple[str, int]]
    by_country: list[tuple[str, int]]


def mentoring_figures(engagements: QuerySet[MentoringEngagement]) -> MentoringFigures:
    """Organisations mentored in all, per area and per country (each organisation once)."""
    engagements = engagements.prefetch_related("areas__translations")
    by_area: dict[str, set[int]] = {}
    by_country: dict[str, set[int]] = {}
    for engagement in engagements:
        for area in engagement.areas.all():
            by_area.setdefault(str(area), set()).add(engagement.organisation_id)
        by_country.setdefault(str(engagement.organisation.country), set()).add(
            engagement.organisation_id
        )
    sessions = [
        minutes
        for (minutes,) in engagements.values_list("sessions__duration_minutes")
        if minutes is not None
    ]
    return MentoringFigures(
        organisations=len({engagement.organisation_id for engagement in engagements}),
        sessions=len(sessions),
        hours=round(sum(sessions) / 60, 1),
        by_area=sorted(((name, len(ids)) for name, ids in by_area.items()), key=lambda r: r[0]),
        by_country=sorted(
            ((name, len(ids)) for name, ids in by_country.items()), key=lambda r: r[0]
        ),
    )


def mentoring_requests_visible_to(user: Actor) -> QuerySet[MentoringRequest]:
    """Requests of the user's own organisations, and those a mentor or programme manager may
    answer in the countries they cover."""
    requests = MentoringRequest.objects.select_related(
        "organisation__country", "requested_by", "engagement"
    ).prefetch_related("areas__translations", "organisation__country__translations")
    if user.is_superuser:
        return requests
    role_set = user_role_set(user)
    answering = role_set.programme_countries.get(
        ProgrammeRole.MENTOR, set()
    ) | role_set.programme_countries.get(ProgrammeRole.PROGRAMME_MANAGER, set())
    return requests.filter(
        Q(organisation__in=role_set.organisation_roles.keys())
        | Q(organisation__country__in=answering)
    )


def mentors_for(organisation: Organisation) -> QuerySet[User]:
    """The people who may mentor `organisation`: mentors covering its country."""
    return (
        User.objects.filter(
            is_active=True,
            programme_assignments__role=ProgrammeRole.MENTOR,
            programme_assignments__countries=organisation.country_id,
        )
        .distinct()
        .order_by("first_name", "last_name", "email")
    )
