"""Reads of payment verification: a cycle's sample and its rates, counted in the database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from migralocal.assistance.models import PaymentCycle
from migralocal.assistance.verification import PaymentVerification, Reached, Received

# What the rates count, as filters on a cycle's verifications.
VERIFIED = Q(reached=Reached.YES)
RECEIVED = Q(reached=Reached.YES, received=Received.YES)
MISMATCHED = Q(reached=Reached.YES, amount_received__isnull=False) & ~Q(
    amount_received=F("payment__amount")
)


@dataclass(frozen=True)
class VerificationRates:
    sampled: int
    recorded: int
    verified: int  # reached and answered
    received: int  # reached and received the whole transfer
    mismatched: int  # reached, and the amount received differs from the amount paid

    @property
    def verification_rate(self) -> float | None:
        """Verified ÷ sampled."""
        return self.verified / self.sampled if self.sampled else None

    @property
    def received_share(self) -> float | None:
        """Received ÷ reached."""
        return self.received / self.verified if self.verified else None


def verification_rates(verifications: QuerySet[PaymentVerification]) -> VerificationRates:
    counts = verifications.aggregate(
        sampled=Count("pk"),
        recorded=Count("pk", filter=~Q(reached="")),
        verified=Count("pk", filter=VERIFIED),
        received=Count("pk", filter=RECEIVED),
        mismatched=Count("pk", filter=MISMATCHED),
    )
    return VerificationRates(**counts)


def cycle_rates(cycle: PaymentCycle) -> VerificationRates:
    return verification_rates(PaymentVerification.objects.filter(cycle=cycle))


def sample_of_cycle(cycle: PaymentCycle) -> QuerySet[PaymentVerification]:
    """The cycle's sampled households, with their payment, municipality and members (the page
    shows the head's name and phone to whoever may read them)."""
    return (
        PaymentVerification.objects.filter(cycle=cycle)
        .select_related("payment", "household__municipality", "recorded_by")
        .prefetch_related("household__members")
        .order_by("household__household_ref")
    )


def verification_by_id(programme_slug: str, pk: int) -> PaymentVerification | None:
    return (
        PaymentVerification.objects.select_related(
            "cycle__programme__operator", "payment", "household__municipality"
        )
        .filter(cycle__programme__slug=programme_slug, pk=pk)
        .first()
    )


def verification_table(cycle: PaymentCycle) -> list[list[Any]]:
    """The cycle's sampled households for a download: household reference, municipality,
    amounts and answers, never a name, a phone or the caller's notes (which may name people)."""
    sample = (
        PaymentVerification.objects.filter(cycle=cycle)
        .select_related("payment", "household__municipality")
        .order_by("household__household_ref")
    )
    currency = cycle.programme.currency
    return [
        [
            one.household.household_ref,
            str(one.household.municipality),
            one.payment.amount,
            currency,
            one.get_reached_display(),
            one.get_received_display(),
            one.amount_received,
            one.satisfaction,
            one.contacted_on,
        ]
        for one in sample
    ]
