"""Paid cycles for payment verification tests: households enrolled through the services, one
payment list per cycle, and the payments marked as the provider reported them."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from migralocal.assistance import payment_services
from migralocal.assistance.models import CashProgramme, Household, Payment, PaymentCycle
from migralocal.assistance.tests.payment_builders import FINANCE, cycle, enrolled
from migralocal.assistance.tests.payment_builders import targeting_programme as _programme
from migralocal.core.tests.world import World


def verification_programme(world: World) -> CashProgramme:
    return _programme(world, budget=Decimal("100000.00"))


def households(world: World, programme: CashProgramme, count: int) -> list[Household]:
    return enrolled(world, programme, *((f"V{n:02d}", 1 + n % 3) for n in range(count)))


def paid_cycle(
    world: World, programme: CashProgramme, number: int, *, unpaid: int = 0
) -> PaymentCycle:
    """A cycle whose list pays every enrolled household, all paid but the first `unpaid`
    (those failed)."""
    made = cycle(world, programme, number)
    provider = programme.providers.first() or payment_services.provider_create(
        actor=world.user(FINANCE),
        programme=programme,
        name="Banco",
        kind="bank",
        export_columns=["reference", "amount"],
    )
    payment_services.payment_list_create(actor=world.user(FINANCE), cycle=made, provider=provider)
    payments = list(Payment.objects.filter(cycle=made).order_by("household__household_ref"))
    now = timezone.now()
    for position, payment in enumerate(payments):
        payment.status = Payment.Status.FAILED if position < unpaid else Payment.Status.PAID
        payment.reconciled_at = now
    Payment.objects.bulk_update(payments, ["status", "reconciled_at"])
    return made
