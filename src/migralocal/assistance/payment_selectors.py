"""Reads of cash assistance payments: a programme's providers, cycles and lists, and the totals
per cycle, provider and municipality, added up in the database as decimals so that they
reconcile to the cent."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from migralocal.assistance.models import (
    CashProgramme,
    FinancialServiceProvider,
    Household,
    Payment,
    PaymentCycle,
    PaymentList,
)

ZERO = Value(Decimal("0.00"), output_field=DecimalField(max_digits=14, decimal_places=2))


def _sum(condition: Q | None = None) -> Coalesce:
    return Coalesce(Sum("amount", filter=condition), ZERO)


TOTALS: dict[str, Any] = {
    "payments": Count("pk"),
    "total": _sum(),
    "paid": _sum(Q(status=Payment.Status.PAID)),
    "failed": _sum(Q(status=Payment.Status.FAILED)),
    "unclaimed": _sum(Q(status=Payment.Status.UNCLAIMED)),
    "pending": _sum(Q(status=Payment.Status.PENDING)),
}


def providers_of(programme: CashProgramme) -> QuerySet[FinancialServiceProvider]:
    return FinancialServiceProvider.objects.filter(programme=programme)


def cycles_of(programme: CashProgramme) -> QuerySet[PaymentCycle]:
    return PaymentCycle.objects.filter(programme=programme).prefetch_related("lists__provider")


def payment_list_by_id(programme_slug: str, pk: int) -> PaymentList | None:
    return (
        PaymentList.objects.select_related("cycle__programme__operator", "provider")
        .filter(cycle__programme__slug=programme_slug, pk=pk)
        .first()
    )


def payments_of(payment_list: PaymentList) -> QuerySet[Payment]:
    """The list's payments by reference, without names."""
    return payment_list.payments.select_related("household__municipality__country").order_by(
        "reference"
    )


def payment_list_totals(payment_list: PaymentList) -> list[Any]:
    """The whole list's totals (payments, amount, paid, failed, unclaimed, pending), in one
    row per cycle as the overview's, whichever page of the list is shown."""
    return list(
        payment_list.payments.values("cycle__number").annotate(**TOTALS).order_by("cycle__number")
    )


def payments_of_household(household: Household) -> QuerySet[Payment]:
    """The household's payments across cycles, with the provider and where a failed one was
    paid again: one query, whatever the number of cycles."""
    return (
        Payment.objects.filter(household=household)
        .select_related("cycle", "payment_list__provider", "reissued_in__cycle")
        .order_by("cycle__number")
    )


def payment_totals(programme: CashProgramme) -> dict[str, list[Any]]:
    """Amounts (planned, paid, failed, unclaimed, pending) per cycle, per cycle and provider,
    and per cycle and municipality (`name` is the provider's or the municipality's)."""
    payments = Payment.objects.filter(cycle__programme=programme)
    return {
        "cycles": list(
            payments.values("cycle__number").annotate(**TOTALS).order_by("cycle__number")
        ),
        "providers": list(
            payments.values("cycle__number", name=F("payment_list__provider__name"))
            .annotate(**TOTALS)
            .order_by("cycle__number", "name")
        ),
        "municipalities": list(
            payments.values("cycle__number", name=F("household__municipality__name"))
            .annotate(**TOTALS)
            .order_by("cycle__number", "name")
        ),
    }
