"""The demo's cash assistance: Quito's COVID-19 transfers of 2020-2021, a few hundred
households of the three population groups, duplicates to review, grievances (one sensitive),
two referrals and the programme's staff accounts (loading twice is checked for every table in
core's demo tests)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from migralocal.assistance import demo
from migralocal.assistance.grievances import Grievance, PendingRegistration
from migralocal.assistance.models import (
    AssistanceStaff,
    CashProgramme,
    DuplicatePair,
    Household,
    Member,
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
    for local_part in ("asistencia", "asistencia.gestion", "quejas"):
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
