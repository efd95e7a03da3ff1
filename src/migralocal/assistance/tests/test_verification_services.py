"""Payment verification through the services: samples drawn only from a cycle's paid
households, never the same household twice in a cycle (the database holds it), reproducible
from the recorded seed, within bounds; results checked and recorded whole; rates computed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from migralocal.assistance import verification_selectors, verification_services
from migralocal.assistance.models import (
    CashProgramme,
    Payment,
    PaymentCycle,
    PaymentVerification,
    VerificationDraw,
)
from migralocal.assistance.tests.payment_builders import APPROVER, FINANCE
from migralocal.assistance.tests.verification_builders import (
    households,
    paid_cycle,
    verification_programme,
)
from migralocal.assistance.verification_services import VerificationResult
from migralocal.core.tests.world import World

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 1, 20)


def _paid_world(
    world: World, count: int = 10, unpaid: int = 3
) -> tuple[CashProgramme, PaymentCycle]:
    programme = verification_programme(world)
    households(world, programme, count)
    return programme, paid_cycle(world, programme, 1, unpaid=unpaid)


def test_a_sample_is_drawn_from_the_cycles_paid_households_only(world: World) -> None:
    _programme, cycle = _paid_world(world)
    draw = verification_services.verification_sample_draw(
        actor=world.user(FINANCE), cycle=cycle, size=7
    )
    statuses = set(draw.verifications.values_list("payment__status", flat=True))
    assert statuses == {Payment.Status.PAID}
    assert draw.verifications.count() == 7
    assert draw.candidates == 7
    with pytest.raises(ValidationError, match="ningún hogar pagado"):
        verification_services.verification_sample_draw(
            actor=world.user(FINANCE), cycle=cycle, size=1
        )


def test_a_second_draw_takes_households_not_sampled_yet(world: World) -> None:
    _programme, cycle = _paid_world(world, count=10, unpaid=0)
    first = verification_services.verification_sample_draw(
        actor=world.user("focal_point"), cycle=cycle, size=4
    )
    second = verification_services.verification_sample_draw(
        actor=world.user(FINANCE), cycle=cycle, share=Decimal("50")
    )
    assert second.candidates == 6
    assert second.verifications.count() == 3  # half of 6
    taken = set(first.verifications.values_list("household", flat=True))
    assert taken.isdisjoint(second.verifications.values_list("household", flat=True))


def test_the_database_refuses_a_household_sampled_twice_in_a_cycle(world: World) -> None:
    _programme, cycle = _paid_world(world, count=3, unpaid=0)
    draw = verification_services.verification_sample_draw(
        actor=world.user(FINANCE), cycle=cycle, size=1
    )
    one = draw.verifications.get()
    other = Payment.objects.filter(cycle=cycle).exclude(pk=one.payment_id).first()
    assert other is not None
    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentVerification.objects.create(
            draw=draw, cycle=cycle, payment=other, household_id=one.household_id
        )


def test_the_draw_is_reproducible_from_its_seed(world: World) -> None:
    _programme, cycle = _paid_world(world, count=10, unpaid=0)
    candidates = verification_services.paid_candidates(cycle)
    draw = verification_services.verification_sample_draw(
        actor=world.user(FINANCE), cycle=cycle, size=5, seed=1234
    )
    again = verification_services.sample_of(candidates, 5, draw.seed)
    assert draw.seed == 1234
    assert set(draw.verifications.values_list("payment", flat=True)) == {p.pk for p in again}


@pytest.mark.parametrize(
    ("size", "share", "message"),
    [
        (None, None, "Indique un número de hogares o una proporción"),
        (3, Decimal("10"), "Indique un número de hogares o una proporción"),
        (0, None, "Tome al menos un hogar"),
        (8, None, "Solo quedan 7 hogares pagados"),
        (None, Decimal("0"), "La proporción debe ser mayor que 0"),
        (None, Decimal("120"), "La proporción debe ser mayor que 0"),
    ],
)
def test_bad_sizes_are_refused_in_words_and_nothing_is_written(
    world: World, size: int | None, share: Decimal | None, message: str
) -> None:
    _programme, cycle = _paid_world(world)
    with translation.override("es"), pytest.raises(ValidationError, match=message):
        verification_services.verification_sample_draw(
            actor=world.user(FINANCE), cycle=cycle, size=size, share=share
        )
    assert not VerificationDraw.objects.exists()
    assert not PaymentVerification.objects.exists()


def test_a_share_is_rounded_up_and_never_none(world: World) -> None:
    assert verification_services.sample_size(7, size=None, share=Decimal("10")) == 1
    assert verification_services.sample_size(7, size=None, share=Decimal("50")) == 4
    assert verification_services.sample_size(7, size=None, share=Decimal("100")) == 7


def test_only_finance_officers_and_the_manager_draw(world: World) -> None:
    _programme, cycle = _paid_world(world)
    for role in ("hub_staff", APPROVER, "other_hub_staff", "admin"):
        with pytest.raises(PermissionDenied):
            verification_services.verification_sample_draw(
                actor=world.user(role), cycle=cycle, size=1
            )
    assert not VerificationDraw.objects.exists()


def _sampled(world: World, size: int = 7) -> list[PaymentVerification]:
    _programme, cycle = _paid_world(world)
    draw = verification_services.verification_sample_draw(
        actor=world.user(FINANCE), cycle=cycle, size=size, seed=7
    )
    return list(draw.verifications.select_related("payment", "cycle__programme"))


def test_officers_and_finance_record_results_and_the_rates_follow(world: World) -> None:
    sample = _sampled(world)
    full = sample[0].payment.amount
    results = [
        VerificationResult("yes", "yes", full, 5, DAY),
        VerificationResult("yes", "yes", full, 4, DAY),
        VerificationResult("yes", "partly", full - 10, 2, DAY, "Paid a fee at the agent"),
        VerificationResult("yes", "no", None, 1, DAY),
        VerificationResult("unreachable", contacted_on=DAY),
        VerificationResult("no", contacted_on=DAY),
    ]
    for verification, result, role in zip(
        sample, results, ["hub_staff", FINANCE, "focal_point"] * 2, strict=False
    ):
        verification_services.verification_record(
            actor=world.user(role), verification=verification, result=result
        )
    rates = verification_selectors.cycle_rates(sample[0].cycle)
    assert (rates.sampled, rates.recorded, rates.verified) == (7, 6, 4)
    assert rates.received == 2
    assert rates.verification_rate == pytest.approx(4 / 7)
    assert rates.received_share == pytest.approx(2 / 4)
    amounts = {v.pk: v.payment.amount for v in sample}
    expected_mismatch = sum(
        1
        for v, r in zip(sample, results, strict=False)
        if r.reached == "yes"
        and (Decimal(0) if r.received == "no" else r.amount_received) != amounts[v.pk]
    )
    assert rates.mismatched == expected_mismatch
    nothing = PaymentVerification.objects.get(pk=sample[3].pk)
    assert nothing.amount_received == Decimal("0.00")
    assert nothing.recorded_by == world.user("hub_staff")


@pytest.mark.parametrize(
    ("result", "field"),
    [
        (VerificationResult("", contacted_on=DAY), "reached"),
        (VerificationResult("yes", contacted_on=DAY), "received"),
        (VerificationResult("yes", "yes", None, 3, DAY), "amount_received"),
        (VerificationResult("yes", "no", Decimal("5"), 3, DAY), "amount_received"),
        (VerificationResult("yes", "yes", Decimal("-1"), 3, DAY), "amount_received"),
        (VerificationResult("yes", "yes", Decimal("1"), 6, DAY), "satisfaction"),
        (VerificationResult("no", "yes", contacted_on=DAY), "reached"),
        (VerificationResult("yes", "yes", Decimal("1"), 3, None), "contacted_on"),
        (VerificationResult("yes", "yes", Decimal("1"), 3, dt.date(2025, 1, 1)), "contacted_on"),
        (VerificationResult("yes", "yes", Decimal("1"), 3, DAY, "x" * 301), "notes"),
    ],
)
def test_bad_results_are_refused_by_field_and_nothing_is_written(
    world: World, result: VerificationResult, field: str
) -> None:
    (verification,) = _sampled(world, size=1)
    with translation.override("es"), pytest.raises(ValidationError) as refused:
        verification_services.verification_record(
            actor=world.user(FINANCE), verification=verification, result=result
        )
    assert field in refused.value.message_dict
    stored = PaymentVerification.objects.get(pk=verification.pk)
    assert (stored.reached, stored.recorded_at) == ("", None)


def test_approvers_and_other_operators_do_not_record(world: World) -> None:
    (verification,) = _sampled(world, size=1)
    for role in (APPROVER, "other_hub_staff", "admin"):
        with pytest.raises(PermissionDenied):
            verification_services.verification_record(
                actor=world.user(role),
                verification=verification,
                result=VerificationResult("unreachable", contacted_on=DAY),
            )


def test_the_demo_samples_each_paid_cycle_once_with_one_wrong_amount(world: World) -> None:
    from migralocal.assistance.verification_demo import add_verification_results

    programme, cycle = _paid_world(world, count=10, unpaid=0)
    unpaid = paid_cycle(world, programme, 2, unpaid=10)
    assert add_verification_results(programme) == 2  # a fifth of ten
    assert not PaymentVerification.objects.filter(cycle=unpaid).exists()
    called = PaymentVerification.objects.filter(cycle=cycle).select_related("payment")
    assert all(one.recorded_at is not None for one in called)
    wrong = [one for one in called if one.amount_received not in (None, one.payment.amount)]
    assert len(wrong) == 1 and wrong[0].received == "partly"
    assert add_verification_results(programme) == 0  # already sampled
