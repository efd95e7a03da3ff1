"""Writes of an event's agenda and questionnaires. Pages and the demo come through here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from migralocal.core import text_limits
from migralocal.learning.models import (
    AgendaSession,
    Event,
    Questionnaire,
    QuestionnaireChoice,
    QuestionnaireQuestion,
    QuestionnaireResponse,
    Registration,
)
from migralocal.learning.models.agenda import SCALE
from migralocal.learning.selectors import agenda as agenda_selectors

ANSWER_LINK_SALT = "learning.questionnaire-answer"
MAX_SPEAKERS = 20


def _text(value: str, field: str, limit: int, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("This field is required.")})
    if len(value) > limit:
        raise ValidationError({field: _("Write at most %(limit)d characters.") % {"limit": limit}})
    return value


def _speakers(speakers: Iterable[Mapping[str, str]]) -> list[dict[str, str]]:
    cleaned = []
    for speaker in speakers:
        name = _text(speaker.get("name", ""), "speakers", 200)
        affiliation = _text(speaker.get("affiliation", ""), "speakers", 200)
        if name:
            cleaned.append({"name": name, "affiliation": affiliation})
    if len(cleaned) > MAX_SPEAKERS:
        raise ValidationError(
            {"speakers": _("List at most %(limit)d speakers.") % {"limit": MAX_SPEAKERS}}
        )
    return cleaned


# ---------------------------------------------------------------- agenda


@transaction.atomic
def agenda_session_save(
    *,
    event: Event,
    language: str,
    title: str,
    local_start: dt.datetime,
    local_end: dt.datetime,
    description: str = "",
    speakers: Iterable[Mapping[str, str]] = (),
    room: str = "",
    online_url: str = "",
    session: AgendaSession | None = None,
) -> AgendaSession:
    """Add a session to the event's agenda (or change `session`), from clock times at the
    event's place (naive, in its time zone). A session ends after it starts and lies within
    the event. The text is saved in `language`; the other language falls back to it."""
    if session is not None and session.event_id != event.pk:
        raise ValidationError(_("This session belongs to another event."))
    starts_at = timezone.make_aware(local_start, event.zone)
    ends_at = timezone.make_aware(local_end, event.zone)
    if ends_at <= starts_at:
        raise ValidationError({"local_end": _("A session must end after it starts.")})
    if starts_at < event.starts_at or ends_at > event.ends_at:
        raise ValidationError(
            {"local_start": _("A session must take place within the event's times.")}
        )
    session = session or AgendaSession(event=event)
    session.starts_at, session.ends_at = starts_at, ends_at
    session.room = _text(room, "room", 200)
    session.online_url = online_url.strip()
    session.speakers = _speakers(speakers)
    session.set_current_language(language)
    session.title = _text(title, "title", 200, required=True)
    session.description = _text(description, "description", text_limits.TEXT)
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def agenda_session_delete(*, session: AgendaSession) -> None:
    session.delete()


# ---------------------------------------------------------------- questionnaires


@transaction.atomic
def questionnaire_attach(*, event: Event, kind: str) -> Questionnaire:
    """Attach a pre-test, a post-test or a satisfaction survey to an event (once each)."""
    if kind not in Questionnaire.Kind.values:
        raise ValidationError({"kind": _("Choose a pre-test, a post-test or a survey.")})
    questionnaire, _created = Questionnaire.objects.get_or_create(event=event, kind=kind)
    return questionnaire


def _open_for_changes(questionnaire: Questionnaire) -> None:
    if questionnaire.responses.exists():
        raise ValidationError(
            _("People have already answered: the questions can no longer be changed.")
        )


@transaction.atomic
def questionnaire_question_add(
    *,
    questionnaire: Questionnaire,
    language: str,
    text: str,
    choices: Sequence[str] = (),
    correct: Iterable[int] = (),
) -> QuestionnaireQuestion:
    """Add a question. A test question has two or more `choices`, of which those at the
    positions `correct` (counting from 1) are right; a survey question is rated 1 to 5 and
    takes no choices. Questions are fixed once someone has answered."""
    _open_for_changes(questionnaire)
    text = _text(text, "text", text_limits.NOTE, required=True)
    options = [_text(choice, "choices", 300) for choice in choices]
    options = [option for option in options if option]
    right = set(correct)
    if questionnaire.is_test:
        if len(options) < 2:
            raise ValidationError({"choices": _("Give at least two answers, one a line.")})
        if not right or not right <= set(range(1, len(options) + 1)):
            raise ValidationError(
                {"correct": _("Give the numbers of the correct answers, such as 1 or 1, 3.")}
            )
    elif options:
        raise ValidationError({"choices": _("Survey questions are rated from 1 to 5.")})
    question = QuestionnaireQuestion(
        questionnaire=questionnaire, position=questionnaire.questions.count() + 1
    )
    question.set_current_language(language)
    question.text = text
    question.save()
    for position, option in enumerate(options, start=1):
        choice = QuestionnaireChoice(
            question=question, position=position, is_correct=position in right
        )
        choice.set_current_language(language)
        choice.text = option
        choice.save()
    return question


@transaction.atomic
def questionnaire_question_delete(*, question: QuestionnaireQuestion) -> None:
    _open_for_changes(question.questionnaire)
    question.delete()


def _test_score(
    questions: Sequence[QuestionnaireQuestion], answers: Mapping[str, Any]
) -> tuple[dict[str, list[int]], int]:
    kept: dict[str, list[int]] = {}
    right = 0
    for question in questions:
        choices = {choice.pk: choice.is_correct for choice in question.choices.all()}
        chosen = sorted({int(pk) for pk in answers.get(str(question.pk), [])})
        if not chosen:
            raise ValidationError({f"q{question.pk}": _("Answer every question.")})
        if any(pk not in choices for pk in chosen):
            raise ValidationError({f"q{question.pk}": _("Choose among the answers given.")})
        kept[str(question.pk)] = chosen
        if set(chosen) == {pk for pk, correct in choices.items() if correct}:
            right += 1
    return kept, round(right * 100 / len(questions))


def _ratings(
    questions: Sequence[QuestionnaireQuestion], answers: Mapping[str, Any]
) -> dict[str, int]:
    kept = {}
    for question in questions:
        rating = answers.get(str(question.pk))
        if not isinstance(rating, int) or rating not in SCALE:
            raise ValidationError({f"q{question.pk}": _("Rate from 1 to 5.")})
        kept[str(question.pk)] = int(rating)
    return kept


@transaction.atomic
def questionnaire_answer(
    *,
    questionnaire: Questionnaire,
    registration: Registration,
    answers: Mapping[str, Any],
    comment: str = "",
    now: dt.datetime | None = None,
) -> QuestionnaireResponse:
    """Record a registration's answers, once. A test is scored (the share of questions whose
    chosen answers are exactly the correct ones); a survey keeps its 1 to 5 ratings and an
    optional comment."""
    refusal = agenda_selectors.answer_refusal(questionnaire, registration, now or timezone.now())
    if refusal:
        raise ValidationError(refusal)
    questions = list(questionnaire.questions.prefetch_related("choices"))
    score = None
    kept_answers: dict[str, Any]
    if questionnaire.is_test:
        kept_answers, score = _test_score(questions, answers)
        comment = ""
    else:
        kept_answers = _ratings(questions, answers)
    try:
        with transaction.atomic():
            return QuestionnaireResponse.objects.create(
                questionnaire=questionnaire,
                registration=registration,
                answers=kept_answers,
                score=score,
                comment=_text(comment, "comment", text_limits.NOTE),
            )
    except IntegrityError as error:
        raise ValidationError(_("You have already answered. Thank you!")) from error


def questionnaire_invite(*, questionnaire: Questionnaire, site_url: str) -> None:
    """E-mail every registrant (not cancelled) their link to answer, once committed."""
    from migralocal.learning import tasks

    if not questionnaire.questions.exists():
        raise ValidationError(_("This questionnaire has no questions yet."))
    transaction.on_commit(
        lambda: tasks.send_questionnaire_invitations.enqueue(
            questionnaire_id=questionnaire.pk, site_url=site_url
        )
    )


# ---------------------------------------------------------------- links in e-mails


def answer_token(registration: Registration) -> str:
    """The token of a registrant's link to the event's questionnaires, valid without an
    account (people register with an e-mail address only)."""
    return signing.dumps(registration.pk, salt=ANSWER_LINK_SALT)


def registration_of_token(event: Event, token: str) -> Registration | None:
    try:
        pk = signing.loads(token, salt=ANSWER_LINK_SALT)
    except signing.BadSignature:
        return None
    return event.registrations.filter(pk=pk).first()
