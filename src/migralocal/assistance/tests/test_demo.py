"""The demo's cash assistance: Quito's COVID-19 transfers of 2020-2021, a few hundred
households of the three population groups, duplicates to review, grievances (one sensitive),
three payment cycles, two referrals and the programme's staff accounts (loading twice is
checked for every table in core's demo tests)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

from migralocal.assistance import demo, payment_selectors
from migralocal.assistance.grievances import Grievance, PendingRegistration
from migralocal.assistance.models import (
    AssistanceStaff,
    CashProgramme,
    DuplicatePair,
    Household,
    Member,
    Payment,
    PaymentList,
)
from migralocal.assistance.permissions import may_read_identity
from migralocal.consultations.crypto import EncryptedTextField
from migralocal.core.demo import DEMO_DOMAIN, DEMO_PASSWORD
from migralocal.core.models import User
from migralocal.core.two_factor import has_two_factor


def programme() -> CashProgramme:
    return CashProgramme.objects.get(slug=demo.SLUG)


def test_demo_has_quitos_covid_transfers_run_by_the_municipality(demo_db: None) -> None:
    quito = programme()
    assert quito.operator.slug == "municipio-del-distrito-metropolitano-de-quito"
    assert (quito.currency, quito.country.code) == ("USD", "EC")
    assert (quito.starts_on, quito.ends_on) == (dt.date(2020, 4, 1), dt.date(2021, 6, 30))
    assert list(quito.municipalities.all()) == [quito.operator.municipality]


def test_demo_registers_a_few_hundred_households_of_every_group_in_2020(demo_db: None) -> None:
    households = Household.objects.filter(programme=programme())
    assert 250 <= households.count() <= 400
    groups = Counter(households.values_list("population_group", flat=True))
    assert set(groups) == {"refugee", "migrant", "host"}
    assert min(groups.values()) >= 30
    assert not households.exclude(created_at__year=2020).exists()
    members = Member.objects.filter(programme=programme())
    assert members.count() > 2 * households.count()
    assert members.filter(is_head=True).count() == households.count()


def test_demo_names_and_documents_are_encrypted_at_rest(demo_db: None) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT given_names, document_number FROM assistance_member WHERE person_ref = %s",
            ["UIO-0001-1"],
        )
        stored_name, stored_document = cursor.fetchone()
    head = Member.objects.get(programme=programme(), person_ref="UIO-0001-1")
    assert head.given_names and head.given_names not in stored_name
    assert head.document_number not in stored_document
    assert isinstance(Member._meta.get_field("given_names"), EncryptedTextField)


def test_demo_has_duplicates_some_decided_and_some_to_review(demo_db: None) -> None:
    pairs = DuplicatePair.objects.filter(programme=programme())
    decisions = Counter(pairs.values_list("decision", flat=True))
    assert decisions["same"] == 2 and decisions["different"] == 1 and decisions["pending"] >= 3
    assert Member.objects.filter(programme=programme(), status="merged").count() == 2


def test_demo_has_grievances_one_sensitive_and_two_referrals(demo_db: None) -> None:
    grievances = Grievance.objects.filter(programme=programme())
    assert grievances.count() == len(demo.GRIEVANCES)
    assert grievances.filter(is_sensitive=True).count() == 1
    assert grievances.filter(closed_at__isnull=False).count() == 4
    referrals = PendingRegistration.objects.filter(programme=programme(), status="pending")
    assert sorted(referrals.values_list("consented", flat=True)) == [False, True]


def test_demo_staff_sign_in_with_two_factor_and_read_identities(demo_db: None) -> None:
    quito = programme()
    roles = {}
    for local_part in ("asistencia", "asistencia.gestion", "quejas", "asistencia.pagos"):
        user = User.objects.get(email=f"{local_part}@{DEMO_DOMAIN}")
        assert user.check_password(DEMO_PASSWORD)
        assert has_two_factor(user)
        (roles[local_part],) = AssistanceStaff.objects.filter(
            user=user, organisation=quito.operator
        ).values_list("role", flat=True)
    assert roles == {
        "asistencia": "officer",
        "asistencia.gestion": "manager",
        "quejas": "grievance_focal",
        "asistencia.pagos": "finance",
    }
    officer = User.objects.get(email=f"asistencia@{DEMO_DOMAIN}")
    assert may_read_identity(officer, quito.households.first())


def test_demo_figures_of_quito_in_the_reports_catalogue(demo_db: None) -> None:
    from migralocal.reports import presentation
    from migralocal.reports.selectors import DateRange, ReportScope

    quito = programme()
    scope = ReportScope(
        countries=(quito.country,), period=DateRange(dt.date(2020, 1, 1), dt.date(2021, 12, 31))
    )
    report = presentation.report(scope, suppressed=False)
    households = Household.objects.filter(programme=quito).exclude(
        members__status="merged", members__is_head=True
    )
    assert report.indicator("cash_households").total.value == households.count()
    assert report.indicator("cash_grievances").total.value == len(demo.GRIEVANCES)


def test_demo_targets_with_four_eyes_and_holds_back_duplicates_to_review(demo_db: None) -> None:
    households = Household.objects.filter(programme=programme())
    enrolled = households.filter(status="enrolled")
    assert enrolled.count() >= 250
    assert not enrolled.filter(score=None).exists()
    assert not enrolled.filter(approved_by=None).exists()
    # Four eyes: the officer registered them, the manager approved them.
    assert not [h for h in enrolled if h.approved_by_id == h.registered_by_id]
    pending = DuplicatePair.objects.filter(programme=programme(), decision="pending")
    held = {p.member_a.household_id for p in pending} | {p.member_b.household_id for p in pending}
    assert held and not enrolled.filter(pk__in=held).exists()


def test_demo_pays_three_cycles_reconciled_to_the_cent(demo_db: None) -> None:
    quito = programme()
    lists = PaymentList.objects.filter(cycle__programme=quito).select_related("cycle", "provider")
    assert [(one.cycle.number, one.reconciled_at is not None) for one in lists] == [
        (1, True),
        (2, True),
        (3, False),
    ]
    assert len({one.provider_id for one in lists}) == 2
    totals = {
        row["cycle__number"]: row for row in payment_selectors.payment_totals(quito)["cycles"]
    }
    for row in totals.values():
        parts = row["paid"] + row["failed"] + row["unclaimed"] + row["pending"]
        assert Decimal(parts) == Decimal(row["total"])
        payments = Payment.objects.filter(
            cycle__programme=quito, cycle__number=row["cycle__number"]
        )
        assert sum(p.amount for p in payments) == Decimal(row["total"])
    assert totals[1]["failed"] > 0 and totals[1]["pending"] == 0
    assert totals[2]["failed"] == 0 and totals[2]["pending"] == 0
    assert totals[3]["pending"] == totals[3]["total"] > 0
    committed = sum(Decimal(row["total"]) - Decimal(row["failed"]) for row in totals.values())
    assert committed <= quito.budget
    # Only the third list awaits its provider, and its export was logged.
    assert (
        not Payment.objects.filter(cycle__programme=quito, status="pending")
        .exclude(cycle__number=3)
        .exists()
    )


def test_demo_failed_payments_of_cycle_one_are_paid_again_in_cycle_two(demo_db: None) -> None:
    failed = Payment.objects.filter(cycle__programme=programme(), status="failed")
    assert failed.count() == len(demo.FAILED[1])
    for payment in failed.select_related("reissued_in__cycle"):
        again = payment.reissued_in
        assert again is not None and again.cycle.number == 2 and again.status == "paid"
        assert again.household_id == payment.household_id
        assert again.reissued_amount == payment.amount
        assert again.amount == 2 * payment.amount


def test_demo_cash_programme_is_funded_by_quitos_technical_assistance(demo_db: None) -> None:
    assert list(programme().programmes.values_list("slug", flat=True)) == [demo.FUNDED_BY]


MONTHS = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "octubre", "noviembre", "diciembre",
)  # fmt: skip


def test_demo_grievances_name_only_the_months_of_its_cycles_and_follow_the_first() -> None:
    cycle_months = {MONTHS[first.month - 1] for _number, first, _last, _provider in demo.CYCLES}
    for index, (_category, description, _days, response) in enumerate(demo.GRIEVANCES):
        words = set(f"{description} {response}".lower().replace(".", " ").split())
        assert words & set(MONTHS) <= cycle_months, description
        assert demo.grievance_received(index).date() > demo.CYCLES[0][1]
