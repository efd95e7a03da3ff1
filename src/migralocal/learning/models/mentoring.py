"""Mentoring: a mentor's engagement with an organisation, its goals and its sessions."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from migralocal.core import text_limits
from migralocal.core.models import Organisation, TaxonomyTerm
from migralocal.core.text_limits import LimitedTextField
from migralocal.learning.models.common import CAPACITY_AREAS


class MentoringEngagement(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("mentoring", "Active")
        COMPLETED = "completed", pgettext_lazy("mentoring", "Completed")
        ENDED_EARLY = "ended_early", _("Ended early")

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mentoring_engagements",
        verbose_name=_("mentor"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="mentoring_engagements",
        verbose_name=_("organisation"),
    )
    areas = models.ManyToManyField(
        TaxonomyTerm,
        related_name="mentoring_engagements",
        limit_choices_to={"taxonomy__code": CAPACITY_AREAS},
        verbose_name=_("areas"),
    )
    started_on = models.DateField(_("started"))
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    outcome = LimitedTextField(_("outcome"), blank=True, max_length=text_limits.TEXT)

    class Meta:
        verbose_name = _("mentoring engagement")
        verbose_name_plural = _("mentoring engagements")
        ordering = ("-started_on", "pk")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["mentor", "organisation", "started_on"], name="unique_mentoring_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.mentor}"

    def get_absolute_url(self) -> str:
        return reverse("learning:mentoring_detail", kwargs={"pk": self.pk})

    @property
    def country_id(self) -> int:
        return self.organisation.country_id


class MentoringGoal(models.Model):
    engagement = models.ForeignKey(
        MentoringEngagement,
        on_delete=models.CASCADE,
        related_name="goals",
        verbose_name=_("engagement"),
    )
    area = models.ForeignKey(
        TaxonomyTerm,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"taxonomy__code": CAPACITY_AREAS},
        verbose_name=_("area"),
    )
    description = models.CharField(_("goal"), max_length=300)
    is_achieved = models.BooleanField(_("achieved"), default=False)

    class Meta:
        verbose_name = _("mentoring goal")
        verbose_name_plural = _("mentoring goals")
        ordering = ("engagement", "pk")

    def __str__(self) -> str:
        return self.description


class MentoringSession(models.Model):
    engagement = models.ForeignKey(
        MentoringEngagement,
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("engagement"),
    )
    held_on = models.DateField(_("date"))
    duration_minutes = models.PositiveIntegerField(
        _("duration in minutes"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    notes = LimitedTextField(_("notes"), blank=True, max_length=text_limits.TEXT)

    class Meta:
        verbose_name = _("mentoring session")
        verbose_name_plural = _("mentoring sessions")
        ordering = ("engagement", "-held_on", "-pk")

    def __str__(self) -> str:
        return f"{self.engagement} · {self.held_on}"


class MentoringRequest(models.Model):
    """An organisation asks for mentoring in some areas with its goals; a mentor or programme
    manager accepts it (which starts the engagement) or declines it with a reason."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="mentoring_requests",
        verbose_name=_("organisation"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="mentoring_requests",
        verbose_name=_("asked by"),
    )
    areas = models.ManyToManyField(
        TaxonomyTerm,
        related_name="mentoring_requests",
        limit_choices_to={"taxonomy__code": CAPACITY_AREAS},
        verbose_name=_("areas"),
    )
    # {area code: what the organisation wants to achieve in it}; each becomes a goal of the
    # engagement when the request is accepted.
    goals = models.JSONField(_("goals by area"), default=dict)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)
    decline_reason = LimitedTextField(_("reason"), blank=True, max_length=2000)
    engagement = models.OneToOneField(
        MentoringEngagement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="request",
        verbose_name=_("engagement"),
    )

    class Meta:
        verbose_name = _("mentoring request")
        verbose_name_plural = _("mentoring requests")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.organisation} · {self.created_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("learning:mentoring_request_detail", kwargs={"pk": self.pk})

    @property
    def country_id(self) -> int:
        return self.organisation.country_id
