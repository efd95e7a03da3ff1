"""Reads of the regional community: its public directory and the growth figures shown there."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import QuerySet

from migralocal.core.models import Country, TaxonomyTerm
from migralocal.learning.models import CommunityProfile, Enrolment, LessonCompletion


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
