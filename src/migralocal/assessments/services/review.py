"""Review of a submitted self-assessment: comments, return for changes, validation."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from migralocal.assessments.models import Answer, Assessment, ReviewComment, Stage
from migralocal.assessments.services._common import move, require_stage
from migralocal.core.models import User
from migralocal.core.permissions import require


@transaction.atomic
def review_comment_add(*, answer: Answer, user: User, text: str) -> ReviewComment:
    """A reviewer comments on one answer of a submitted assessment."""
    require(user, "assessments.review_assessment", answer.assessment)
    require_stage(answer.assessment, Stage.SUBMITTED)
    if not text.strip():
        raise ValidationError({"text": _("Write a comment.")})
    return ReviewComment.objects.create(answer=answer, author=user, text=text.strip())


@transaction.atomic
def assessment_return(*, assessment: Assessment, user: User, note: str) -> Assessment:
    """A reviewer sends a submitted assessment back for changes, saying what to change."""
    require(user, "assessments.review_assessment", assessment)
    require_stage(assessment, Stage.SUBMITTED)
    if not note.strip():
        raise ValidationError({"note": _("Say what should change.")})
    return move(assessment, Stage.RETURNED, review_note=note.strip())


@transaction.atomic
def assessment_validate(*, assessment: Assessment, user: User) -> Assessment:
    """A reviewer validates a submitted assessment; its results become final."""
    require(user, "assessments.review_assessment", assessment)
    require_stage(assessment, Stage.SUBMITTED)
    return move(assessment, Stage.VALIDATED, validated_at=timezone.now(), validated_by=user)
