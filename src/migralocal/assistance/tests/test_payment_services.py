"""Targeting and payments through the services: scores with their reasons, the ranked list cut
at the budget, four-eyes approval, payment lists (one payment per household and cycle, held by
the database), exports, the provider's report read back all or nothing, failed payments paid
again, the budget kept, and totals that reconcile to the cent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from openpyxl import load_workbook

from migralocal.assistance import payment_selectors, payment_services, services
from migralocal.assistance.models import (
    CashProgramme,
    FinancialServiceProvider,
    Household,
    Payment,
    PaymentList,
)
from migralocal.assistance.tests.builders import member, register
from migralocal.assistance.tests.payment_builders import (
    APPROVER,
    FINANCE,
    cycle,
    enrolled,
    household,
    targeting_programme,
)
from migralocal.core.models import AccessLog
from migralocal.core.tests.world import World
from migralocal.programmes import services as programme_services
from migralocal.programmes.tests.builders import make_programme as make_funding_programme

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 3, 1)


def test_a_cash_programme_belongs_to_several_programmes(world: World) -> None:
    first = make_funding_programme(world, slug="uno")
    second = make_funding_programme(world, slug="dos")
    programme = targeting_programme(world, programmes=[first, second])

    assert set(programme.programmes.all()) == {first, second}
    assert list(first.cash_programmes.all()) == [programme]
    # The programme's own page attaches cash programmes as one of its kinds of activity.
    third = make_funding_programme(world, slug="tres", countries=[world.el_salvador])
    with pytest.raises(ValidationError):
        programme_services.activities_attach(
            actor=world.user("admin"),
            programme=third,
            kind="cash_programmes",
            activities=[programme],
        )


def test_the_score_adds_the_weights_of_the_criteria_that_hold_with_reasons(world: World) -> None:
    programme = targeting_programme(world)
    people = [
        member("A-0", "Rosa", "Díaz", sex="female"),
        member("A-1", "Niña", "Díaz", date_of_birth=dt.date(2019, 1, 1)),
        member("A-2", "Abuelo", "Díaz", sex="male", date_of_birth=dt.date(1950, 1, 1)),
        member("A-3", "Tío", "Díaz", sex="male"),
        member("A-4", "Tía", "Díaz"),
    ]
    large = register(world, programme, "A", *people)
    large.has_disability = True
    large.other_assistance = True
    large.save()
    small = household(world, programme, "B", other_assistance=True)
    small.members.update(sex="male")

    assessed = payment_services.households_assess(
        actor=world.user("hub_staff"), programme=programme, on=ON
    )

    large.refresh_from_db()
    small.refresh_from_db()
    assert assessed == 2
    assert large.status == Household.Status.ELIGIBLE
    assert large.score == Decimal("11.00")  # size 2 + dependants 3 + disability 4 + female head 2
    assert [(r["code"], r["weight"], r["detail"]) for r in large.score_reasons] == [
        ("household_size", 2.0, "5"),
        ("dependants", 3.0, "2"),
        ("disability", 4.0, ""),
        ("female_head", 2.0, ""),
    ]
    assert small.status == Household.Status.NOT_ELIGIBLE
    assert small.score == Decimal("0.00") and small.score_reasons == []


def test_the_ranked_list_is_cut_at_the_budget(world: World) -> None:
    # 33.33 a member, 3 cycles: 99.99 a person; 1000 holds ten people.
    programme = targeting_programme(world)
    household(world, programme, "H1", size=4, income_lost=True, has_disability=True)
    household(world, programme, "H2", size=4, income_lost=True)
    household(world, programme, "H3", size=4, income_lost=True)
    payment_services.households_assess(actor=world.user("hub_staff"), programme=programme)

    rows = payment_selectors_ranked = payment_services.ranked_households(programme)

    assert [row.household.household_ref for row in payment_selectors_ranked] == ["H1", "H2", "H3"]
    assert [row.cost for row in rows] == [Decimal("399.96")] * 3
    assert [row.within_budget for row in rows] == [True, True, False]
    assert rows[1].cumulative == Decimal("799.92")


def test_four_eyes_whoever_registered_a_household_cannot_approve_it(world: World) -> None:
    programme = targeting_programme(world)
    by_officer = household(world, programme, "H1", income_lost=True)
    (by_manager,) = services.households_register(
        actor=world.user("focal_point"),
        programme=programme,
        households=[
            services.HouseholdData(
                household_ref="H2",
                municipality=world.el_progreso,
                population_group="migrant",
                members=[member("M-1", "Marta", "Ruiz")],
                income_lost=True,
            )
        ],
        consent_purpose="Pagos",
    )
    payment_services.households_assess(actor=world.user("hub_staff"), programme=programme)

    with pytest.raises(ValidationError) as refused:
        payment_services.households_approve(
            actor=world.user("focal_point"),
            programme=programme,
            households=[by_officer, by_manager],
        )
    assert "Usted registró el hogar H2" in str(refused.value.messages[0]) or "H2" in str(
        refused.value.messages
    )
    assert not Household.objects.filter(status=Household.Status.APPROVED).exists()
    for role in ("hub_staff", FINANCE, "admin", "other_hub_staff"):
        with pytest.raises(PermissionDenied):
            payment_services.households_approve(
                actor=world.user(role), programme=programme, households=[by_officer]
            )

    assert (
        payment_services.households_approve(
            actor=world.user("focal_point"), programme=programme, households=[by_officer]
        )
        == 1
    )
    payment_services.households_approve(
        actor=world.user(APPROVER), programme=programme, households=[by_manager]
    )
    assert payment_services.households_enrol(actor=world.user(APPROVER), programme=programme) == 2
    by_officer.refresh_from_db()
    assert by_officer.status == Household.Status.ENROLLED
    assert by_officer.approved_by == world.user("focal_point")


def test_households_outside_the_budget_or_not_eligible_are_not_approved(world: World) -> None:
    programme = targeting_programme(world, budget=Decimal("150"))
    first = household(world, programme, "H1", income_lost=True, has_disability=True)
    second = household(world, programme, "H2", income_lost=True)
    third = household(world, programme, "H3", other_assistance=True)
    payment_services.households_assess(actor=world.user("hub_staff"), programme=programme)

    for chosen in ([second], [third], []):
        with pytest.raises(ValidationError):
            payment_services.households_approve(
                actor=world.user(APPROVER), programme=programme, households=chosen
            )
    payment_services.households_approve(
        actor=world.user(APPROVER), programme=programme, households=[first]
    )
    assert Household.objects.get(status=Household.Status.APPROVED) == first


def test_providers_and_cycles_refuse_bad_rules(world: World) -> None:
    programme = targeting_programme(world)
    finance = world.user(FINANCE)
    bad_providers = [
        {"kind": "cheque", "export_columns": ["reference", "amount"]},
        {"kind": "bank", "export_columns": ["reference"]},
        {"kind": "bank", "export_columns": ["reference", "amount", "salary"]},
    ]
    for bad in bad_providers:
        with pytest.raises(ValidationError):
            payment_services.provider_create(
                actor=finance,
                programme=programme,
                name="Banco",
                **bad,  # type: ignore[arg-type]
            )
    with pytest.raises(PermissionDenied):
        payment_services.provider_create(
            actor=world.user("hub_staff"),
            programme=programme,
            name="Banco",
            kind="bank",
            export_columns=["reference", "amount"],
        )
    cycle(world, programme, 1)
    for number, starts, ends in (
        (1, dt.date(2026, 2, 1), dt.date(2026, 2, 2)),  # twice
        (4, dt.date(2026, 4, 1), dt.date(2026, 4, 2)),  # the programme pays in three
        (2, dt.date(2027, 1, 1), dt.date(2027, 1, 2)),  # after the programme
        (2, dt.date(2026, 5, 2), dt.date(2026, 5, 1)),  # ends before it starts
    ):
        with pytest.raises(ValidationError):
            payment_services.cycle_create(
                actor=finance, programme=programme, number=number, starts_on=starts, ends_on=ends
            )


def _provider(
    world: World,
    programme: CashProgramme,
    name: str = "Tigo Money",
    columns: list[str] | None = None,
) -> FinancialServiceProvider:
    return payment_services.provider_create(
        actor=world.user(FINANCE),
        programme=programme,
        name=name,
        kind="mobile_money",
        export_columns=columns or ["reference", "given_names", "phone", "amount", "currency"],
    )


def test_one_payment_per_enrolled_household_and_never_two_in_a_cycle(world: World) -> None:
    programme = targeting_programme(world)
    one, _two = enrolled(world, programme, ("H1", 1), ("H2", 2))
    first_cycle = cycle(world, programme, 1)
    provider = _provider(world, programme)
    other = _provider(world, programme, "Banco Atlántida", ["reference", "amount"])

    payment_list = payment_services.payment_list_create(
        actor=world.user(FINANCE), cycle=first_cycle, provider=provider
    )

    amounts = {p.household.household_ref: p.amount for p in payment_list.payments.all()}
    assert amounts == {"H1": Decimal("33.33"), "H2": Decimal("66.66")}
    with pytest.raises(ValidationError, match="No queda ningún hogar inscrito"):
        payment_services.payment_list_create(
            actor=world.user(FINANCE), cycle=first_cycle, provider=other
        )
    # The database itself refuses a second payment of a household in a cycle.
    other_list = PaymentList.objects.create(cycle=first_cycle, provider=other)
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.create(
            payment_list=other_list, cycle=first_cycle, household=one, reference="X", amount=1
        )
    for role in ("hub_staff", APPROVER, "admin"):
        with pytest.raises(PermissionDenied):
            payment_services.payment_list_create(
                actor=world.user(role), cycle=cycle(world, programme, 2), provider=other
            ) if role == "hub_staff" else payment_services.payment_list_create(
                actor=world.user(role), cycle=first_cycle, provider=other
            )


def test_the_export_has_the_configured_columns_without_formulas_and_is_logged(
    world: World,
) -> None:
    programme = targeting_programme(world)
    (one,) = enrolled(world, programme, ("H1", 1))
    one.members.update(given_names='=HYPERLINK("http://x")')
    payment_list = payment_services.payment_list_create(
        actor=world.user(FINANCE),
        cycle=cycle(world, programme, 1),
        provider=_provider(world, programme),
    )

    text = payment_services.payment_list_export(
        actor=world.user(FINANCE), payment_list=payment_list, file_format="csv"
    ).decode()
    workbook = load_workbook(
        __import__("io").BytesIO(
            payment_services.payment_list_export(
                actor=world.user(FINANCE), payment_list=payment_list, file_format="xlsx"
            )
        )
    )

    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0] == "Referencia del pago,Nombres,Teléfono,Monto,Moneda"
    assert lines[1].startswith(f"{payment_list.payments.get().reference},\"'=HYPERLINK")
    assert lines[1].endswith(",+504 9988 7766,33.33,HNL") or "33.33,HNL" in lines[1]
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[1][1].startswith("'=HYPERLINK")
    assert AccessLog.objects.filter(user=world.user(FINANCE)).count() == 2
    for role in ("hub_staff", APPROVER, "admin", "other_hub_staff"):
        with pytest.raises(PermissionDenied):
            payment_services.payment_list_export(
                actor=world.user(role), payment_list=payment_list, file_format="csv"
            )


def _report(*rows: str) -> bytes:
    return ("reference,status,amount,provider_reference\n" + "\n".join(rows) + "\n").encode()


def test_a_report_with_unknown_references_or_wrong_amounts_writes_nothing(world: World) -> None:
    programme = targeting_programme(world)
    enrolled(world, programme, ("H1", 1), ("H2", 2))
    payment_list = payment_services.payment_list_create(
        actor=world.user(FINANCE),
        cycle=cycle(world, programme, 1),
        provider=_provider(world, programme),
    )
    first, second = payment_list.payments.order_by("amount")

    with pytest.raises(ValidationError) as refused:
        payment_services.payment_list_reconcile(
            actor=world.user(FINANCE),
            payment_list=payment_list,
            content=_report(
                f"{first.reference},paid,33.33,T-1",
                "C999-H1,paid,33.33,T-2",
                f"{second.reference},paid,66.00,T-3",
                f"{first.reference},sent,33.33,T-4",
            ),
            filename="report.csv",
        )

    assert refused.value.messages == [
        "Fila 3: referencia de pago desconocida C999-H1.",
        f"Fila 4: el monto 66.00 no coincide con el de 66.66 del pago {second.reference}.",
        f"Fila 5: el pago {first.reference} aparece dos veces.",
    ]
    assert not Payment.objects.exclude(status=Payment.Status.PENDING).exists()
    for content in (b"", b"reference,amount\nX,1\n", b"\xff\xfe\x00bad"):
        with pytest.raises(ValidationError):
            payment_services.payment_list_reconcile(
                actor=world.user(FINANCE),
                payment_list=payment_list,
                content=content,
                filename="r.csv",
            )
    with pytest.raises(ValidationError):
        payment_services.payment_list_reconcile(
            actor=world.user(FINANCE),
            payment_list=payment_list,
            content=b"PK-not",
            filename="r.xlsx",
        )
    with pytest.raises(PermissionDenied):
        payment_services.payment_list_reconcile(
            actor=world.user("hub_staff"),
            payment_list=payment_list,
            content=_report(f"{first.reference},paid,33.33,T-1"),
            filename="r.csv",
        )


def test_failed_payments_are_paid_again_in_the_next_cycle(world: World) -> None:
    programme = targeting_programme(world)
    enrolled(world, programme, ("H1", 1), ("H2", 2))
    provider = _provider(world, programme)
    finance = world.user(FINANCE)
    first_list = payment_services.payment_list_create(
        actor=finance, cycle=cycle(world, programme, 1), provider=provider
    )
    failed, paid = first_list.payments.order_by("amount")
    payment_services.payment_list_reconcile(
        actor=finance,
        payment_list=first_list,
        content=_report(f"{failed.reference},failed,33.33,", f"{paid.reference},PAID,66.66,T-9"),
        filename="report.csv",
    )
    first_list.refresh_from_db()
    assert first_list.reconciled_at is not None

    second_list = payment_services.payment_list_create(
        actor=finance, cycle=cycle(world, programme, 2), provider=provider
    )

    again = second_list.payments.get(household=failed.household)
    assert again.amount == Decimal("66.66") and again.reissued_amount == Decimal("33.33")
    failed.refresh_from_db()
    assert failed.reissued_in == again
    assert second_list.payments.get(household=paid.household).amount == Decimal("66.66")
    # Paid again once only.
    third = payment_services.payment_list_create(
        actor=finance, cycle=cycle(world, programme, 3), provider=provider
    )
    assert third.payments.get(household=failed.household).reissued_amount == Decimal("0")


def test_a_list_over_the_budget_is_refused_and_nothing_written(world: World) -> None:
    programme = targeting_programme(world)
    enrolled(world, programme, ("H1", 3))
    programme.budget = Decimal("99.98")  # a cut of the budget after enrolment
    programme.save()
    with pytest.raises(ValidationError, match="superaría el presupuesto"):
        payment_services.payment_list_create(
            actor=world.user(FINANCE),
            cycle=cycle(world, programme, 1),
            provider=_provider(world, programme),
        )
    assert not PaymentList.objects.exists() and not Payment.objects.exists()


def test_totals_per_cycle_provider_and_municipality_reconcile_to_the_cent(world: World) -> None:
    programme = targeting_programme(world, budget=Decimal("100000"))
    other_area = world.el_progreso.__class__.objects.create(
        country=world.honduras, code="HN-YO-1805", name="Santa Rita", level="municipality"
    )
    programme.municipalities.add(other_area)
    enrolled(world, programme, ("H1", 1), ("H2", 2), ("H3", 3), ("H4", 7))
    Household.objects.filter(household_ref__in=["H2", "H4"]).update(municipality=other_area)
    finance = world.user(FINANCE)
    first_cycle = cycle(world, programme, 1)
    bank = _provider(world, programme, "Banco", ["reference", "amount"])
    mobile = _provider(world, programme)
    payment_services.payment_list_create(
        actor=finance, cycle=first_cycle, provider=bank, municipalities=[other_area]
    )
    payment_services.payment_list_create(actor=finance, cycle=first_cycle, provider=mobile)

    totals = payment_selectors.payment_totals(programme)

    (cycle_total,) = totals["cycles"]
    assert cycle_total["total"] == Decimal("433.29")  # 13 people at 33.33
    assert sum(row["total"] for row in totals["providers"]) == cycle_total["total"]
    assert sum(row["total"] for row in totals["municipalities"]) == cycle_total["total"]
    by_provider = {row["name"]: row["total"] for row in totals["providers"]}
    assert by_provider == {"Banco": Decimal("299.97"), "Tigo Money": Decimal("133.32")}
    assert cycle_total["pending"] == cycle_total["total"] and cycle_total["paid"] == 0


@pytest.mark.parametrize(
    ("role", "assesses", "approves", "pays"),
    [
        ("hub_staff", True, False, False),  # assistance officer
        (APPROVER, True, True, False),
        (FINANCE, False, False, True),
        ("focal_point", True, True, True),  # assistance programme manager
        ("admin", False, False, False),
        ("other_hub_staff", False, False, False),
        ("no_role", False, False, False),
    ],
)
def test_what_each_role_may_do_in_targeting_and_payments(
    world: World, role: str, assesses: bool, approves: bool, pays: bool
) -> None:
    programme = targeting_programme(world)
    actor = world.user(role)

    def allowed(write: object) -> bool:
        try:
            write()  # type: ignore[operator]
        except PermissionDenied:
            return False
        return True

    assert (
        allowed(lambda: payment_services.households_assess(actor=actor, programme=programme))
        is assesses
    )
    assert (
        allowed(lambda: payment_services.households_enrol(actor=actor, programme=programme))
        is approves
    )
    assert (
        allowed(
            lambda: payment_services.cycle_create(
                actor=actor,
                programme=programme,
                number=1,
                starts_on=dt.date(2026, 1, 1),
                ends_on=dt.date(2026, 1, 31),
            )
        )
        is pays
    )
