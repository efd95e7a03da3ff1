"""Demo cash assistance: Quito's COVID-19 transfers of 2020-2021 to refugee, migrant and
host-community households, registered, searched for duplicates (a few decided, the rest to
review), targeted with four-eyes approval and paid in three cycles through two financial service
providers (the first two reconciled, a failed payment paid again in the next, the third list sent
and awaiting the provider's report), with grievances and two families referred by a hub. Funded by
the demo programme of technical assistance and training in Quito. Loaded after the other modules'
demos through the services the pages use; the names, documents and phones are made up here and
encrypted like any registration's. Loading twice is a no-op: a programme already there is left
as it is."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from migralocal.assistance import grievance_services, payment_services, services
from migralocal.assistance.grievances import GrievanceCategory, PendingRegistration
from migralocal.assistance.models import (
    CashProgramme,
    DuplicatePair,
    Household,
    Member,
    PaymentList,
    PopulationGroup,
    Sex,
    StaffRole,
)
from migralocal.assistance.verification_demo import add_verification_results
from migralocal.core.demo import DEMO_DOMAIN, DEMO_PASSWORD, Writer, give_demo_authenticator, upsert
from migralocal.core.models import AdministrativeArea, Organisation, User
from migralocal.directory.models import Hub
from migralocal.programmes.models import Programme

SLUG = "quito-transferencias-covid-19"
OPERATOR = "municipio-del-distrito-metropolitano-de-quito"
CONSENT = "Registro, verificación y pago de las transferencias del programa"
HOUSEHOLDS = 300
# Households registered a second time with the head's details written differently.
DUPLICATES = 8
SEED = 2020
# The demo programme that funds this one (programmes/data/demo.yaml).
FUNDED_BY = "quito-respuesta-covid-19"

# (local part of the e-mail, given name, family name, role)
ACCOUNTS = (
    ("asistencia", "Gabriela", "Cevallos", StaffRole.OFFICER),
    ("asistencia.gestion", "Andrés", "Villacís", StaffRole.MANAGER),
    ("quejas", "Rosa", "Guamán", StaffRole.GRIEVANCE_FOCAL_POINT),
    ("asistencia.pagos", "Lorena", "Yánez", StaffRole.FINANCE),
)
# The manager also approves: whoever registered a household (the officer) never approves it.
APPROVER = StaffRole.MANAGER
# (name, kind, columns of its list): cash over the counter for the first two cycles, then mobile
# money for the third.
PROVIDERS = (
    ("Red de ventanillas Pichincha Mi Vecino (demo)", "cash",
     ["reference", "household_ref", "given_names", "family_names", "document_type",
      "document_number", "amount", "currency"]),
    ("Billetera móvil Ahorita (demo)", "mobile_money",
     ["reference", "household_ref", "given_names", "family_names", "phone", "amount",
      "currency"]),
)  # fmt: skip
# (number, first day, last day, provider): the third cycle's list is awaiting its report.
CYCLES = (
    (1, dt.date(2020, 7, 15), dt.date(2020, 8, 14), 0),
    (2, dt.date(2020, 9, 15), dt.date(2020, 10, 14), 0),
    (3, dt.date(2020, 11, 16), dt.date(2020, 12, 15), 1),
)
# What the provider reported in each reconciled cycle, by position in the list: the rest paid.
FAILED = {1: (3, 41, 97, 150), 2: ()}
UNCLAIMED = {1: (12, 188), 2: (64,)}

GIVEN = {
    Sex.FEMALE: ["María José", "Daniela", "Yuleisy", "Ana Lucía", "Carmen", "Génesis", "Rosa",
                 "Andreína", "Mayerlin", "Paola", "Verónica", "Nathaly", "Luz Marina", "Fernanda"],
    Sex.MALE: ["José Luis", "Carlos", "Jesús", "Luis Ángel", "Wilmer", "Jhon", "Andrés", "Kevin",
               "Miguel", "Darwin", "Segundo", "Edison", "Óscar", "Ramón"],
}  # fmt: skip
FAMILY = {
    PopulationGroup.HOST: ["Guamán", "Quishpe", "Chiluisa", "Toapanta", "Cevallos", "Andrade",
                           "Pilatásig", "Yépez", "Morales", "Tipán", "Simbaña", "Vásquez"],
    PopulationGroup.MIGRANT: ["Rodríguez", "González", "Pérez", "Hernández", "Briceño", "Mendoza",
                              "Ramírez", "Contreras", "Rojas", "Urdaneta", "Peña", "Colmenares"],
    PopulationGroup.REFUGEE: ["Gómez", "Díaz", "Castro", "Ortiz", "Muñoz", "Cuero", "Angulo",
                              "Valencia", "Quiñónez", "Cortés", "Ramos", "Benítez"],
}  # fmt: skip
GROUPS = [PopulationGroup.MIGRANT] * 5 + [PopulationGroup.REFUGEE] * 2 + [PopulationGroup.HOST] * 3
DOCUMENTS = {
    PopulationGroup.HOST: ("cédula ecuatoriana", 10),
    PopulationGroup.MIGRANT: ("cédula venezolana", 8),
    PopulationGroup.REFUGEE: ("visa humanitaria", 9),
}
GRIEVANCES = (
    # category, description, days to close (None: still open), response. A month named is a
    # cycle's month; each grievance comes in after the first cycle began (grievance_received).
    (GrievanceCategory.PAYMENT_NOT_RECEIVED, "La familia no recibió la transferencia de julio.", 9,
     "El pago se emitió de nuevo en el siguiente ciclo."),
    (GrievanceCategory.NOT_REGISTERED, "A una vecina con tres hijos no la visitaron.", 21,
     "Se registró al hogar en la segunda ronda."),
    (GrievanceCategory.WRONG_AMOUNT, "Recibieron 60 dólares y son cinco personas.", 4,
     "El hogar tenía cuatro miembros registrados; se actualizó el registro."),
    (GrievanceCategory.WRONGLY_EXCLUDED, "La familia cumple los criterios y no fue incluida.", None,
     ""),
    (GrievanceCategory.FEEDBACK, "Piden que los pagos se puedan cobrar también en Calderón.", 30,
     "Se añadió un punto de pago en Calderón."),
    (GrievanceCategory.STAFF_ABUSE, "Un encuestador pidió dinero a cambio de registrar al hogar.",
     None, ""),
)  # fmt: skip


def _accounts(operator: Organisation, admin: User) -> dict[str, User]:
    """The programme's officer, manager and grievance focal point: they reach identifying
    details, so each signs in with the demo authenticator app."""
    users: dict[str, User] = {}
    for local_part, first_name, last_name, role in ACCOUNTS:
        email = f"{local_part}@{DEMO_DOMAIN}"
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email, DEMO_PASSWORD, first_name=first_name, last_name=last_name
        )
        upsert(EmailAddress, {"user": user, "email": email}, {"verified": True, "primary": True})
        services.staff_grant(actor=admin, user=user, organisation=operator, role=role)
        give_demo_authenticator(user)
        users[role] = user
    return users


def _digits(rng: random.Random, count: int) -> str:
    return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(count - 1))


def _person(
    rng: random.Random, ref: str, group: str, sex: str, born: dt.date, family: str
) -> services.MemberData:
    document_type, length = DOCUMENTS[PopulationGroup(group)]
    return services.MemberData(
        person_ref=ref,
        given_names=rng.choice(GIVEN[Sex(sex)]),
        family_names=f"{family} {rng.choice(FAMILY[PopulationGroup(group)])}",
        sex=sex,
        date_of_birth=born,
        document_type=document_type,
        document_number=_digits(rng, length),
        phone="09" + _digits(rng, 8),
        population_group=group,
    )


def _birth(rng: random.Random, low: int, high: int) -> dt.date:
    return dt.date(2020, 6, 1) - dt.timedelta(days=rng.randint(low * 365, high * 365))


def _households(rng: random.Random, quito: AdministrativeArea) -> list[services.HouseholdData]:
    households = []
    for number in range(1, HOUSEHOLDS + 1):
        group = rng.choice(GROUPS)
        family = rng.choice(FAMILY[group])
        head_sex = Sex.FEMALE if rng.random() < 0.55 else Sex.MALE
        ref = f"UIO-{number:04d}"
        members = [_person(rng, f"{ref}-1", group, head_sex, _birth(rng, 19, 62), family)]
        if rng.random() < 0.6:  # a partner
            partner_sex = Sex.MALE if head_sex == Sex.FEMALE else Sex.FEMALE
            members.append(
                _person(rng, f"{ref}-2", group, partner_sex, _birth(rng, 19, 60), family)
            )
        for child in range(rng.choice((0, 1, 1, 2, 2, 3, 4))):
            sex = rng.choice((Sex.FEMALE, Sex.MALE))
            member = _person(
                rng, f"{ref}-{len(members) + 1}", group, sex, _birth(rng, 0, 17), family
            )
            member.document_number = "" if child and rng.random() < 0.5 else member.document_number
            member.phone = ""
            members.append(member)
        households.append(services.HouseholdData(ref, quito, group, members))
    return households


def _variant(number: int, original: services.MemberData) -> services.MemberData:
    """The same person as written by another enumerator: an accent or a second surname lost,
    two digits of the document swapped, the phone with the country code."""
    family = original.family_names
    if number % 2:
        family = family.split(" ")[0]
    else:
        family = family.replace("á", "a").replace("é", "e").replace("í", "i").replace("ó", "o")
    document = original.document_number
    if number % 3 == 0 and len(document) > 3:
        document = document[:2] + document[3] + document[2] + document[4:]
    return services.MemberData(
        person_ref=f"UIO-R{number:03d}-1",
        given_names=original.given_names.upper() if number % 4 == 0 else original.given_names,
        family_names=family,
        sex=original.sex,
        date_of_birth=original.date_of_birth,
        document_type=original.document_type,
        document_number=document,
        phone="+593 " + original.phone[1:],
        population_group=original.population_group,
    )


def _registered_on(rng: random.Random) -> dt.datetime:
    day = dt.date(2020, 4, 15) + dt.timedelta(days=rng.randint(0, 75))
    return timezone.make_aware(dt.datetime.combine(day, dt.time(rng.randint(8, 17))))


def _backdate(rng: random.Random, programme: CashProgramme) -> None:
    """Registrations took place during the lockdown of 2020: their dates say so, since the
    figures count them by period (an update, as history and not a change of anyone's data)."""
    for pk in Household.objects.filter(programme=programme).values_list("pk", flat=True):
        when = _registered_on(rng)
        Household.objects.filter(pk=pk).update(created_at=when, consent_recorded_at=when)
    DuplicatePair.objects.filter(programme=programme).update(
        found_at=dt.datetime(2020, 7, 6, 15, tzinfo=dt.UTC)
    )


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _targeting(programme: CashProgramme, manager: User) -> None:
    """Every household scored by the programme's criteria; the manager approves and enrols the
    eligible within the budget, except those with a probable duplicate still to review."""
    payment_services.households_assess(actor=manager, programme=programme, on=dt.date(2020, 7, 6))
    held = set()
    for pair in DuplicatePair.objects.filter(
        programme=programme, decision=DuplicatePair.Decision.PENDING
    ).select_related("member_a", "member_b"):
        held |= {pair.member_a.household_id, pair.member_b.household_id}
    chosen = [
        row.household
        for row in payment_services.ranked_households(programme)
        if row.within_budget and row.size and row.household.pk not in held
    ]
    payment_services.households_approve(actor=manager, programme=programme, households=chosen)
    payment_services.households_enrol(actor=manager, programme=programme)
    Household.objects.filter(programme=programme).exclude(assessed_at=None).update(
        assessed_at=_at(dt.date(2020, 7, 6), 9)
    )
    Household.objects.filter(programme=programme, status=Household.Status.ENROLLED).update(
        approved_at=_at(dt.date(2020, 7, 8), 11), enrolled_at=_at(dt.date(2020, 7, 10), 9)
    )


def provider_report(
    payment_list: PaymentList, failed: Sequence[int], unclaimed: Sequence[int]
) -> bytes:
    """The report the provider sends back: every payment of the list paid, but those at the
    positions `failed` and `unclaimed`."""
    rows = [",".join(payment_services.REPORT_COLUMNS)]
    payments = payment_list.payments.order_by("reference")
    for position, payment in enumerate(payments):
        if position in failed:
            status, receipt = "failed", ""
        elif position in unclaimed:
            status, receipt = "unclaimed", ""
        else:
            status, receipt = "paid", f"PMV-{payment_list.cycle.number}-{position + 1:05d}"
        rows.append(f"{payment.reference},{status},{payment.amount},{receipt}")
    return ("\n".join(rows) + "\n").encode()


def _payments(programme: CashProgramme, users: dict[str, User]) -> list[PaymentList]:
    """Three cycles paid as the finance officer does it on the pages: a list per cycle, the
    first two reconciled with the provider's report (what failed in the first is paid again
    in the second), the third sent to the provider and awaiting its report."""
    finance = users[StaffRole.FINANCE]
    _targeting(programme, users[APPROVER])
    providers = [
        payment_services.provider_create(
            actor=finance, programme=programme, name=name, kind=kind, export_columns=columns
        )
        for name, kind, columns in PROVIDERS
    ]
    lists = []
    for number, starts_on, ends_on, provider in CYCLES:
        cycle = payment_services.cycle_create(
            actor=finance, programme=programme, number=number, starts_on=starts_on, ends_on=ends_on
        )
        payment_list = payment_services.payment_list_create(
            actor=finance, cycle=cycle, provider=providers[provider]
        )
        if number in FAILED:
            payment_services.payment_list_reconcile(
                actor=finance,
                payment_list=payment_list,
                content=provider_report(payment_list, FAILED[number], UNCLAIMED[number]),
                filename="reporte.csv",
            )
        created, reconciled = _at(starts_on, 9), _at(starts_on + dt.timedelta(days=21), 16)
        PaymentList.objects.filter(pk=payment_list.pk).update(
            created_at=created, reconciled_at=reconciled if number in FAILED else None
        )
        payment_list.payments.exclude(reconciled_at=None).update(reconciled_at=reconciled)
        lists.append(payment_list)
    # The third list went to the provider (its export logged, as every export is).
    payment_services.payment_list_export(actor=finance, payment_list=lists[-1], file_format="csv")
    return lists


def grievance_received(index: int) -> dt.datetime:
    """When the demo's grievance number `index` came in: from August 2020, once the first
    cycle's transfers (July) were being collected."""
    return dt.datetime(2020, 8, 1 + 3 * index, 16, tzinfo=dt.UTC)


def _grievances(rng: random.Random, programme: CashProgramme, users: dict[str, User]) -> None:
    officer, focal = users[StaffRole.OFFICER], users[StaffRole.GRIEVANCE_FOCAL_POINT]
    households = list(Household.objects.filter(programme=programme).order_by("pk")[:6])
    for index, (category, description, days, response) in enumerate(GRIEVANCES):
        data = grievance_services.GrievanceData(category=category, description=description)
        if index % 2:
            grievance, _secret = grievance_services.grievance_submit_public(
                programme=programme, data=data
            )
        else:
            grievance, _secret = grievance_services.grievance_record(
                actor=officer, programme=programme, data=data, household=households[index]
            )
        handler = focal if grievance.is_sensitive else officer
        received = grievance_received(index)
        if days is None:
            grievance_services.grievance_respond(
                actor=handler, grievance=grievance, status="in_progress", response=response
            )
            closed = None
        else:
            grievance_services.grievance_respond(
                actor=handler, grievance=grievance, status="resolved", response=response
            )
            closed = received + dt.timedelta(days=days)
        type(grievance).objects.filter(pk=grievance.pk).update(
            received_at=received, closed_at=closed
        )


def _referrals(programme: CashProgramme, quito: AdministrativeArea, officer: User) -> None:
    """Two families a hub in Quito referred: one consented to share who they are, one did not.
    The programme has ended, so the referral service would refuse them today: they are written
    as they were then."""
    hub = Hub.objects.filter(municipality=quito).order_by("pk").first()
    PendingRegistration.objects.create(
        programme=programme,
        hub=hub,
        municipality=quito,
        consented=True,
        consent_purpose="Derivación al programa de transferencias",
        name="Yenny Carolina Urdaneta Peña",
        contact="0987 654 321",
        document_number="V-19874563",
        referred_by=officer,
    )
    PendingRegistration.objects.create(
        programme=programme, hub=hub, municipality=quito, referred_by=officer
    )


@transaction.atomic
def load(stdout: Writer) -> None:
    if CashProgramme.objects.filter(slug=SLUG).exists():
        stdout.write("Cash assistance: already loaded.\n")
        return
    operator = (
        Organisation.objects.select_related("municipality", "country").filter(slug=OPERATOR).first()
    )
    if operator is None or operator.municipality is None:
        return  # a lightened demo (tests) without Quito
    quito = operator.municipality
    admin = User.objects.get(email=f"admin@{DEMO_DOMAIN}")
    users = _accounts(operator, admin)
    officer = users[StaffRole.OFFICER]
    programme = services.programme_create(
        actor=admin,
        slug=SLUG,
        fields=services.ProgrammeFields(
            name="Quito: transferencias por la emergencia de la COVID-19",
            operator=operator,
            country=operator.country,
            currency="USD",
            starts_on=dt.date(2020, 4, 1),
            ends_on=dt.date(2021, 6, 30),
            budget=Decimal("120000.00"),
            population_groups=list(PopulationGroup.values),
            transfer_basis="size_band",
            size_bands=[
                {"min": 1, "max": 2, "amount": "60"},
                {"min": 3, "max": 4, "amount": "90"},
                {"min": 5, "max": None, "amount": "120"},
            ],
            cycles=3,
            criteria=[
                {"code": "dependants", "label": "Niñas, niños o adultos mayores", "weight": 3},
                {"code": "female_head", "label": "Jefa de hogar", "weight": 2},
                {"code": "disability", "label": "Persona con discapacidad", "weight": 3},
                {"code": "income_lost", "label": "Perdió su ingreso", "weight": 4},
                {"code": "no_other_assistance", "label": "Sin otra asistencia", "weight": 2},
            ],
            municipalities=[quito],
            programmes=Programme.objects.filter(slug=FUNDED_BY),
        ),
    )
    rng = random.Random(SEED)  # noqa: S311  (made-up demo people, the same every time)
    households = _households(rng, quito)
    for number, original in enumerate(households[: DUPLICATES * 7 : 7], start=1):
        head = _variant(number, original.members[0])
        households.append(
            services.HouseholdData(f"UIO-R{number:03d}", quito, original.population_group, [head])
        )
    services.households_register(
        actor=officer, programme=programme, households=households, consent_purpose=CONSENT
    )
    pairs = services.duplicates_find(actor=officer, programme=programme)
    # Staff have reviewed the first pairs: two were the same person, one was not.
    for pair, decision in zip(pairs[:3], ("same", "same", "different"), strict=False):
        services.duplicate_decide(actor=officer, pair=pair, decision=decision)
    _backdate(rng, programme)
    lists = _payments(programme, users)
    _grievances(rng, programme, users)
    _referrals(programme, quito, officer)
    add_verification_results(programme)
    people = Member.objects.filter(programme=programme, status=Member.Status.ACTIVE).count()
    stdout.write(
        f"Cash assistance: {len(households)} households, {people} people, {len(pairs)} probable "
        f"duplicates, {len(lists)} payment lists; officer asistencia@{DEMO_DOMAIN}, manager "
        f"asistencia.gestion@{DEMO_DOMAIN}, grievance focal point quejas@{DEMO_DOMAIN}, finance "
        f"asistencia.pagos@{DEMO_DOMAIN} ({DEMO_PASSWORD}, + authenticator app).\n"
    )
