"""The diagnostic workshop of a validated assessment, and the priorities chosen there."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from migralocal.assessments.models import (
    Action,
    Assessment,
    Dimension,
    Priority,
    PriorityRating,
    Stage,
    Workshop,
    WorkshopParticipant,
)
from migralocal.assessments.scoring import assessment_results
from migralocal.assessments.services._common import move, require_stage
from migralocal.core.models import User
from migralocal.core.permissions import require


@transaction.atomic
def workshop_record(
    *,
    assessment: Assessment,
    user: User,
    held_on: datetime.date,
    facilitators: str,
    findings: str,
    participants: Iterable[dict[str, str]],
) -> Workshop:
    """Record the diagnostic workshop of a validated assessment, with its participants."""
    require(user, "assessments.record_workshop", assessment)
    require_stage(assessment, Stage.VALIDATED, Stage.WORKSHOP)
    participants = list(participants)
    if not participants:
        raise ValidationError({"participants": _("List at least one participant.")})
    workshop, _created = Workshop.objects.update_or_create(
        assessment=assessment,
        defaults={"held_on": held_on, "facilitators": facilitators, "findings": findings},
    )
    workshop.full_clean()
    workshop.participants.all().delete()
    for values in participants:
        participant = WorkshopParticipant(workshop=workshop, **values)
        participant.full_clean()
        participant.save()
    move(assessment, Stage.WORKSHOP)
    return workshop


def areas_with_potential(assessment: Assessment) -> list[Dimension]:
    return [result.dimension for result in assessment_results(assessment).with_potential]


@transaction.atomic
def priority_rate(
    *,
    assessment: Assessment,
    user: User,
    participant: WorkshopParticipant,
    dimension: Dimension,
    impact: int,
    feasibility: int,
) -> PriorityRating:
    """A participant's rating (entered by them or by the focal point) of one area with
    potential for development, for impact and feasibility from 1 to 5."""
    ratings = participant_ratings_record(
        assessment=assessment,
        user=user,
        participant=participant,
        ratings={dimension: (impact, feasibility)},
    )
    return ratings[0]


@transaction.atomic
def participant_ratings_record(
    *,
    assessment: Assessment,
    user: User,
    participant: WorkshopParticipant,
    ratings: Mapping[Dimension, tuple[int, int]],
) -> list[PriorityRating]:
    """One participant's ratings of the areas with potential for development, as (impact,
    feasibility) from 1 to 5 per area: all are saved, or none. The areas are scored once for
    the whole sheet."""
    require(user, "assessments.plan_assessment", assessment)
    require_stage(assessment, Stage.WORKSHOP)
    if participant.workshop.assessment_id != assessment.pk:
        raise ValidationError(_("This person did not take part in this workshop."))
    allowed = set(areas_with_potential(assessment))
    if any(dimension not in allowed for dimension in ratings):
        raise ValidationError(_("Only areas with potential for development are rated."))
    saved = []
    for dimension, (impact, feasibility) in ratings.items():
        rating, _created = PriorityRating.objects.update_or_create(
            assessment=assessment,
            participant=participant,
            dimension=dimension,
            defaults={"impact": impact, "feasibility": feasibility},
        )
        rating.full_clean()
        saved.append(rating)
    return saved


@transaction.atomic
def priorities_select(
    *, assessment: Assessment, user: User, dimensions: Sequence[Dimension]
) -> list[Priority]:
    """The municipality selects, in order, the areas its work plan will strengthen."""
    require(user, "assessments.plan_assessment", assessment)
    require_stage(assessment, Stage.WORKSHOP, Stage.PRIORITISED)
    if not dimensions:
        raise ValidationError(_("Select at least one priority."))
    allowed = set(areas_with_potential(assessment))
    if any(dimension not in allowed for dimension in dimensions):
        raise ValidationError(_("Only areas with potential for development can be priorities."))
    dropped = assessment.priorities.exclude(dimension__in=dimensions)
    if Action.objects.filter(priority__in=dropped).exists():
        raise ValidationError(_("A priority that already has actions cannot be removed."))
    dropped.delete()
    priorities = []
    for position, dimension in enumerate(dimensions):
        priority, _created = Priority.objects.update_or_create(
            assessment=assessment, dimension=dimension, defaults={"position": position}
        )
        priorities.append(priority)
    move(assessment, Stage.PRIORITISED)
    return priorities
