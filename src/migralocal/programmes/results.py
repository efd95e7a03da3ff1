"""A programme's results framework: outcomes → outputs → indicators, each indicator with its
baseline, its targets by period (and perhaps country) and, when the platform cannot count it,
the actuals its managers report by hand.

A computed indicator names what it counts in the reports' catalogue (`measure_key`, and perhaps
a breakdown and a category of it, or the indicator's headline), so that its actual is the very
figure the reports show for the same programme, places and days."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from parler.models import TranslatableModel, TranslatedFields

from migralocal.core import text_limits
from migralocal.core.models import Country
from migralocal.core.text_limits import LimitedTextField

# `measure_series` naming the indicator's headline ("certified", "verified"…) rather than a
# breakdown: no breakdown of the reports is called so.
HEADLINE = "headline"


def evidence_upload_path(instance: models.Model, filename: str) -> str:
    """Evidence is served only to those who keep the programme's results, under an unguessable
    name."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"programmes/evidence/{uuid.uuid4().hex}{suffix}"


class Outcome(TranslatableModel):
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="outcomes",
        verbose_name=_("programme"),
    )
    position = models.PositiveIntegerField(_("position"), default=1)
    translations = TranslatedFields(title=models.CharField(_("title"), max_length=300))

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ("programme", "position", "pk")

    def __str__(self) -> str:
        return str(self.safe_translation_getter("title", any_language=True) or self.pk)


class Output(TranslatableModel):
    outcome = models.ForeignKey(
        Outcome, on_delete=models.CASCADE, related_name="outputs", verbose_name=_("outcome")
    )
    position = models.PositiveIntegerField(_("position"), default=1)
    translations = TranslatedFields(title=models.CharField(_("title"), max_length=300))

    class Meta:
        verbose_name = _("output")
        verbose_name_plural = _("outputs")
        ordering = ("outcome", "position", "pk")

    def __str__(self) -> str:
        return str(self.safe_translation_getter("title", any_language=True) or self.pk)


class ResultIndicator(TranslatableModel):
    class Source(models.TextChoices):
        COMPUTED = "computed", _("Counted by the platform")
        MANUAL = "manual", _("Reported by the programme")

    class Unit(models.TextChoices):
        NUMBER = "number", _("Number")
        PERCENT = "percent", _("Percentage")

    output = models.ForeignKey(
        Output, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("output")
    )
    position = models.PositiveIntegerField(_("position"), default=1)
    source = models.CharField(
        _("source of the actual"), max_length=10, choices=Source.choices, default=Source.COMPUTED
    )
    # What a computed indicator counts: a report indicator's key, perhaps one of its breakdowns
    # and a category of it (people_trained / gender / woman), or `headline`.
    measure_key = models.CharField(_("report indicator"), max_length=60, blank=True)
    measure_series = models.CharField(_("breakdown"), max_length=60, blank=True)
    measure_category = models.CharField(_("category"), max_length=60, blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.NUMBER)
    ascending = models.BooleanField(
        _("higher is better"),
        default=True,
        help_text=_("Untick when the indicator should go down (waiting days, for instance)."),
    )
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_year = models.PositiveIntegerField(_("baseline year"), null=True, blank=True)
    # Manual indicators say how their actuals are broken down ("gender, country"); computed
    # ones have the breakdowns of their report indicator.
    disaggregations = models.CharField(_("disaggregations"), max_length=300, blank=True)
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=300),
        definition=LimitedTextField(_("definition"), blank=True, max_length=text_limits.TEXT),
    )

    class Meta:
        verbose_name = _("result indicator")
        verbose_name_plural = _("result indicators")
        ordering = ("output", "position", "pk")

    def __str__(self) -> str:
        return str(self.safe_translation_getter("title", any_language=True) or self.pk)

    @property
    def is_computed(self) -> bool:
        return self.source == self.Source.COMPUTED

    @property
    def is_percent(self) -> bool:
        return self.unit == self.Unit.PERCENT


class Target(models.Model):
    """What the indicator should reach over a period, in one country or (no country) in all of
    the programme's countries together."""

    indicator = models.ForeignKey(
        ResultIndicator,
        on_delete=models.CASCADE,
        related_name="targets",
        verbose_name=_("indicator"),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
        help_text=_("Empty: all the programme's countries together."),
    )
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ("indicator", "starts_on", "pk")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="result_target_ends_after_it_starts",
            ),
        )

    def __str__(self) -> str:
        return f"{self.value} ({self.starts_on} to {self.ends_on})"


class ManualActual(models.Model):
    """A figure the programme reports for a manual indicator, with where it comes from."""

    indicator = models.ForeignKey(
        ResultIndicator,
        on_delete=models.CASCADE,
        related_name="manual_actuals",
        verbose_name=_("indicator"),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
        help_text=_("Empty: all the programme's countries together."),
    )
    value = models.DecimalField(_("actual"), max_digits=14, decimal_places=2)
    source = LimitedTextField(_("source of the figure"), max_length=text_limits.NOTE)
    evidence_url = models.URLField(_("evidence (address)"), blank=True)
    evidence_file = models.FileField(
        _("evidence (file)"), upload_to=evidence_upload_path, blank=True
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    entered_at = models.DateTimeField(_("entered"), auto_now_add=True)

    class Meta:
        verbose_name = _("reported actual")
        verbose_name_plural = _("reported actuals")
        ordering = ("indicator", "starts_on", "pk")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="result_actual_ends_after_it_starts",
            ),
        )

    def __str__(self) -> str:
        return f"{self.value} ({self.starts_on} to {self.ends_on})"
