"""Calls for applications and their cohorts.

A programme opens a call with a deadline; municipalities apply within it; the programme's managers
accept or decline each application. The accepted ones form the call's cohort: each brings its
assessment round for the call's year, on the call's framework, and the rounds move through the
cycle together. A call is open until the end of its deadline day: no task closes it."""

from __future__ import annotations

import datetime
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from parler.models import TranslatableModel, TranslatedFields

from migralocal.core import text_limits
from migralocal.core.models import Organisation
from migralocal.core.text_limits import LimitedTextField


class Call(TranslatableModel):
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="calls",
        verbose_name=_("programme"),
    )
    framework = models.ForeignKey(
        "assessments.Framework",
        on_delete=models.PROTECT,
        related_name="calls",
        verbose_name=_("framework"),
    )
    year = models.PositiveIntegerField(_("year of the assessment rounds"))
    deadline = models.DateField(
        _("deadline"), help_text=_("The last day on which municipalities may apply.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=200),
        description=LimitedTextField(_("description"), blank=True, max_length=text_limits.TEXT),
    )

    class Meta:
        verbose_name = _("call for applications")
        verbose_name_plural = _("calls for applications")
        ordering = ("-deadline", "pk")

    def __str__(self) -> str:
        return str(self.safe_translation_getter("title", any_language=True) or self.pk)

    def get_absolute_url(self) -> str:
        return reverse("calls:detail", kwargs={"pk": self.pk})

    def is_open(self, now: datetime.datetime | None = None) -> bool:
        """Open until the end of the deadline day, in the platform's time zone."""
        return timezone.localdate(now) <= self.deadline


class CallApplication(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="applications", verbose_name=_("call")
    )
    municipality = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="call_applications",
        limit_choices_to={"kind": Organisation.Kind.MUNICIPALITY},
        verbose_name=_("municipality"),
    )
    motivation = LimitedTextField(_("why the municipality applies"), max_length=text_limits.TEXT)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    decision_note = LimitedTextField(_("decision note"), blank=True, max_length=text_limits.TEXT)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    # The round the acceptance started or attached: the member's round in the cohort.
    assessment = models.ForeignKey(
        "assessments.Assessment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="call_applications",
        verbose_name=_("assessment round"),
    )

    class Meta:
        verbose_name = _("application to a call")
        verbose_name_plural = _("applications to calls")
        ordering = ("submitted_at", "pk")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["call", "municipality"], name="one_application_per_call"
            )
        ]

    def __str__(self) -> str:
        return f"{self.call} · {self.municipality}"
