"""An event's agenda (sessions with speakers, room or link) and its questionnaires: a pre-test
and a post-test, scored, or a satisfaction survey, each answered once per registration."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from parler.models import TranslatableModel, TranslatedFields

from migralocal.core import text_limits
from migralocal.core.text_limits import LimitedTextField
from migralocal.learning.models.events import Event, Registration

SCALE = range(1, 6)  # satisfaction answers: 1 (very unsatisfied) to 5 (very satisfied)


class AgendaSession(TranslatableModel):
    """One session of an event's agenda. Speakers are public free text: a list of
    `{"name": …, "affiliation": …}`."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="agenda_sessions", verbose_name=_("event")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    speakers = models.JSONField(_("speakers"), default=list, blank=True)
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=200),
        description=LimitedTextField(_("description"), blank=True, max_length=text_limits.TEXT),
    )

    class Meta:
        verbose_name = _("agenda session")
        verbose_name_plural = _("agenda sessions")
        ordering = ("event", "starts_at", "pk")

    def __str__(self) -> str:
        return str(self.safe_translation_getter("title", any_language=True) or self.pk)


class Questionnaire(models.Model):
    """A pre-test, a post-test or a satisfaction survey attached to an event (one of each)."""

    class Kind(models.TextChoices):
        PRE_TEST = "pre_test", _("Pre-test")
        POST_TEST = "post_test", _("Post-test")
        SATISFACTION = "satisfaction", _("Satisfaction survey")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="questionnaires", verbose_name=_("event")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("event questionnaire")
        verbose_name_plural = _("event questionnaires")
        ordering = ("event", "kind")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["event", "kind"], name="unique_event_questionnaire")
        ]

    def __str__(self) -> str:
        return f"{self.event} · {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse(
            "learning:event_questionnaire", kwargs={"slug": self.event.slug, "kind": self.kind}
        )

    @property
    def is_test(self) -> bool:
        return self.kind != self.Kind.SATISFACTION


class QuestionnaireQuestion(TranslatableModel):
    """A test question (choices, some correct) or a satisfaction question (a 1 to 5 scale)."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("questionnaire"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    translations = TranslatedFields(
        text=LimitedTextField(_("question"), max_length=text_limits.NOTE)
    )

    class Meta:
        verbose_name = _("questionnaire question")
        verbose_name_plural = _("questionnaire questions")
        ordering = ("questionnaire", "position", "pk")

    def __str__(self) -> str:
        return str(self.safe_translation_getter("text", any_language=True) or self.pk)[:80]


class QuestionnaireChoice(TranslatableModel):
    question = models.ForeignKey(
        QuestionnaireQuestion,
        on_delete=models.CASCADE,
        related_name="choices",
        verbose_name=_("question"),
    )
    is_correct = models.BooleanField(_("correct"), default=False)
    position = models.PositiveIntegerField(_("position"), default=0)
    translations = TranslatedFields(text=models.CharField(_("answer"), max_length=300))

    class Meta:
        verbose_name = _("questionnaire answer option")
        verbose_name_plural = _("questionnaire answer options")
        ordering = ("question", "position", "pk")

    def __str__(self) -> str:
        return str(self.safe_translation_getter("text", any_language=True) or self.pk)


class QuestionnaireResponse(models.Model):
    """One registration's answers: `answers` maps a question's id to the chosen option ids (a
    test) or to a 1 to 5 rating (a survey); `score` is the share of test questions right."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.CASCADE,
        related_name="responses",
        verbose_name=_("questionnaire"),
    )
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="questionnaire_responses",
        verbose_name=_("registration"),
    )
    answers = models.JSONField(_("answers"), default=dict)
    score = models.PositiveSmallIntegerField(_("score (%)"), null=True, blank=True)
    comment = LimitedTextField(_("comment"), blank=True, max_length=text_limits.NOTE)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("questionnaire response")
        verbose_name_plural = _("questionnaire responses")
        ordering = ("questionnaire", "submitted_at", "pk")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["questionnaire", "registration"], name="unique_questionnaire_response"
            )
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} · {self.registration_id}"
