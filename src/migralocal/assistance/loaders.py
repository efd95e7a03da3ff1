"""The records an address names, loaded for `permission_required`: 404 when there is none or
when the user may not know that it exists."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from migralocal.assistance import selectors
from migralocal.assistance.models import CashProgramme, DuplicatePair, Household


def programme_for(request: HttpRequest, slug: str) -> CashProgramme:
    programme = selectors.programme_by_slug(slug)
    if programme is None or not request.user.has_perm("assistance.view_cashprogramme", programme):
        raise Http404
    return programme


def household_for(request: HttpRequest, slug: str, pk: int) -> Household:
    household = (
        Household.objects.select_related("programme__operator", "municipality")
        .filter(programme__slug=slug, pk=pk)
        .first()
    )
    if household is None or not request.user.has_perm(
        "assistance.view_cashprogramme", household.programme
    ):
        raise Http404
    return household


def pair_for(request: HttpRequest, slug: str, pk: int) -> DuplicatePair:
    pair = (
        DuplicatePair.objects.select_related("programme__operator")
        .filter(programme__slug=slug, pk=pk)
        .first()
    )
    if pair is None or not request.user.has_perm("assistance.view_cashprogramme", pair.programme):
        raise Http404
    return pair
