"""The work plan: its actions, its submission and approval, and progress reported while it runs."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from migralocal.assessments.models import (
    Action,
    Assessment,
    Indicator,
    Priority,
    ProgressReport,
    Stage,
)
from migralocal.assessments.services._common import TransitionRefused, move, require_stage
from migralocal.core.models import User
from migralocal.core.permissions import require

if TYPE_CHECKING:
    from migralocal.advisory.models import Engagement


@transaction.atomic
def action_save(
    *,
    assessment: Assessment,
    user: User,
    priority: Priority,
    indicator: Indicator,
    title: str,
    owner: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    partners: str = "",
    budget: Decimal | None = None,
    status: str = Action.Status.PLANNED,
    progress: int = 0,
    action: Action | None = None,
    engagement: Engagement | None = None,
) -> Action:
    """Add or change an action of the work plan while it is being written; `engagement` is the
    technical assistance that supports it, given to the same government."""
    require(user, "assessments.plan_assessment", assessment)
    require_stage(assessment, Stage.PRIORITISED)
    if engagement is not None and engagement.organisation_id != assessment.organisation_id:
        raise ValidationError(
            {"engagement": _("Choose technical assistance given to this government.")}
        )
    if priority.assessment_id != assessment.pk:
        raise ValidationError(_("This priority belongs to another assessment."))
    if indicator.dimension_id != priority.dimension_id:
        raise ValidationError({"indicator": _("Choose an indicator of the priority's area.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end cannot be before the start.")})
    action = action or Action(assessment=assessment)
    if action.assessment_id != assessment.pk:
        raise ValidationError(_("This action belongs to another assessment."))
    for name, value in {
        "priority": priority,
        "indicator": indicator,
        "title": title,
        "owner": owner,
        "partners": partners,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "budget": budget,
        "status": status,
        "progress": progress,
        "engagement": engagement,
    }.items():
        setattr(action, name, value)
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def work_plan_submit(*, assessment: Assessment, user: User) -> Assessment:
    """The focal point submits the work plan once every priority has at least one action."""
    require(user, "assessments.plan_assessment", assessment)
    require_stage(assessment, Stage.PRIORITISED)
    if assessment.priorities.filter(actions__isnull=True).exists():
        raise TransitionRefused(_("Every priority needs at least one action."))
    return move(assessment, Stage.PLAN_SUBMITTED)


@transaction.atomic
def work_plan_return(*, assessment: Assessment, user: User, note: str) -> Assessment:
    """A reviewer returns the work plan for changes, saying what to change."""
    require(user, "assessments.approve_work_plan", assessment)
    require_stage(assessment, Stage.PLAN_SUBMITTED)
    if not note.strip():
        raise ValidationError({"note": _("Say what should change.")})
    return move(assessment, Stage.PRIORITISED, plan_note=note.strip())


@transaction.atomic
def work_plan_approve(*, assessment: Assessment, user: User) -> Assessment:
    """A reviewer approves the work plan; monitoring starts."""
    require(user, "assessments.approve_work_plan", assessment)
    require_stage(assessment, Stage.PLAN_SUBMITTED)
    return move(
        assessment, Stage.MONITORING, plan_approved_at=timezone.now(), plan_approved_by=user
    )


@transaction.atomic
def progress_report(
    *,
    action: Action,
    user: User,
    status: str,
    progress: int,
    note: str,
    reported_on: datetime.date | None = None,
) -> ProgressReport:
    """Report progress on an approved work plan's action; the action takes the new status."""
    assessment = action.assessment
    require(user, "assessments.plan_assessment", assessment)
    require_stage(assessment, Stage.MONITORING, Stage.CERTIFIED)
    report = ProgressReport(
        action=action,
        status=status,
        progress=progress,
        note=note,
        reported_by=user,
        reported_on=reported_on or timezone.localdate(),
    )
    report.full_clean()
    report.save()
    action.status = status
    action.progress = progress
    action.save(update_fields=["status", "progress"])
    return report
