"""Demo payment verification: for each paid cycle of a programme, a fifth of its paid
households drawn and called a week after the cycle ended. Most were reached and received the
whole transfer; a few could not be reached; one received less than it was paid. A cycle with
no paid household, or already sampled, is left as it is."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from migralocal.assistance import verification_services
from migralocal.assistance.models import (
    AssistanceStaff,
    CashProgramme,
    Payment,
    PaymentCycle,
    PaymentVerification,
    StaffRole,
    VerificationDraw,
)
from migralocal.assistance.verification import Reached, Received
from migralocal.assistance.verification_services import VerificationResult
from migralocal.core.models import User

SHARE = Decimal("20")
CALLED_AFTER = dt.timedelta(days=7)
NOTES = ("Cobró en la agencia.", "Recibió el mensaje de cobro.", "")


def _staff(programme: CashProgramme, role: str) -> User | None:
    found = (
        AssistanceStaff.objects.filter(organisation_id=programme.operator_id, role=role)
        .select_related("user")
        .first()
    )
    return found.user if found else None


def _result(rng: random.Random, day: dt.date, amount: Decimal, short: bool) -> VerificationResult:
    if short:
        return VerificationResult(
            Reached.YES, Received.PARTLY, amount - Decimal(10), 2, day, "Le cobraron una comisión."
        )
    roll = rng.random()
    if roll < 0.08:
        return VerificationResult(Reached.UNREACHABLE, contacted_on=day)
    if roll < 0.14:
        return VerificationResult(Reached.NO, contacted_on=day, notes="No contestó.")
    return VerificationResult(
        Reached.YES, Received.YES, amount, rng.choice((4, 4, 5, 5, 5, 3)), day, rng.choice(NOTES)
    )


@transaction.atomic
def add_verification_results(programme: CashProgramme) -> int:
    """Sample every paid cycle of the programme not sampled yet and record the calls. Returns
    how many households were called."""
    manager = _staff(programme, StaffRole.MANAGER)
    caller = _staff(programme, StaffRole.OFFICER) or manager
    if manager is None or caller is None:
        return 0
    rng = random.Random(programme.pk)  # noqa: S311  (made-up demo answers, the same every time)
    called = 0
    short_given = False
    cycles = PaymentCycle.objects.filter(programme=programme).order_by("number")
    for cycle in cycles:
        paid = Payment.objects.filter(cycle=cycle, status=Payment.Status.PAID)
        if not paid.exists() or PaymentVerification.objects.filter(cycle=cycle).exists():
            continue
        draw = verification_services.verification_sample_draw(
            actor=manager, cycle=cycle, share=SHARE, seed=cycle.number
        )
        day = min(cycle.ends_on + CALLED_AFTER, timezone.localdate())
        drawn_at = timezone.make_aware(dt.datetime.combine(cycle.ends_on, dt.time(9)))
        VerificationDraw.objects.filter(pk=draw.pk).update(drawn_at=min(drawn_at, timezone.now()))
        for verification in draw.verifications.select_related("payment", "cycle").order_by("pk"):
            short = not short_given
            short_given = True
            verification_services.verification_record(
                actor=caller,
                verification=verification,
                result=_result(rng, day, verification.payment.amount, short),
            )
            called += 1
    return called
