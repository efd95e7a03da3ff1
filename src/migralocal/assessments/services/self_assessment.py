"""The self-assessment: answers, their evidence, and submitting the whole for review."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from migralocal.assessments.models import Answer, Assessment, Evidence, Question, Stage
from migralocal.assessments.selectors import UNANSWERED, WITHOUT_EVIDENCE, answer_gap
from migralocal.assessments.services._common import TransitionRefused, move, require_stage
from migralocal.assessments.uploads import check_evidence
from migralocal.core.models import User
from migralocal.core.permissions import require


class AnswerConflict(ValidationError):
    """Someone else saved this answer after it was opened: the newer answer is kept."""

    def __init__(self, current: Answer) -> None:
        super().__init__(
            _(
                "Someone else changed this answer while you were editing it. Their answer is "
                "shown now; check it and save again if yours should replace it."
            )
        )
        self.current = current


def _clean_answer_value(
    question: Question,
    *,
    not_applicable: bool,
    choice: str,
    choices: Sequence[str],
    number: Decimal | None,
    date: datetime.date | None,
    text: str,
) -> dict[str, Any]:
    empty: dict[str, Any] = {"choice": "", "choices": [], "number": None, "date": None, "text": ""}
    if not_applicable:
        if not question.allows_not_applicable:
            raise ValidationError(_("“Not applicable” is not allowed for this question."))
        return {**empty, "not_applicable": True}
    value = {**empty, "not_applicable": False}
    option_codes = {option.code for option in question.options.all()}
    kind = question.kind
    if kind == Question.Kind.YES_NO_PARTLY:
        if choice and choice not in {"yes", "no", "partly"}:
            raise ValidationError(_("Choose yes, no or partly."))
        value["choice"] = choice
    elif kind == Question.Kind.SINGLE_CHOICE:
        if choice and choice not in option_codes:
            raise ValidationError(_("Choose one of the options."))
        value["choice"] = choice
    elif kind == Question.Kind.MULTIPLE_CHOICE:
        unknown = set(choices) - option_codes
        if unknown:
            raise ValidationError(_("Choose among the options."))
        value["choices"] = sorted(set(choices))
    elif kind == Question.Kind.NUMBER:
        if number is not None and number < 0:
            raise ValidationError(_("The number cannot be negative."))
        value["number"] = number
    elif kind == Question.Kind.DATE:
        value["date"] = date
    else:
        value["text"] = text.strip()
    return value


@transaction.atomic
def answer_save(
    *,
    assessment: Assessment,
    question: Question,
    user: User,
    expected_version: int,
    not_applicable: bool = False,
    choice: str = "",
    choices: Sequence[str] = (),
    number: Decimal | None = None,
    date: datetime.date | None = None,
    text: str = "",
) -> Answer:
    """Save one answer. `expected_version` is the version the person opened; if someone saved
    since, AnswerConflict is raised and nothing is overwritten. Saving the same value again is
    not a change."""
    require(user, "assessments.answer_assessment", assessment)
    if not assessment.is_open_for_answers:
        raise TransitionRefused(_("The self-assessment is not open for answers."))
    if question.indicator.dimension.framework_id != assessment.framework_id:
        raise ValidationError(_("This question is not part of this assessment."))
    value = _clean_answer_value(
        question,
        not_applicable=not_applicable,
        choice=choice,
        choices=choices,
        number=number,
        date=date,
        text=text,
    )
    answer, _created = Answer.objects.select_for_update().get_or_create(
        assessment=assessment, question=question
    )
    unchanged = all(getattr(answer, name) == wanted for name, wanted in value.items())
    if unchanged:
        return answer
    if answer.version != expected_version:
        raise AnswerConflict(answer)
    # The conditional update is what makes two simultaneous saves of one version safe.
    updated = Answer.objects.filter(pk=answer.pk, version=expected_version).update(
        **value, version=F("version") + 1, updated_by=user, updated_at=timezone.now()
    )
    answer.refresh_from_db()
    if not updated:
        raise AnswerConflict(answer)
    return answer


@transaction.atomic
def evidence_add(*, answer: Answer, user: User, file: Any = None, url: str = "") -> Evidence:
    """Attach a checked file or a link to an answer while the self-assessment is open."""
    require(user, "assessments.answer_assessment", answer.assessment)
    if not answer.assessment.is_open_for_answers:
        raise TransitionRefused(_("The self-assessment is not open for answers."))
    if not file and not url:
        raise ValidationError(_("Add a file or a link."))
    evidence = Evidence(answer=answer, url=url, added_by=user)
    if file:
        check_evidence(file)
        evidence.file = file
        evidence.original_name = str(file.name)[:200]
    evidence.full_clean(exclude=["file"])
    evidence.save()
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: Evidence, user: User) -> None:
    """Remove evidence while the self-assessment is open."""
    require(user, "assessments.answer_assessment", evidence.answer.assessment)
    if not evidence.answer.assessment.is_open_for_answers:
        raise TransitionRefused(_("The self-assessment is not open for answers."))
    evidence.file.delete(save=False)
    evidence.delete()


def missing_for_submission(assessment: Assessment) -> tuple[list[Question], list[Question]]:
    """The questions still unanswered, and those whose required evidence is missing."""
    answers = {
        answer.question_id: answer for answer in assessment.answers.prefetch_related("evidence")
    }
    unanswered, without_evidence = [], []
    questions = Question.objects.filter(
        indicator__dimension__framework=assessment.framework
    ).prefetch_related("translations")
    for question in questions:
        gap = answer_gap(question, answers.get(question.pk))
        if gap == UNANSWERED:
            unanswered.append(question)
        elif gap == WITHOUT_EVIDENCE:
            without_evidence.append(question)
    return unanswered, without_evidence


@transaction.atomic
def assessment_submit(*, assessment: Assessment, user: User) -> Assessment:
    """The focal point submits once every question is answered and required evidence attached."""
    require(user, "assessments.answer_assessment", assessment)
    require_stage(assessment, Stage.SELF_ASSESSMENT, Stage.RETURNED)
    unanswered, without_evidence = missing_for_submission(assessment)
    if unanswered or without_evidence:
        raise TransitionRefused(
            _(
                "The assessment is not complete: %(unanswered)s questions without an answer and "
                "%(evidence)s without the evidence they require."
            )
            % {"unanswered": len(unanswered), "evidence": len(without_evidence)}
        )
    return move(assessment, Stage.SUBMITTED, submitted_at=timezone.now())
