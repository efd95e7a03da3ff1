"""Reads of an event's agenda and of its questionnaires' results."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from migralocal.consultations.conf import SMALL_CELL_THRESHOLD
from migralocal.learning.models import (
    AgendaSession,
    Event,
    Questionnaire,
    QuestionnaireResponse,
    Registration,
)
from migralocal.learning.models.agenda import SCALE


def agenda_of(event: Event) -> QuerySet[AgendaSession]:
    return event.agenda_sessions.prefetch_related("translations").order_by("starts_at", "pk")


def answer_refusal(
    questionnaire: Questionnaire, registration: Registration | None, now: dt.datetime
) -> str:
    """Why this registration may not answer now, or "" when it may: registered and not
    cancelled, once; a pre-test before the post-test is answered; a post-test or survey once
    the event has started."""
    if registration is None or registration.status == Registration.Status.CANCELLED:
        return _("Only people registered for the event answer it.")
    if registration.event_id != questionnaire.event_id:
        return _("Only people registered for the event answer it.")
    if not questionnaire.questions.exists():
        return _("This questionnaire has no questions yet.")
    if questionnaire.responses.filter(registration=registration).exists():
        return _("You have already answered. Thank you!")
    if questionnaire.kind == Questionnaire.Kind.PRE_TEST:
        answered_after = QuestionnaireResponse.objects.filter(
            registration=registration,
            questionnaire__event_id=questionnaire.event_id,
            questionnaire__kind=Questionnaire.Kind.POST_TEST,
        )
        if answered_after.exists():
            return _("The pre-test is closed once the post-test is answered.")
    elif now < questionnaire.event.starts_at:
        return _("This opens when the event starts.")
    return ""


def event_page_extras(event: Event, registration: Registration | None) -> dict[str, Any]:
    """What the event page shows of the agenda and of the questionnaires its viewer may answer
    now."""
    now = timezone.now()
    open_questionnaires = []
    if registration is not None:
        for questionnaire in event.questionnaires.all():
            questionnaire.event = event
            if not answer_refusal(questionnaire, registration, now):
                open_questionnaires.append(questionnaire)
    return {"agenda": agenda_of(event), "open_questionnaires": open_questionnaires}


def questionnaires_of(event: Event) -> dict[str, Questionnaire]:
    return {q.kind: q for q in event.questionnaires.all()}


@dataclass(frozen=True)
class Gain:
    name: str
    pre: int | None
    post: int | None

    @property
    def gain(self) -> int | None:
        return None if self.pre is None or self.post is None else self.post - self.pre


@dataclass(frozen=True)
class PrePostResults:
    """Each registrant's pre-test and post-test scores; the event's average gain over those
    who took both. `rows` is empty unless asked for by person."""

    pairs: int
    average_pre: float | None
    average_post: float | None
    average_gain: float | None
    rows: list[Gain] = field(default_factory=list)
    hidden: bool = False


def _scores(event: Event, kind: str) -> dict[int, int]:
    rows = QuestionnaireResponse.objects.filter(
        questionnaire__event=event, questionnaire__kind=kind, score__isnull=False
    ).values_list("registration_id", "score")
    return {registration: score for registration, score in rows if score is not None}


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def pre_post_results(event: Event, *, by_person: bool) -> PrePostResults:
    """Pre→post gains. By person for the event's organisers; averages only for others, and
    none when fewer people than the small-cell threshold took both tests."""
    pre = _scores(event, Questionnaire.Kind.PRE_TEST)
    post = _scores(event, Questionnaire.Kind.POST_TEST)
    both = sorted(set(pre) & set(post))
    hidden = not by_person and 0 < len(both) < SMALL_CELL_THRESHOLD
    rows: list[Gain] = []
    if by_person:
        names = dict(
            Registration.objects.filter(pk__in=set(pre) | set(post)).values_list("pk", "name")
        )
        rows = sorted(
            (Gain(names[pk], pre.get(pk), post.get(pk)) for pk in names),
            key=lambda row: row.name.casefold(),
        )
    if hidden:
        return PrePostResults(len(both), None, None, None, hidden=True)
    return PrePostResults(
        len(both),
        _mean([pre[pk] for pk in both]),
        _mean([post[pk] for pk in both]),
        _mean([post[pk] - pre[pk] for pk in both]),
        rows,
    )


@dataclass(frozen=True)
class Rating:
    question: str
    answers: int
    average: float | None
    counts: list[int]  # how many gave 1, 2, 3, 4, 5


@dataclass(frozen=True)
class SurveyResults:
    """A satisfaction survey in aggregate: never by person, and nothing at all (not even the
    comments, which could tell who wrote them) while fewer people than the small-cell
    threshold have answered."""

    answers: int
    hidden: bool
    ratings: list[Rating]
    comments: list[str]


def survey_results(questionnaire: Questionnaire) -> SurveyResults:
    responses = list(questionnaire.responses.values_list("answers", "comment"))
    if len(responses) < SMALL_CELL_THRESHOLD:
        return SurveyResults(len(responses), bool(responses), [], [])
    ratings = []
    for question in questionnaire.questions.prefetch_related("translations"):
        given = [
            answers[str(question.pk)] for answers, _c in responses if str(question.pk) in answers
        ]
        ratings.append(
            Rating(
                str(question),
                len(given),
                _mean(given),
                [given.count(value) for value in SCALE],
            )
        )
    comments = sorted(comment for _a, comment in responses if comment)
    return SurveyResults(len(responses), False, ratings, comments)
