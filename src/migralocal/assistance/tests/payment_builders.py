"""Targeting and payments for tests: an approver and a finance officer beside the officer and the
manager of `builders.make_staff`, and households taken to enrolment through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from allauth.mfa.models import Authenticator

from migralocal.assistance import payment_services, services
from migralocal.assistance.models import CashProgramme, Household, PaymentCycle, StaffRole
from migralocal.assistance.tests.builders import make_staff, member, programme_fields, register
from migralocal.core.tests.world import World, give_authenticator

APPROVER, FINANCE = "trainer", "mentor"
CRITERIA = [
    {"code": "household_size", "label": "Large household", "weight": 2},
    {"code": "dependants", "label": "Dependants", "weight": 3},
    {"code": "disability", "label": "Disability", "weight": 4},
    {"code": "female_head", "label": "Female-headed household", "weight": 2},
    {"code": "income_lost", "label": "Income lost", "weight": 5},
    {"code": "no_other_assistance", "label": "No other assistance", "weight": 1},
]


def make_payment_staff(world: World) -> None:
    """trainer approves and mentor is the finance officer of El Progreso's cash assistance."""
    make_staff(world)
    for role, staff_role in ((APPROVER, StaffRole.APPROVER), (FINANCE, StaffRole.FINANCE)):
        services.staff_grant(
            actor=world.user("admin"),
            user=world.user(role),
            organisation=world.el_progreso_municipality,
            role=staff_role,
        )
        if not Authenticator.objects.filter(user=world.user(role)).exists():
            give_authenticator(world.user(role))


def targeting_programme(world: World, **changes: object) -> CashProgramme:
    make_payment_staff(world)
    fields = programme_fields(
        world,
        transfer_basis="per_member",
        transfer_amount=Decimal("33.33"),
        size_bands=[],
        criteria=CRITERIA,
        budget=Decimal("1000.00"),
    )
    for name, value in changes.items():
        setattr(fields, name, value)
    return services.programme_create(actor=world.user("admin"), slug="pagos", fields=fields)


def household(
    world: World, programme: CashProgramme, ref: str, size: int = 1, **answers: bool
) -> Household:
    people = [
        member(f"{ref}-{n}", f"Persona{n}", f"Hogar {ref}", document_number=f"D{ref}{n}")
        for n in range(size)
    ]
    created = register(world, programme, ref, *people)
    for name, value in answers.items():
        setattr(created, name, value)
    created.save()
    return created


def enrolled(
    world: World, programme: CashProgramme, *refs_sizes: tuple[str, int]
) -> list[Household]:
    """Households registered by the officer, assessed, approved by the approver, enrolled."""
    households = [
        household(world, programme, ref, size, income_lost=True) for ref, size in refs_sizes
    ]
    payment_services.households_assess(actor=world.user("hub_staff"), programme=programme)
    payment_services.households_approve(
        actor=world.user(APPROVER), programme=programme, households=households
    )
    payment_services.households_enrol(actor=world.user(APPROVER), programme=programme)
    return households


def cycle(world: World, programme: CashProgramme, number: int) -> PaymentCycle:
    return payment_services.cycle_create(
        actor=world.user(FINANCE),
        programme=programme,
        number=number,
        starts_on=dt.date(2026, number, 1),
        ends_on=dt.date(2026, number, 28),
    )
