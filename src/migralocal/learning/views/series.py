"""The public page of an event series: its events and the form to follow it by e-mail."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from migralocal.learning import series as series_services
from migralocal.learning.views import page_of


def event_series(request: HttpRequest, slug: str) -> HttpResponse:
    series = series_services.public_series(slug)
    if series is None:
        raise Http404
    return render(
        request,
        "learning/event_series.html",
        {"series": series, "page": page_of(request, series_services.events_of(series))},
    )
