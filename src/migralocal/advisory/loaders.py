"""The records an address names, loaded for `permission_required`: 404 when there is none or
when the user may not know that it exists (an engagement they do not see)."""

from __future__ import annotations

from django.db.models import Model
from django.http import Http404, HttpRequest

from migralocal.advisory import selectors
from migralocal.advisory.models import (
    Engagement,
    EngagementDocument,
    Instrument,
    InstrumentVersion,
    PlanActivity,
    Recommendation,
    ReviewRound,
)


def _visible(request: HttpRequest, record: Model | None) -> None:
    if record is None or not request.user.has_perm("advisory.view_engagement", record):
        raise Http404


def engagement_for(request: HttpRequest, slug: str) -> Engagement:
    engagement = selectors.engagement_by_slug(slug)
    _visible(request, engagement)
    assert engagement is not None  # noqa: S101  (for mypy)
    return engagement


def published_engagement_for(request: HttpRequest, slug: str) -> Engagement:
    engagement = selectors.published_engagements().filter(slug=slug).first()
    if engagement is None:
        raise Http404
    return engagement


def instrument_for(request: HttpRequest, pk: int) -> Instrument:
    instrument = Instrument.objects.select_related("engagement__organisation").filter(pk=pk).first()
    _visible(request, instrument)
    assert instrument is not None  # noqa: S101
    return instrument


def document_for(request: HttpRequest, pk: int) -> EngagementDocument:
    document = EngagementDocument.objects.select_related("engagement").filter(pk=pk).first()
    _visible(request, document)
    assert document is not None  # noqa: S101
    return document


def version_for(request: HttpRequest, pk: int) -> InstrumentVersion:
    version = (
        InstrumentVersion.objects.select_related("instrument__engagement").filter(pk=pk).first()
    )
    _visible(request, version)
    assert version is not None  # noqa: S101
    return version


def round_for(request: HttpRequest, pk: int) -> ReviewRound:
    review_round = (
        ReviewRound.objects.select_related("instrument__engagement").filter(pk=pk).first()
    )
    _visible(request, review_round)
    assert review_round is not None  # noqa: S101
    return review_round


def recommendation_for(request: HttpRequest, pk: int) -> Recommendation:
    recommendation = (
        Recommendation.objects.select_related("review_round__instrument__engagement")
        .filter(pk=pk)
        .first()
    )
    _visible(request, recommendation)
    assert recommendation is not None  # noqa: S101
    return recommendation


def activity_for(request: HttpRequest, pk: int) -> PlanActivity:
    activity = (
        PlanActivity.objects.select_related("engagement__organisation", "event")
        .filter(pk=pk)
        .first()
    )
    _visible(request, activity)
    assert activity is not None  # noqa: S101
    return activity
