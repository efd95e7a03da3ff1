"""Reads of programmes: which ones a person may see, and what belongs to each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from parler.models import TranslatableModel

from migralocal.core.models import Actor
from migralocal.programmes.models import ACTIVITY_KINDS, ActivityKind, Programme, model_of


def visible_programmes(user: Actor) -> QuerySet[Programme]:
    """Public programmes for everyone; private ones for their managers and platform admins."""
    programmes = Programme.objects.prefetch_related("translations", "countries__translations")
    if user.is_active and user.is_superuser:
        return programmes.all()
    if user.is_authenticated:
        return programmes.filter(Q(is_public=True) | Q(managers=user)).distinct()
    return programmes.filter(is_public=True)


def programme_by_slug(slug: str) -> Programme | None:
    return Programme.objects.filter(slug=slug).first()


@dataclass(frozen=True)
class Belonging:
    """One kind of activity of a programme: its label, how many, and the first few."""

    code: str
    label: Promise
    count: int
    items: list[Any]


SHOWN_PER_KIND = 20


def _for_listing(kind: ActivityKind, rows: QuerySet[Any]) -> QuerySet[Any]:
    """What each row's name reads, fetched with the rows rather than one query per row."""
    model = model_of(kind)
    if issubclass(model, TranslatableModel):
        rows = rows.prefetch_related("translations")
    if kind.code == "mentoring_engagements":
        rows = rows.select_related("organisation", "mentor")
    elif kind.code == "assessments":
        rows = rows.select_related("organisation")
    return rows


def what_belongs(programme: Programme) -> list[Belonging]:
    result = []
    for kind in ACTIVITY_KINDS:
        related = _for_listing(kind, getattr(programme, kind.field).all())
        result.append(
            Belonging(kind.code, kind.label, related.count(), list(related[:SHOWN_PER_KIND]))
        )
    return result


CANDIDATES_SHOWN = 50


def candidates(programme: Programme, kind: ActivityKind, query: str = "") -> QuerySet[Any]:
    """The activities of `kind` that may belong to the programme (in its countries), matching
    `query`: what the membership page offers to choose from."""
    rows = model_of(kind)._default_manager.all()
    if kind.country_path is not None:
        rows = rows.filter(**{f"{kind.country_path}__in": programme.countries.all()})
    if query:
        condition = Q()
        for path in kind.search_paths:
            condition |= Q(**{f"{path}__icontains": query})
        rows = rows.filter(condition)
    return _for_listing(kind, rows.distinct().order_by("pk"))
