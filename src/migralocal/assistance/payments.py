"""Payments of cash assistance: the financial service providers a programme pays through, its
payment cycles, one payment list per provider and cycle, and one payment per enrolled household.

A household is paid at most once in a cycle: the payment keeps its cycle, and the database
refuses a second payment of the same household in the same cycle, whatever the list. A payment
that failed is paid again in a later cycle (`reissued_in` points to the payment that carries
it), so that its amount is neither lost nor paid twice."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProviderKind(models.TextChoices):
    BANK = "bank", _("Bank transfer")
    MOBILE_MONEY = "mobile_money", _("Mobile money")
    CASH = "cash", _("Cash over the counter")
    VOUCHER = "voucher", _("Voucher")


class ExportColumn(models.TextChoices):
    """The columns a provider's payment list may have, in the order the programme sets."""

    REFERENCE = "reference", _("Payment reference")
    HOUSEHOLD_REF = "household_ref", _("Household reference")
    PERSON_REF = "person_ref", _("Person reference of the head")
    GIVEN_NAMES = "given_names", _("Given names")
    FAMILY_NAMES = "family_names", _("Family names")
    DOCUMENT_TYPE = "document_type", _("Document type")
    DOCUMENT_NUMBER = "document_number", _("Document number")
    PHONE = "phone", _("Phone")
    MUNICIPALITY = "municipality", _("Municipality")
    AMOUNT = "amount", _("Amount")
    CURRENCY = "currency", _("Currency")


class FinancialServiceProvider(models.Model):
    programme = models.ForeignKey(
        "assistance.CashProgramme",
        on_delete=models.CASCADE,
        related_name="providers",
        verbose_name=_("programme"),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ProviderKind.choices)
    # ["reference", "given_names", …]: the columns of its payment list, in this order.
    export_columns = models.JSONField(_("columns of the payment list"), default=list)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("financial service provider")
        verbose_name_plural = _("financial service providers")
        ordering = ("name",)
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["programme", "name"], name="unique_provider_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def organisation_id(self) -> int:
        return self.programme.operator_id


class PaymentCycle(models.Model):
    programme = models.ForeignKey(
        "assistance.CashProgramme",
        on_delete=models.CASCADE,
        related_name="payment_cycles",
        verbose_name=_("programme"),
    )
    number = models.PositiveSmallIntegerField(_("cycle"), validators=[MinValueValidator(1)])
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment cycle")
        verbose_name_plural = _("payment cycles")
        ordering = ("programme", "number")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["programme", "number"], name="unique_cycle_number"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="payment_cycle_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Cycle %(number)d") % {"number": self.number})

    @property
    def organisation_id(self) -> int:
        return self.programme.operator_id


class PaymentList(models.Model):
    cycle = models.ForeignKey(
        PaymentCycle, on_delete=models.CASCADE, related_name="lists", verbose_name=_("cycle")
    )
    provider = models.ForeignKey(
        FinancialServiceProvider,
        on_delete=models.PROTECT,
        related_name="lists",
        verbose_name=_("financial service provider"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    reconciled_at = models.DateTimeField(_("reconciled"), null=True, blank=True)

    class Meta:
        verbose_name = _("payment list")
        verbose_name_plural = _("payment lists")
        ordering = ("cycle", "provider")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["cycle", "provider"], name="unique_list_per_provider")
        ]

    def __str__(self) -> str:
        return f"{self.cycle} · {self.provider}"

    @property
    def organisation_id(self) -> int:
        return self.cycle.programme.operator_id


class Payment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Sent to the provider")
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Failed")
        UNCLAIMED = "unclaimed", _("Unclaimed")

    payment_list = models.ForeignKey(
        PaymentList, on_delete=models.CASCADE, related_name="payments", verbose_name=_("list")
    )
    # The list's cycle, kept here so that the database can refuse a second payment of one
    # household in one cycle.
    cycle = models.ForeignKey(
        PaymentCycle, on_delete=models.CASCADE, related_name="payments", verbose_name=_("cycle")
    )
    household = models.ForeignKey(
        "assistance.Household",
        on_delete=models.PROTECT,
        related_name="payments",
        verbose_name=_("household"),
    )
    reference = models.CharField(_("payment reference"), max_length=40, unique=True)
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    # Part of `amount` that pays again what failed in earlier cycles.
    reissued_amount = models.DecimalField(
        _("amount paid again"), max_digits=12, decimal_places=2, default=0
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    provider_reference = models.CharField(_("provider's reference"), max_length=100, blank=True)
    reconciled_at = models.DateTimeField(_("reconciled"), null=True, blank=True)
    reissued_in = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reissues",
        verbose_name=_("paid again in"),
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ("payment_list", "reference")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["cycle", "household"], name="one_payment_per_household_and_cycle"
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def organisation_id(self) -> int:
        return self.cycle.programme.operator_id
