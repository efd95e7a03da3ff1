"""Enrolment, payment and verification figures in the reports catalogue, counted against
households enrolled, paid and verified here: by group, sex of the head, municipality and cycle;
amounts per currency, never added together; and protected on the public page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from migralocal.assistance import figures, verification_services
from migralocal.assistance.models import CashProgramme, Payment
from migralocal.assistance.tests.payment_builders import FINANCE
from migralocal.assistance.tests.test_figures import report_of
from migralocal.assistance.tests.verification_builders import (
    households,
    paid_cycle,
    verification_programme,
)
from migralocal.assistance.verification_services import VerificationResult
from migralocal.core.tests.world import World
from migralocal.reports.selectors import Period, ReportScope
from migralocal.reports.tests.test_indicators import counts

pytestmark = pytest.mark.django_db


def _verified(world: World, programme: CashProgramme) -> None:
    """All seven paid households drawn: four received it all, one part, one not reachable, one
    not called yet."""
    cycle = programme.payment_cycles.get(number=1)
    draw = verification_services.verification_sample_draw(
        actor=world.user(FINANCE), cycle=cycle, size=7, seed=3
    )
    day = timezone.localdate()
    sample = list(draw.verifications.select_related("payment").order_by("pk"))
    for position, one in enumerate(sample[:6]):
        if position == 5:
            result = VerificationResult("unreachable", contacted_on=day)
        else:
            received = "partly" if position == 4 else "yes"
            amount = one.payment.amount - (Decimal(5) if received == "partly" else 0)
            result = VerificationResult("yes", received, amount, 4, day)
        verification_services.verification_record(
            actor=world.user("hub_staff"), verification=one, result=result
        )


@pytest.fixture
def paid(world: World) -> World:
    """Ten households of 1, 2 or 3 people enrolled; cycle 1 paid seven of them (13 people,
    33.33 each: 433.29) and failed three."""
    programme = verification_programme(world)
    households(world, programme, 10)
    paid_cycle(world, programme, 1, unpaid=3)
    _verified(world, programme)
    world.cash = programme  # type: ignore[attr-defined]
    return world


def test_households_and_people_enrolled_and_paid(paid: World) -> None:
    report = report_of(paid)
    enrolled = report.indicator("cash_households_enrolled")
    assert enrolled.total.value == 10
    assert counts(enrolled, "municipality") == {paid.el_progreso.code: 10}
    assert sum(counts(enrolled, "head_sex").values()) == 10
    assert report.indicator("cash_people_enrolled").total.value == 19
    households_paid = report.indicator("cash_households_paid")
    assert households_paid.total.value == 7
    assert counts(households_paid, "cycle") == {"1": 7}
    assert counts(households_paid, "municipality") == {paid.el_progreso.code: 7}
    assert sum(counts(households_paid, "population_group").values()) == 7
    people = report.indicator("cash_people_paid")
    assert people.total.value == 13
    assert sum(counts(people, "sex").values()) == 13


def test_a_household_paid_in_two_cycles_counts_in_each(paid: World) -> None:
    paid_cycle(paid, paid.cash, 2)  # type: ignore[attr-defined]
    report = report_of(paid)
    assert counts(report.indicator("cash_households_paid"), "cycle") == {"1": 7, "2": 10}
    assert report.indicator("cash_households_paid").total.value == 17


def test_amounts_paid_per_currency_never_added_together(paid: World) -> None:
    amounts = report_of(paid).indicator("cash_amounts_paid")
    assert amounts.total.value == 7  # payments made
    (hnl,) = amounts.series
    assert hnl.key == "amount_hnl"
    assert counts(amounts, "amount_hnl") == {paid.el_progreso.code: 433}
    assert hnl.total.value == 433
    total = sum(Payment.objects.filter(status=Payment.Status.PAID).values_list("amount", flat=True))
    assert total == Decimal("433.29")


def test_verification_sampled_verified_and_received(paid: World) -> None:
    verification = report_of(paid).indicator("cash_verification")
    assert verification.total.value == 7
    assert counts(verification, "result") == {"yes": 5, "unreachable": 1, "pending": 1}
    assert counts(verification, "received") == {"yes": 4, "partly": 1, "not_reached": 2}
    assert verification.headline is not None and verification.headline.value == 5
    scope = ReportScope(countries=(paid.honduras,), period=Period(timezone.localdate().year))
    raw = figures.verification(scope)
    assert raw.extra == {"verification_rate": 5 / 7, "received_share": 4 / 5}


def test_another_year_or_country_counts_nothing(paid: World) -> None:
    keys = ("cash_households_enrolled", "cash_households_paid", "cash_verification")
    for report in (
        report_of(paid, countries=(paid.el_salvador,)),
        report_of(paid, period=Period(timezone.localdate().year - 1)),
        report_of(paid, municipality=paid.san_salvador),
    ):
        assert [report.indicator(key).total.value for key in keys] == [0, 0, 0]
        assert report.indicator("cash_amounts_paid").series == []


def test_the_public_figures_are_protected(paid: World) -> None:
    report = report_of(paid, suppressed=True)
    for key in ("cash_households_enrolled", "cash_households_paid", "cash_verification"):
        indicator = report.indicator(key)
        assert indicator.total.value % 5 == 0 or indicator.total.suppressed, key
        assert all(
            row.cell.suppressed or row.cell.value % 5 == 0
            for series in indicator.series
            for row in series.rows
        ), key


def test_an_amount_of_fewer_than_five_payments_is_not_shown(world: World) -> None:
    programme = verification_programme(world)
    households(world, programme, 4)
    paid_cycle(world, programme, 1)
    amounts = report_of(world).indicator("cash_amounts_paid")
    assert amounts.total.value == 4
    assert amounts.series == []


def test_the_api_gives_the_rates_only_over_five_households(paid: World) -> None:
    from migralocal.assistance.api import programme_figures

    body = programme_figures(paid.cash)  # type: ignore[attr-defined]
    assert body["verification_rate"] == 5 / 7
    assert body["received_share"] == 4 / 5
    keys = [indicator.key for indicator in body["indicators"]]
    assert {"cash_households_paid", "cash_amounts_paid", "cash_verification"} <= set(keys)


def test_a_year_without_cash_records_costs_one_query_and_counts_nothing(paid: World) -> None:
    last_year = ReportScope(
        countries=(paid.honduras,), period=Period(timezone.localdate().year - 1)
    )
    with CaptureQueriesContext(connection) as captured:
        quiet = figures.indicators(last_year)
    assert len(captured) == 1
    assert all(indicator.total == 0 for indicator in quiet)
    this_year = ReportScope(countries=(paid.honduras,), period=Period(timezone.localdate().year))
    with CaptureQueriesContext(connection) as captured:
        counted = figures.indicators(this_year)
    assert len(captured) > 1
    assert any(indicator.total for indicator in counted)
