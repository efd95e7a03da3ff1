"""Cash programmes and households for tests, built through the services the pages use."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from allauth.mfa.models import Authenticator

from migralocal.assistance import services
from migralocal.assistance.models import CashProgramme, Household, StaffRole
from migralocal.core.models import User
from migralocal.core.tests.world import World, give_authenticator

CONSENT = "Registration and payments of the transfer programme"


def make_staff(world: World) -> None:
    """hub_staff is an assistance officer of El Progreso's municipality, other_hub_staff of San
    Salvador's; focal_point manages El Progreso's cash assistance. Assistance staff reach
    identifying details, so each has an authenticator app, as the platform requires."""
    admin = world.user("admin")
    for role, organisation, staff_role in (
        ("hub_staff", world.el_progreso_municipality, StaffRole.OFFICER),
        ("other_hub_staff", world.san_salvador_municipality, StaffRole.OFFICER),
        ("focal_point", world.el_progreso_municipality, StaffRole.MANAGER),
    ):
        services.staff_grant(
            actor=admin, user=world.user(role), organisation=organisation, role=staff_role
        )
        if not Authenticator.objects.filter(user=world.user(role)).exists():
            give_authenticator(world.user(role))


def programme_fields(world: World, **changes: object) -> services.ProgrammeFields:
    fields = services.ProgrammeFields(
        name="Transferencias COVID-19",
        operator=world.el_progreso_municipality,
        country=world.honduras,
        currency="hnl",
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
        budget=Decimal("100000.00"),
        population_groups=["refugee", "migrant", "host"],
        transfer_basis="size_band",
        size_bands=[
            {"min": 1, "max": 3, "amount": "60"},
            {"min": 4, "max": None, "amount": "90"},
        ],
        cycles=3,
        criteria=[
            {"code": "dependants", "label": "Dependants", "weight": 3},
            {"code": "female_head", "label": "Female-headed household", "weight": 2},
        ],
        municipalities=[world.el_progreso],
    )
    for name, value in changes.items():
        setattr(fields, name, value)
    return fields


def make_programme(world: World, *, slug: str = "covid-el-progreso") -> CashProgramme:
    make_staff(world)
    return services.programme_create(
        actor=world.user("admin"), slug=slug, fields=programme_fields(world)
    )


def member(ref: str, given: str, family: str, **changes: object) -> services.MemberData:
    data = services.MemberData(
        person_ref=ref,
        given_names=given,
        family_names=family,
        sex="female",
        date_of_birth=dt.date(1990, 5, 17),
        document_type="passport",
        document_number="V12345678",
        phone="+504 9988 7766",
        population_group="migrant",
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def register(
    world: World, programme: CashProgramme, ref: str, *members: services.MemberData
) -> Household:
    (household,) = services.households_register(
        actor=world.user("hub_staff"),
        programme=programme,
        households=[
            services.HouseholdData(
                household_ref=ref,
                municipality=world.el_progreso,
                population_group="migrant",
                members=list(members),
            )
        ],
        consent_purpose=CONSENT,
    )
    return household


def no_two_factor(user: User) -> User:
    Authenticator.objects.filter(user=user).delete()
    return User.objects.get(pk=user.pk)


def make_grievance_focal_point(world: World) -> User:
    """The trainer is the grievance focal point of El Progreso's cash assistance."""
    user = world.user("trainer")
    services.staff_grant(
        actor=world.user("admin"),
        user=user,
        organisation=world.el_progreso_municipality,
        role=StaffRole.GRIEVANCE_FOCAL_POINT,
    )
    if not Authenticator.objects.filter(user=user).exists():
        give_authenticator(user)
    return User.objects.get(pk=user.pk)
