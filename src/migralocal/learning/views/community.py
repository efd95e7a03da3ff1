"""The community: a directory of member organisations by country and area of work."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from migralocal.core.public_cache import cached_figure, public_page
from migralocal.core.selectors import terms_of
from migralocal.learning import forms, selectors
from migralocal.learning.views import page_of


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
        },
    )
