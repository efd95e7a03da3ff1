"""The organisational capacity self-assessment: its statements, and each organisation's answers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from parler.models import TranslatableModel, TranslatedFields

from migralocal.core.models import Organisation, TaxonomyTerm
from migralocal.learning.models.common import CAPACITY_AREAS
from migralocal.learning.models.paths import LearningPath


class SelfAssessmentQuestion(TranslatableModel):
    """A statement an organisation rates from 0 (not at all) to 4 (fully), in one area."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    area = models.ForeignKey(
        TaxonomyTerm,
        on_delete=models.PROTECT,
        related_name="self_assessment_questions",
        limit_choices_to={"taxonomy__code": CAPACITY_AREAS},
        verbose_name=_("area"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    translations = TranslatedFields(text=models.CharField(_("statement"), max_length=300))

    class Meta:
        verbose_name = _("self-assessment question")
        verbose_name_plural = _("self-assessment questions")
        ordering = ("position", "code")

    def __str__(self) -> str:
        return str(self.safe_translation_getter("text", any_language=True) or self.code)


class SelfAssessment(models.Model):
    """One organisation's answers, the score per area and the path they led to."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="capacity_self_assessments",
        verbose_name=_("organisation"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    answers = models.JSONField(_("answers"), default=dict)
    scores = models.JSONField(_("score per area (%)"), default=dict)
    recommended_path = models.ForeignKey(
        LearningPath,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recommended path"),
    )

    class Meta:
        verbose_name = _("organisational self-assessment")
        verbose_name_plural = _("organisational self-assessments")
        ordering = ("-submitted_at", "-pk")

    def __str__(self) -> str:
        return f"{self.organisation} · {self.submitted_at:%Y-%m-%d}"

    @property
    def country_id(self) -> int:
        return self.organisation.country_id
