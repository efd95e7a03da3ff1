"""Reads of the assessment cycle: what a user may see, results, comparisons, rankings, plans."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from django.db.models import Q, QuerySet
from django.utils import timezone

from migralocal.assessments.models import (
    STAGE_ORDER,
    Action,
    Answer,
    Assessment,
    Certificate,
    Dimension,
    Gender,
    Question,
    Stage,
    WorkshopParticipant,
)
from migralocal.assessments.scoring import Results, assessment_results, rounded
from migralocal.core.models import Actor, Organisation
from migralocal.core.roles import OrganisationRole, ProgrammeRole
from migralocal.core.selectors import user_role_set


def assessments_visible_to(user: Actor) -> QuerySet[Assessment]:
    """Rounds of the user's own municipalities, and of the countries they review or manage."""
    queryset = Assessment.objects.select_related("organisation", "country", "framework")
    if user.is_superuser and user.is_active:
        return queryset
    roles = user_role_set(user)
    own = [
        organisation_id
        for organisation_id, held in roles.organisation_roles.items()
        if OrganisationRole.FOCAL_POINT.value in held
    ]
    countries: set[int] = set()
    for role in (ProgrammeRole.REVIEWER, ProgrammeRole.PROGRAMME_MANAGER):
        countries |= roles.programme_countries.get(role.value, set())
    return queryset.filter(Q(organisation_id__in=own) | Q(country_id__in=countries))


def municipalities_user_may_apply_for(user: Actor) -> list[Organisation]:
    if not user.is_authenticated:
        return []
    candidates = Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY)
    if not user.is_superuser:
        roles = user_role_set(user)
        candidates = candidates.filter(
            pk__in=[
                pk
                for pk, held in roles.organisation_roles.items()
                if OrganisationRole.FOCAL_POINT.value in held
            ]
        )
    return [o for o in candidates if user.has_perm("assessments.apply_for_certification", o)]


def stage_steps(assessment: Assessment) -> list[dict[str, Any]]:
    """The stages of the cycle with whether each is done, current or still to come."""
    index = STAGE_ORDER.index(assessment.stage_on_path)
    return [
        {
            "label": stage.label,
            "state": "done" if position < index else "current" if position == index else "todo",
        }
        for position, stage in enumerate(STAGE_ORDER)
    ]


def results_of(assessment: Assessment) -> Results:
    return assessment_results(assessment)


@dataclass
class Comparison:
    title: str
    current: float | None
    previous: float | None

    @property
    def change(self) -> float | None:
        if self.current is None or self.previous is None:
            return None
        return round(self.current - self.previous, 1)


def comparison_with_previous(assessment: Assessment, results: Results) -> list[Comparison]:
    """Dimension scores beside those of the previous round, matched by dimension code (the
    framework may have a newer version)."""
    if assessment.previous is None:
        return []
    before = assessment_results(assessment.previous).dimension_scores_by_code()
    return [
        Comparison(
            str(result.dimension),
            rounded(result.score),
            rounded(before.get(result.dimension.code)),
        )
        for result in results.dimensions
    ]


def gender_balance(participants: list[Any]) -> list[dict[str, Any]]:
    counts = Counter(participant.gender for participant in participants)
    total = len(participants) or 1
    return [
        {
            "label": gender.label,
            "count": counts.get(gender.value, 0),
            "percent": round(100 * counts.get(gender.value, 0) / total),
        }
        for gender in Gender
    ]


@dataclass
class RankedArea:
    dimension: Dimension
    score: float | None
    impact: float | None
    feasibility: float | None
    ratings: int

    @property
    def priority_index(self) -> float:
        """Mean impact times mean feasibility (1 to 25): what matters most and can be done."""
        if self.impact is None or self.feasibility is None:
            return 0.0
        return round(self.impact * self.feasibility, 1)


def ranked_areas(assessment: Assessment, results: Results | None = None) -> list[RankedArea]:
    """Areas with potential for development, ranked by participants' ratings of impact and
    feasibility, then by the lowest score."""
    results = results or assessment_results(assessment)
    ratings = list(assessment.ratings.all())
    ranked = []
    for result in results.with_potential:
        mine = [r for r in ratings if r.dimension_id == result.dimension.pk]
        impact = sum(r.impact for r in mine) / len(mine) if mine else None
        feasibility = sum(r.feasibility for r in mine) / len(mine) if mine else None
        ranked.append(
            RankedArea(
                result.dimension,
                rounded(result.score),
                round(impact, 1) if impact is not None else None,
                round(feasibility, 1) if feasibility is not None else None,
                len(mine),
            )
        )
    return sorted(ranked, key=lambda area: (-area.priority_index, area.score or 0))


def participants_of(assessment: Assessment) -> list[WorkshopParticipant]:
    workshop = getattr(assessment, "workshop", None)
    return list(workshop.participants.all()) if workshop else []


def actions_of(assessment: Assessment) -> QuerySet[Action]:
    return assessment.actions.select_related(
        "priority__dimension", "indicator", "recommendation__review_round"
    ).prefetch_related(
        "priority__dimension__translations",
        "indicator__translations",
        "reports",
        "engagement__translations",
    )


