"""The checks and the stage change every step of the assessment cycle shares."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from migralocal.assessments.models import Assessment
from migralocal.core.models import Actor, Organisation, User


class TransitionRefused(ValidationError):
    """The assessment is not in a stage where this can happen, or a condition is not met."""


def allow(user: Actor, permission: str, obj: Assessment | Organisation) -> User:
    """Refuse unless `user` holds `permission` on `obj`; return them as the signed-in person a
    write records. No cycle permission is granted to visitors, so they are refused too."""
    if not user.is_authenticated or not user.has_perm(permission, obj):
        raise PermissionDenied(_("You may not do this for this municipality."))
    return user


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
