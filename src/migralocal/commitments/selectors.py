"""Reads of commitments: the public search behind the list, feed and exports, and the queue."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from migralocal.commitments.models import (
    PUBLIC_STATES,
    Commitment,
    ModerationState,
    ProgressUpdate,
)
from migralocal.core.models import Actor, Country, Organisation, TaxonomyTerm, User
from migralocal.core.selectors import user_role_set

VERIFIED = "verified"
NOT_VERIFIED = "not_verified"


@dataclass(frozen=True)
class CommitmentFilters:
    """What a reader asked for; the list, the feed and the exports share it."""

    text: str = ""
    country: Country | None = None
    theme: TaxonomyTerm | None = None
    objective: TaxonomyTerm | None = None
    sdg: TaxonomyTerm | None = None
    kind: str = ""
    status: str = ""
    verification: str = ""

    @classmethod
    def from_cleaned_data(cls, data: dict[str, Any]) -> CommitmentFilters:
        return cls(**{key: data.get(key) or default for key, default in _DEFAULTS.items()})


_DEFAULTS: dict[str, Any] = {
    "text": "",
    "country": None,
    "theme": None,
    "objective": None,
    "sdg": None,
    "kind": "",
    "status": "",
    "verification": "",
}


def _with_names(queryset: QuerySet[Commitment]) -> QuerySet[Commitment]:
    """What a row that shows only the title, organisation and country needs."""
    return queryset.select_related("organisation", "country").prefetch_related(
        "translations", "country__translations"
    )


def _with_relations(queryset: QuerySet[Commitment]) -> QuerySet[Commitment]:
    return _with_names(queryset).prefetch_related(
        "themes__translations",
        "objectives__translations",
        "sdgs__translations",
    )


def commitment_search(filters: CommitmentFilters) -> QuerySet[Commitment]:
    """Published entries only (never hidden or unmoderated ones), filtered as the reader asked."""
    queryset: QuerySet[Commitment] = Commitment.objects.published()
    if filters.text:
        matching_texts = Commitment._parler_meta.root_model.objects.filter(
            Q(title__icontains=filters.text)
            | Q(summary__icontains=filters.text)
            | Q(description__icontains=filters.text)
        ).values("master_id")
        queryset = queryset.filter(
            Q(pk__in=matching_texts)
            | Q(organisation__name__icontains=filters.text)
            | Q(organisation_name__icontains=filters.text)
        )
    if filters.country is not None:
        queryset = queryset.filter(country=filters.country)
    if filters.theme is not None:
        queryset = queryset.filter(themes=filters.theme)
    if filters.objective is not None:
        queryset = queryset.filter(objectives=filters.objective)
    if filters.sdg is not None:
        queryset = queryset.filter(sdgs=filters.sdg)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.verification == VERIFIED:
        queryset = queryset.filter(moderation_state=ModerationState.VERIFIED)
    elif filters.verification == NOT_VERIFIED:
        queryset = queryset.exclude(moderation_state=ModerationState.VERIFIED)
    return _with_relations(queryset).order_by("-published_at", "-pk")


def commitment_by_slug(slug: str) -> Commitment | None:
    return _with_relations(Commitment.objects.filter(slug=slug)).first()


def updates_of(commitment: Commitment) -> QuerySet[ProgressUpdate]:
    return commitment.updates.select_related("author").prefetch_related("translations")


def moderation_queue_for(user: User) -> QuerySet[Commitment]:
    """Entries waiting for a reviewer's decision in the countries `user` reviews (all, for
    admins): published but not verified, or hidden by readers' flags."""
    queryset: QuerySet[Commitment] = Commitment.objects.filter(
        Q(moderation_state=ModerationState.PENDING)
        | Q(is_hidden=True, moderation_state__in=PUBLIC_STATES)
    )
    queryset = _limit_to_reviewed_countries(queryset, user)
    return (
        _with_names(queryset)
        .annotate(open_flags=Count("flags", filter=Q(flags__is_open=True)))
        .order_by("-is_hidden", "published_at", "pk")
    )


def waiting_for_submitters(user: User) -> QuerySet[Commitment]:
    """Entries sent back for changes, in the reviewer's countries."""
    queryset = Commitment.objects.filter(moderation_state=ModerationState.CHANGES_REQUESTED)
    return _with_names(_limit_to_reviewed_countries(queryset, user)).order_by("updated_at")


def _limit_to_reviewed_countries(
    queryset: QuerySet[Commitment], user: User
) -> QuerySet[Commitment]:
    if user.is_active and user.is_superuser:
        return queryset
    countries = user_role_set(user).programme_countries.get("reviewer", set())
    return queryset.filter(country__in=countries)


def open_flag_count(commitment: Commitment) -> int:
    return commitment.flags.filter(is_open=True).count()


def own_public_organisation(user: Actor) -> Organisation | None:
    """The organisation a signed-in member most likely submits for: their first public one."""
    if not user.is_authenticated:
        return None
    return (
        Organisation.objects.filter(memberships__user=user, is_public=True)
        .order_by("memberships__pk")
        .first()
    )
