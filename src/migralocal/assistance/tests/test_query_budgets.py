"""Query budgets of the targeting and payment pages, as in tests/performance: each page is
opened with a few rows and with more, and may not run more queries the second time (no query
per household, payment or cycle), nor more than its budget."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from migralocal.assistance import payment_services
from migralocal.assistance.models import CashProgramme, Household, PaymentCycle
from migralocal.assistance.tests.payment_builders import (
    APPROVER,
    FINANCE,
    cycle,
    enrolled,
    targeting_programme,
)
from migralocal.core.tests.world import World

pytestmark = pytest.mark.django_db

# As the main list pages of tests/performance/test_query_budgets.py: under 15.
PAGE_BUDGET = 14
FEW, MORE = 2, 6


def queries_to_open(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(captured)


def assert_within_budget(client: Client, url: Callable[[], str], grow: Callable[[], None]) -> None:
    queries_to_open(client, url())  # fills the per-process caches
    with_few = queries_to_open(client, url())
    grow()
    queries_to_open(client, url())
    with_more = queries_to_open(client, url())
    assert with_more <= with_few, f"{with_few} queries with a few rows, {with_more} after"
    assert with_few <= PAGE_BUDGET, f"{with_few} queries, budget {PAGE_BUDGET}"


def signed_in(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def pay(world: World, programme: CashProgramme, number: int, *, fail: bool = False) -> None:
    """A list of cycle `number` for every enrolled household, reconciled paid (or failed)."""
    finance = world.user(FINANCE)
    provider = programme.providers.first() or payment_services.provider_create(
        actor=finance,
        programme=programme,
        name="Tigo Money",
        kind="mobile_money",
        export_columns=["reference", "amount"],
    )
    payment_list = payment_services.payment_list_create(
        actor=finance, cycle=cycle(world, programme, number), provider=provider
    )
    rows = ["reference,status,amount,provider_reference"] + [
        f"{p.reference},{'failed' if fail else 'paid'},{p.amount},R{p.pk}"
        for p in payment_list.payments.all()
    ]
    payment_services.payment_list_reconcile(
        actor=finance,
        payment_list=payment_list,
        content="\n".join(rows).encode(),
        filename="report.csv",
    )


def test_household_page_does_not_grow_with_its_payments(world: World) -> None:
    programme = targeting_programme(world, budget=Decimal("100000.00"))
    (first,) = enrolled(world, programme, ("H1", 3))
    pay(world, programme, 1, fail=True)
    client = signed_in(world, "hub_staff")

    def url() -> str:
        return reverse("assistance:household", kwargs={"slug": programme.slug, "pk": first.pk})

    def grow() -> None:
        pay(world, programme, 2)
        pay(world, programme, 3)

    assert_within_budget(client, url, grow)
    page = client.get(url()).content.decode()
    assert "Falló" in page and "Pagado" in page and "Ciclo 3" in page


def test_targeting_page_does_not_grow_with_the_ranked_households(world: World) -> None:
    programme = targeting_programme(world, budget=Decimal("100000.00"))
    serial = iter(range(100))

    def grow(count: int) -> None:
        enrolled(world, programme, *[(f"H{next(serial)}", 2) for _ in range(count)])

    grow(FEW)
    client = signed_in(world, APPROVER)
    assert_within_budget(
        client,
        lambda: reverse("assistance:targeting", kwargs={"slug": programme.slug}),
        lambda: grow(MORE),
    )
    assert Household.objects.filter(programme=programme).count() == FEW + MORE


def test_payment_list_page_does_not_grow_with_its_payments(world: World) -> None:
    programme = targeting_programme(world, budget=Decimal("100000.00"))
    enrolled(world, programme, *[(f"A{n}", 1) for n in range(FEW)])
    pay(world, programme, 1)
    client = signed_in(world, FINANCE)

    def url() -> str:
        last = PaymentCycle.objects.filter(programme=programme).order_by("-number").first()
        assert last is not None
        return reverse(
            "assistance:payment_list",
            kwargs={"slug": programme.slug, "pk": last.lists.get().pk},
        )

    def grow() -> None:
        enrolled(world, programme, *[(f"B{n}", 1) for n in range(MORE)])
        pay(world, programme, 2)

    assert_within_budget(client, url, grow)
    assert programme.payment_cycles.get(number=2).payments.count() == FEW + MORE


def test_the_household_page_shows_its_score_reasons_and_way_through_targeting(
    world: World,
) -> None:
    programme = targeting_programme(world, budget=Decimal("100000.00"))
    (first,) = enrolled(world, programme, ("H1", 1))
    Household.objects.filter(pk=first.pk).update(enrolled_at=dt.datetime(2026, 3, 2, tzinfo=dt.UTC))
    page = signed_in(world, "hub_staff").get(
        reverse("assistance:household", kwargs={"slug": programme.slug, "pk": first.pk})
    )
    text = page.content.decode()
    assert "Puntaje de vulnerabilidad" in text and "Income lost" in text
    assert 'aria-current="step"><strong>Inscrito para pagos' in text
    assert "Todavía no hay pagos." in text
