"""The community: a directory of member organisations by country and area of work."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from migralocal.core.public_cache import cached_figure, public_page
from migralocal.core.roles import OrganisationRole
from migralocal.core.selectors import memberships_of, terms_of
from migralocal.learning import forms, selectors
from migralocal.learning.views import page_of


def _own_organisations(request: HttpRequest) -> dict[str, Any]:
    """For a signed-in reader: the organisations they act for (to keep their profile, and
    their members where they administer them), and which cards are theirs."""
    if not request.user.is_authenticated:
        return {"own_memberships": [], "member_of": set()}
    own: dict[int, dict[str, Any]] = {}
    for membership in memberships_of(request.user):
        entry = own.setdefault(
            membership.organisation_id,
            {"organisation": membership.organisation, "administers": False},
        )
        if membership.role == OrganisationRole.ORGANISATION_ADMIN:
            entry["administers"] = True
    return {"own_memberships": list(own.values()), "member_of": set(own)}


@public_page("learning")
def community(request: HttpRequest) -> HttpResponse:
    form = forms.CommunityFilterForm(
        request.GET or None,
        countries=selectors.community_countries(),
        areas=terms_of("areas-of-work"),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    members, growth = cached_figure(["learning"], "community-growth", selectors.community_growth)
    return render(
        request,
        "learning/community.html",
        {
            "form": form,
            "page": page_of(
                request,
                selectors.community_directory(
                    country=filters.get("country"), area=filters.get("area")
                ),
            ),
            "members": members,
            "growth": growth,
            "sign_ups": cached_figure(
                ["learning"], "learner-sign-ups", selectors.learner_sign_ups_by_year
            ),
            **_own_organisations(request),
        },
    )
