"""Payment verification (post-distribution monitoring): after a cycle is paid, staff draw a
random sample of the households it paid and call them to ask whether the transfer arrived, how
much of it, and how satisfied they are.

Each draw keeps the seed it used, so the same sample can be drawn again from the same paid
households; the database refuses to sample one household twice in one cycle. Results carry no
identifying data: the household is known by its payment, the notes are short."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

NOTES_MAX = 300


class Reached(models.TextChoices):
    YES = "yes", _("Reached")
    NO = "no", _("Not reached")
    UNREACHABLE = "unreachable", _("Not reachable")


class Received(models.TextChoices):
    YES = "yes", _("Received the transfer")
    NO = "no", _("Did not receive it")
    PARTLY = "partly", _("Received part of it")


class Satisfaction(models.IntegerChoices):
    VERY_UNSATISFIED = 1, _("1 · Very unsatisfied")
    UNSATISFIED = 2, _("2 · Unsatisfied")
    NEUTRAL = 3, _("3 · Neither satisfied nor unsatisfied")
    SATISFIED = 4, _("4 · Satisfied")
    VERY_SATISFIED = 5, _("5 · Very satisfied")


class VerificationDraw(models.Model):
    """One random draw of a cycle's paid households: what staff asked for and the seed used."""

    cycle = models.ForeignKey(
        "assistance.PaymentCycle",
        on_delete=models.CASCADE,
        related_name="verification_draws",
        verbose_name=_("cycle"),
    )
    requested_size = models.PositiveIntegerField(_("households asked for"), null=True, blank=True)
    requested_share = models.DecimalField(
        _("share asked for (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    seed = models.BigIntegerField(_("seed of the draw"))
    candidates = models.PositiveIntegerField(_("paid households it was drawn from"))
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("drawn by"),
    )
    drawn_at = models.DateTimeField(_("drawn"), auto_now_add=True)

    class Meta:
        verbose_name = _("verification sample")
        verbose_name_plural = _("verification samples")
        ordering = ("cycle", "drawn_at", "pk")

    def __str__(self) -> str:
        return f"{self.cycle} · {self.pk}"

    @property
    def organisation_id(self) -> int:
        return self.cycle.programme.operator_id


class PaymentVerification(models.Model):
    """One sampled household of a cycle, and what staff heard when they called it."""

    draw = models.ForeignKey(
        VerificationDraw,
        on_delete=models.CASCADE,
        related_name="verifications",
        verbose_name=_("verification sample"),
    )
    # The draw's cycle, kept here so that the database refuses a household sampled twice.
    cycle = models.ForeignKey(
        "assistance.PaymentCycle",
        on_delete=models.CASCADE,
        related_name="verifications",
        verbose_name=_("cycle"),
    )
    payment = models.OneToOneField(
        "assistance.Payment",
        on_delete=models.PROTECT,
        related_name="verification",
        verbose_name=_("payment"),
    )
    household = models.ForeignKey(
        "assistance.Household",
        on_delete=models.PROTECT,
        related_name="verifications",
        verbose_name=_("household"),
    )
    reached = models.CharField(_("reached"), max_length=12, choices=Reached.choices, blank=True)
    received = models.CharField(
        _("received the transfer"), max_length=8, choices=Received.choices, blank=True
    )
    amount_received = models.DecimalField(
        _("amount received"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction"),
        choices=Satisfaction.choices,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    contacted_on = models.DateField(_("contacted on"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=NOTES_MAX, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), null=True, blank=True)

    class Meta:
        verbose_name = _("payment verification")
        verbose_name_plural = _("payment verifications")
        ordering = ("cycle", "pk")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["cycle", "household"], name="household_sampled_once_per_cycle"
            ),
            models.CheckConstraint(
                condition=models.Q(satisfaction__isnull=True)
                | models.Q(satisfaction__gte=1, satisfaction__lte=5),
                name="verification_satisfaction_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_received__isnull=True) | models.Q(amount_received__gte=0),
                name="verification_amount_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cycle} · {self.payment_id}"

    @property
    def organisation_id(self) -> int:
        return self.cycle.programme.operator_id

    @property
    def is_recorded(self) -> bool:
        return bool(self.reached)
