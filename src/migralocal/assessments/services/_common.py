"""The stage checks and the stage change every step of the assessment cycle shares (who may
take a step is checked with `core.permissions.require`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from migralocal.assessments.models import Assessment


class TransitionRefused(ValidationError):
    """The assessment is not in a stage where this can happen, or a condition is not met."""


def require_stage(assessment: Assessment, *stages: str) -> None:
    if assessment.stage not in stages:
        raise TransitionRefused(
            _("This cannot be done while the assessment is at the stage “%(stage)s”.")
            % {"stage": assessment.get_stage_display()}
        )


def move(assessment: Assessment, stage: str, **fields: Any) -> Assessment:
    assessment.stage = stage
    for name, value in fields.items():
        setattr(assessment, name, value)
    assessment.save()
    return assessment