class Scheduled(Protocol):
    """What a timeline shows: something with a title, a start, an end and a way to be late (a
    work-plan action, an activity of a technical assistance plan)."""

    starts_on: datetime.date
    ends_on: datetime.date

    def is_overdue(self, today: datetime.date | None = None) -> bool: ...


@dataclass
class TimelineBar:
    item: Any
    offset: float
    width: float
    overdue: bool


def timeline(items: Sequence[Scheduled], today: datetime.date | None = None) -> dict[str, Any]:
    """Where each item sits between the first start and the last end, in percent: the work
    plan's actions, or a technical assistance plan's activities (the same include shows both,
    assessments/includes/timeline.html)."""
    today = today or timezone.localdate()
    if not items:
        return {"bars": [], "start": None, "end": None}
    start = min(item.starts_on for item in items)
    end = max(item.ends_on for item in items)
    span = max((end - start).days, 1)
    bars = [
        TimelineBar(
            item,
            round(100 * (item.starts_on - start).days / span, 1),
            max(round(100 * (item.ends_on - item.starts_on).days / span, 1), 1.5),
            item.is_overdue(today),
        )
        for item in items
    ]
    return {"bars": bars, "start": start, "end": end}


def plan_progress(actions: list[Action]) -> int | None:
    """The mean progress of the plan's actions, cancelled ones left out."""
    counted = [a.progress for a in actions if a.status != Action.Status.CANCELLED]
    return round(sum(counted) / len(counted)) if counted else None


def certificates(year: int | None = None) -> QuerySet[Certificate]:
    queryset = Certificate.objects.select_related(
        "assessment__organisation__municipality", "assessment__country"
    ).prefetch_related("assessment__country__translations")
    if year is not None:
        queryset = queryset.filter(year=year)
    return queryset.filter(assessment__organisation__is_public=True).order_by(
        "-year", "assessment__organisation__name"
    )


def certificate_years() -> list[int]:
    return list(Certificate.objects.order_by("-year").values_list("year", flat=True).distinct())


def latest_public_round(organisation: Organisation) -> Assessment | None:
    """The latest certified round of a public municipality: what its public summary shows."""
    return (
        Assessment.objects.filter(organisation=organisation, stage=Stage.CERTIFIED)
        .select_related("certificate", "framework")
        .order_by("-year")
        .first()
    )


def as_percent(value: Decimal | float | None) -> float | None:
    return None if value is None else float(value)


# Progress of the self-assessment ----------------------------------------------------------------

UNANSWERED = "unanswered"
WITHOUT_EVIDENCE = "without_evidence"


def answer_gap(question: Question, answer: Answer | None) -> str | None:
    """What keeps a question from counting as done: no answer, or the evidence it requires.
    Submission and the progress shown to the focal point both read this one rule."""
    if answer is None or not answer.is_given:
        return UNANSWERED
    if question.evidence_required and not answer.not_applicable and not answer.evidence.all():
        return WITHOUT_EVIDENCE
    return None


@dataclass(frozen=True)
class SectionProgress:
    """One section (dimension) of a round: how many of its questions are done, and what is
    missing."""

    dimension: Dimension
    questions: int
    unanswered: int
    without_evidence: int

    @property
    def done(self) -> int:
        return self.questions - self.unanswered - self.without_evidence

    @property
    def is_complete(self) -> bool:
        return self.done == self.questions

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.questions) if self.questions else 100


def section_progress(assessment: Assessment) -> list[SectionProgress]:
    """Every section of the round's framework, in order, with its questions done and missing."""
    answers = {
        answer.question_id: answer for answer in assessment.answers.prefetch_related("evidence")
    }
    gaps: dict[int, list[str | None]] = {}
    for question in Question.objects.filter(
        indicator__dimension__framework_id=assessment.framework_id
    ).select_related("indicator"):
        gap = answer_gap(question, answers.get(question.pk))
        gaps.setdefault(question.indicator.dimension_id, []).append(gap)
    return [
        SectionProgress(
            dimension,
            questions=len(gaps.get(dimension.pk, [])),
            unanswered=gaps.get(dimension.pk, []).count(UNANSWERED),
            without_evidence=gaps.get(dimension.pk, []).count(WITHOUT_EVIDENCE),
        )
        for dimension in assessment.framework.dimensions.prefetch_related("translations")
    ]


def next_section(
    progress: list[SectionProgress], current: Dimension | None = None
) -> SectionProgress | None:
    """Where to go on: the first incomplete section after `current` (wrapping round to the start),
    or simply the one after it when every section is complete; none after the last."""
    position = next(
        (index for index, one in enumerate(progress) if current and one.dimension.pk == current.pk),
        -1,
    )
    later = progress[position + 1 :] + progress[: max(position, 0)]
    incomplete = [one for one in later if not one.is_complete]
    if incomplete:
        return incomplete[0]
    following = progress[position + 1 : position + 2]
    return following[0] if following else None
