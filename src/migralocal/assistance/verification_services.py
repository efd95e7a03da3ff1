"""Payment verification: drawing a cycle's sample of paid households and recording what each
said when staff called. Every write checks the actor first and runs in a transaction.

A draw takes households whose payment of the cycle was paid and that no earlier draw of the
cycle took (the database refuses a household sampled twice in one cycle), in a random order
fixed by a recorded seed: `paid_candidates` and the seed give the same sample again."""

from __future__ import annotations

import datetime as dt
import math
import random
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from migralocal.assistance.models import Payment, PaymentCycle
from migralocal.assistance.permissions import may
from migralocal.assistance.verification import (
    NOTES_MAX,
    PaymentVerification,
    Reached,
    Received,
    VerificationDraw,
)
from migralocal.core.models import Actor, User

SEED_BITS = 62


def _require(actor: Actor, permission: str, obj: object) -> None:
    if not may(actor, permission, obj):
        raise PermissionDenied


def paid_candidates(cycle: PaymentCycle) -> list[Payment]:
    """The cycle's paid payments whose household has not been sampled in it yet, by id."""
    return list(
        Payment.objects.filter(cycle=cycle, status=Payment.Status.PAID)
        .exclude(household__verifications__cycle=cycle)
        .order_by("pk")
    )


def sample_of(candidates: list[Payment], size: int, seed: int) -> list[Payment]:
    """`size` of the candidates, drawn with `seed`: the same seed, the same sample."""
    return random.Random(seed).sample(candidates, size)  # noqa: S311  (a sample, not a secret)


def sample_size(available: int, *, size: int | None, share: Decimal | None) -> int:
    """How many households a draw takes: a number, or a share (%) of those available, rounded
    up. Exactly one of the two; never more than are available, never none."""
    if (size is None) == (share is None):
        raise ValidationError(_("Give either a number of households or a share, not both."))
    if available == 0:
        raise ValidationError(_("No paid household of this cycle is left to sample."))
    if share is not None:
        if not Decimal(0) < share <= Decimal(100):
            raise ValidationError({"share": _("The share must be more than 0 and at most 100.")})
        return max(1, math.ceil(available * share / Decimal(100)))
    if size is None or size < 1:
        raise ValidationError({"size": _("Sample at least one household.")})
    if size > available:
        raise ValidationError(
            {
                "size": _("Only %(available)d paid households of this cycle are left to sample.")
                % {"available": available}
            }
        )
    return size


@transaction.atomic
def verification_sample_draw(
    *,
    actor: Actor,
    cycle: PaymentCycle,
    size: int | None = None,
    share: Decimal | None = None,
    seed: int | None = None,
) -> VerificationDraw:
    """Draw a random sample of the cycle's paid households not sampled yet, recording the seed
    and how many it was drawn from. All or nothing."""
    _require(actor, "assistance.draw_verification_samples", cycle.programme)
    candidates = paid_candidates(cycle)
    count = sample_size(len(candidates), size=size, share=share)
    used_seed = secrets.randbits(SEED_BITS) if seed is None else seed
    draw = VerificationDraw.objects.create(
        cycle=cycle,
        requested_size=size,
        requested_share=share,
        seed=used_seed,
        candidates=len(candidates),
        drawn_by=actor if isinstance(actor, User) else None,
    )
    try:
        with transaction.atomic():
            PaymentVerification.objects.bulk_create(
                PaymentVerification(
                    draw=draw, cycle=cycle, payment=payment, household_id=payment.household_id
                )
                for payment in sample_of(candidates, count, used_seed)
            )
    except IntegrityError:
        # Another draw of this cycle took one of these households meanwhile.
        raise ValidationError(
            _("Another sample of this cycle was drawn meanwhile: draw again.")
        ) from None
    return draw


@dataclass(frozen=True)
class VerificationResult:
    reached: str
    received: str = ""
    amount_received: Decimal | None = None
    satisfaction: int | None = None
    contacted_on: dt.date | None = None
    notes: str = ""


def _check(result: VerificationResult, cycle: PaymentCycle) -> dict[str, str]:
    errors: dict[str, str] = {}
    if result.reached not in Reached.values:
        errors["reached"] = _("Say whether the household was reached.")
    elif result.reached == Reached.YES:
        if result.received not in Received.values:
            errors["received"] = _("Say whether the household received the transfer.")
        elif result.received == Received.NO and result.amount_received not in (None, Decimal(0)):
            errors["amount_received"] = _("A household that received nothing received no amount.")
        elif result.received != Received.NO and result.amount_received is None:
            errors["amount_received"] = _("Give the amount the household received.")
    elif result.received or result.amount_received is not None or result.satisfaction:
        errors["reached"] = _(
            "Only a household that was reached can say what it received or how satisfied it is."
        )
    amount = result.amount_received
    if amount is not None and (not amount.is_finite() or amount < 0):
        errors["amount_received"] = _("The amount cannot be negative.")
    if result.satisfaction is not None and not 1 <= result.satisfaction <= 5:
        errors["satisfaction"] = _("The satisfaction goes from 1 to 5.")
    day = result.contacted_on
    if day is None:
        errors["contacted_on"] = _("Give the day the household was called.")
    elif day > timezone.localdate() or day < cycle.starts_on:
        errors["contacted_on"] = _(
            "The day of the call must be between the start of the cycle and today."
        )
    if len(result.notes) > NOTES_MAX:
        errors["notes"] = _("Keep the notes under %(count)d characters.") % {"count": NOTES_MAX}
    return errors


@transaction.atomic
def verification_record(
    *, actor: Actor, verification: PaymentVerification, result: VerificationResult
) -> PaymentVerification:
    """Record (or correct) what a sampled household said: whether it was reached, whether it
    received the transfer and how much of it (in the programme's currency), how satisfied it
    is, the day of the call and short notes without identifying data."""
    _require(actor, "assistance.record_verifications", verification.cycle.programme)
    errors = _check(result, verification.cycle)
    if errors:
        raise ValidationError(errors)
    reached = result.reached == Reached.YES
    verification.reached = result.reached
    verification.received = result.received if reached else ""
    received_nothing = reached and result.received == Received.NO
    verification.amount_received = (
        Decimal("0.00") if received_nothing else (result.amount_received if reached else None)
    )
    verification.satisfaction = result.satisfaction if reached else None
    verification.contacted_on = result.contacted_on
    verification.notes = result.notes.strip()
    verification.recorded_by = actor if isinstance(actor, User) else None
    verification.recorded_at = timezone.now()
    verification.save()
    return verification
