"""Reads of technical assistance: which engagements a person sees, their recommendations
filtered, and what a government chose to publish."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from migralocal.advisory.models import Engagement, Instrument, PlanActivity, Recommendation
from migralocal.assessments.models import Action, Assessment, Stage
from migralocal.assessments.selectors import timeline
from migralocal.core.models import Actor
from migralocal.core.permissions import roles_of
from migralocal.core.roles import ProgrammeRole
from migralocal.learning.selectors.events import AttendanceFigures, attendance_figures


def visible_engagements(user: Actor) -> QuerySet[Engagement]:
    """Those the person advises or answers for, those of the programmes they manage, those in
    the countries they review; every one for platform admins; none for visitors."""
    engagements = Engagement.objects.select_related("organisation").prefetch_related(
        "translations", "programmes__translations"
    )
    if not user.is_authenticated:
        return engagements.none()
    if user.is_active and user.is_superuser:
        return engagements.all()
    reviewed = roles_of(user).programme_countries.get(ProgrammeRole.REVIEWER.value, set())
    return engagements.filter(
        Q(advisors=user)
        | Q(counterparts=user)
        | Q(programmes__managers=user)
        | Q(organisation__country__in=reviewed)
    ).distinct()


def engagement_by_slug(slug: str) -> Engagement | None:
    return (
        Engagement.objects.select_related("organisation")
        .prefetch_related("programmes__translations")
        .filter(slug=slug)
        .first()
    )


def instruments_of(engagement: Engagement) -> QuerySet[Instrument]:
    return engagement.instruments.prefetch_related("translations", "versions", "rounds")


@dataclass(frozen=True)
class RecommendationFilter:
    instrument: int | None = None
    round_number: int | None = None
    priority: str = ""
    response: str = ""
    theme: int | None = None


def recommendations_of(
    engagement: Engagement, chosen: RecommendationFilter | None = None
) -> QuerySet[Recommendation]:
    chosen = chosen or RecommendationFilter()
    rows = Recommendation.objects.filter(review_round__instrument__engagement=engagement)
    if chosen.instrument:
        rows = rows.filter(review_round__instrument_id=chosen.instrument)
    if chosen.round_number:
        rows = rows.filter(review_round__number=chosen.round_number)
    if chosen.priority:
        rows = rows.filter(priority=chosen.priority)
    if chosen.response:
        rows = rows.filter(response=chosen.response)
    if chosen.theme:
        rows = rows.filter(themes=chosen.theme)
    return (
        rows.select_related(
            "review_round__instrument", "review_round__version", "evidence_version", "responded_by"
        )
        .prefetch_related(
            "translations",
            "review_round__instrument__translations",
            "themes__translations",
        )
        .distinct()
        .order_by("review_round__instrument_id", "review_round__number", "number")
    )


@dataclass(frozen=True)
class Figures:
    instruments: int
    recommendations: int
    answered: int
    adopted: int

    @property
    def share_adopted(self) -> int | None:
        """Of the recommendations answered, the share accepted in full or in part (percent)."""
        return round(100 * self.adopted / self.answered) if self.answered else None


def figures_of(engagement: Engagement) -> Figures:
    rows = Recommendation.objects.filter(review_round__instrument__engagement=engagement)
    return Figures(
        instruments=engagement.instruments.count(),
        recommendations=rows.count(),
        answered=rows.exclude(response=Recommendation.Response.PENDING).count(),
        adopted=rows.filter(response__in=Recommendation.ADOPTED).count(),
    )


def published_engagements() -> QuerySet[Engagement]:
    return Engagement.objects.filter(publishes_adopted=True).select_related("organisation")


def adopted_recommendations(engagement: Engagement) -> QuerySet[Recommendation]:
    """What the public page shows: only once the government opted in, only those it adopted."""
    if not engagement.publishes_adopted:
        return Recommendation.objects.none()
    return recommendations_of(engagement).filter(response__in=Recommendation.ADOPTED)


# The technical assistance plan ---------------------------------------------------------------


def activities_of(engagement: Engagement) -> list[PlanActivity]:
    return list(
        engagement.activities.select_related("event").prefetch_related(
            "translations", "event__translations"
        )
    )


@dataclass(frozen=True)
class TrainingFigures:
    """A training of the plan and what its learning event counts: registered, attendees, and
    the attendees of each department by gender and mode."""

    activity: PlanActivity
    figures: AttendanceFigures


def trainings_of(activities: list[PlanActivity]) -> list[TrainingFigures]:
    return [
        TrainingFigures(activity, attendance_figures(activity.event.registrations.all()))
        for activity in activities
        if activity.event is not None
    ]


def plan_of(engagement: Engagement) -> dict[str, Any]:
    """The plan page's reads: its activities, their timeline (the work plan's, shared with the
    assessments), and the attendance of the trainings' events."""
    activities = activities_of(engagement)
    return {
        "activities": activities,
        "timeline": timeline(activities),
        "trainings": trainings_of(activities),
    }


# Joined to the assessment work plan ----------------------------------------------------------

# The stages at which a work plan takes new actions: while it is written, and once approved while
# it is monitored (a certified round goes on reporting progress).
WORK_PLAN_OPEN = (Stage.PRIORITISED, Stage.MONITORING, Stage.CERTIFIED)


def current_work_plan(engagement: Engagement) -> Assessment | None:
    """The government's latest assessment round, when its work plan takes new actions."""
    latest = (
        Assessment.objects.filter(organisation_id=engagement.organisation_id)
        .order_by("-year", "-pk")
        .first()
    )
    return latest if latest is not None and latest.stage in WORK_PLAN_OPEN else None


def actions_supported(engagement: Engagement) -> QuerySet[Action]:
    """The work-plan actions the engagement supports, with the recommendation each came from."""
    return engagement.work_plan_actions.select_related(
        "assessment", "recommendation__review_round__instrument"
    ).order_by("assessment__year", "starts_on", "pk")
