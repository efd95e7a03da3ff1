"""Demo data: a year of consultations at each demo hub, with referrals to the demo services.

The directory's demo creates the hubs and services; this runs after it (apps load in order).
Generation is deterministic (`random.Random` seeded per hub) and written with bulk_create;
a hub that already has consultations is skipped, so loading twice changes nothing.
"""

from __future__ import annotations

import random
import uuid
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from migralocal.consultations.models import (
    SITUATIONS_TAXONOMY,
    TOPICS_TAXONOMY,
    AgeBand,
    Channel,
    Consultation,
    Disability,
    Gender,
    PreferredLanguage,
    Referral,
    ReferralEvent,
)
from migralocal.core.demo import Writer
from migralocal.core.models import Country, Membership, TaxonomyTerm
from migralocal.core.roles import OrganisationRole
from migralocal.directory.models import Hub, Service

SEED = 2026
DAYS = 365

# Weights drawn from what hubs in the region report: documents and labour migration lead.
TOPIC_WEIGHTS = {
    "documents": 30,
    "labour-migration": 22,
    "return-reintegration": 14,
    "asylum": 8,
    "health": 8,
    "psychosocial": 7,
    "education": 5,
    "housing": 4,
    "trafficking-smuggling": 3,
    "family-reunification": 6,
    "remittances": 4,
    "other": 3,
}
SITUATION_WEIGHTS = {
    "returnee": 30,
    "prospective-labour-migrant": 25,
    "in-transit": 18,
    "resident-migrant": 10,
    "asylum-seeker-refugee": 8,
    "family-member": 9,
}
CHANNEL_WEIGHTS = {
    Channel.IN_PERSON: 60,
    Channel.PHONE: 15,
    Channel.WHATSAPP: 20,
    Channel.ONLINE: 5,
}
AGE_WEIGHTS = {
    AgeBand.UNDER_12: 2,
    AgeBand.FROM_12: 5,
    AgeBand.FROM_18: 40,
    AgeBand.FROM_30: 33,
    AgeBand.FROM_45: 14,
    AgeBand.FROM_60: 4,
    AgeBand.NOT_STATED: 2,
}
GENDER_WEIGHTS = {Gender.FEMALE: 47, Gender.MALE: 50, Gender.OTHER: 1, Gender.NOT_STATED: 2}
NATIONALITY_WEIGHTS = {"own": 80, "VE": 6, "HT": 4, "NI": 4, "CU": 3, "": 3}


@dataclass(frozen=True)
class Vocabulary:
    topics: dict[str, int]
    situations: dict[str, int]
    countries: dict[str, int]


def _pick(generator: random.Random, weights: dict) -> object:
    return generator.choices(list(weights), weights=list(weights.values()))[0]


def _vocabulary() -> Vocabulary:
    return Vocabulary(
        topics=dict(TaxonomyTerm.objects.of(TOPICS_TAXONOMY).values_list("code", "pk")),
        situations=dict(TaxonomyTerm.objects.of(SITUATIONS_TAXONOMY).values_list("code", "pk")),
        countries=dict(Country.objects.values_list("code", "pk")),
    )


def _referral_status(generator: random.Random, age_days: int) -> str:
    if age_days < 10:
        return str(_pick(generator, {Referral.Status.MADE: 70, Referral.Status.ACCEPTED: 30}))
    return str(
        _pick(
            generator,
            {
                Referral.Status.ATTENDED: 45,
                Referral.Status.CLOSED: 25,
                Referral.Status.UNREACHABLE: 12,
                Referral.Status.DECLINED: 3,
                Referral.Status.ACCEPTED: 8,
                Referral.Status.MADE: 7,
            },
        )
    )


def generate_for_hub(
    hub: Hub, *, days: int = DAYS, seed: int = SEED, today: date | None = None
) -> int:
    """Write `days` of consultations at `hub`, ending yesterday. Returns how many."""
    generator = random.Random(seed + zlib.crc32(hub.slug.encode()))  # noqa: S311  (demo data)
    vocabulary = _vocabulary()
    services: list[uuid.UUID] = list(
        Service.objects.filter(country=hub.country_id)
        .exclude(status=Service.Status.DEFUNCT)
        .values_list("pk", flat=True)
        .order_by("pk")
    )
    staff_id = (
        Membership.objects.filter(organisation=hub.operator_id, role=OrganisationRole.HUB_STAFF)
        .order_by("pk")
        .values_list("user_id", flat=True)
        .first()
    )
    today = today or timezone.localdate()
    nationality_weights = {
        (hub.country.code if code == "own" else code): weight
        for code, weight in NATIONALITY_WEIGHTS.items()
    }
    planned: list[tuple[Consultation, list[int], list[Referral]]] = []
    for offset in range(days, 0, -1):
        day = today - timedelta(days=offset)
        if day.weekday() == 6:
            continue
        per_day = generator.randint(0, 2) if day.weekday() == 5 else generator.randint(2, 5)
        for _n in range(per_day):
            planned.append(
                _one(
                    generator, hub, day, today, vocabulary, services, staff_id, nationality_weights
                )
            )
    with transaction.atomic():
        created = Consultation.objects.bulk_create([item[0] for item in planned], batch_size=1000)
        link = Consultation.topics.through
        link.objects.bulk_create(
            [
                link(consultation_id=consultation.pk, taxonomyterm_id=topic_id)
                for consultation, (_c, topic_ids, _r) in zip(created, planned, strict=True)
                for topic_id in topic_ids
            ],
            batch_size=2000,
        )
        referrals = []
        for consultation, (_c, _t, pending) in zip(created, planned, strict=True):
            for referral in pending:
                referral.consultation_id = consultation.pk
                referrals.append(referral)
        Referral.objects.bulk_create(referrals, batch_size=2000)
    return len(created)


def _one(
    generator: random.Random,
    hub: Hub,
    day: date,
    today: date,
    vocabulary: Vocabulary,
    services: Sequence[uuid.UUID],
    staff_id: int | None,
    nationality_weights: dict[str, int],
) -> tuple[Consultation, list[int], list[Referral]]:
    topic_codes = {
        str(_pick(generator, TOPIC_WEIGHTS)) for _n in range(generator.choice([1, 1, 1, 2, 2, 3]))
    }
    nationality = str(_pick(generator, nationality_weights))
    consultation = Consultation(
        hub_id=hub.pk,
        country_id=hub.country_id,
        municipality_id=hub.municipality_id,
        date=day,
        month=day.replace(day=1),
        channel=str(_pick(generator, CHANNEL_WEIGHTS)),
        gender=str(_pick(generator, GENDER_WEIGHTS)),
        age_band=str(_pick(generator, AGE_WEIGHTS)),
        nationality_id=vocabulary.countries.get(nationality),
        migration_situation_id=vocabulary.situations.get(str(_pick(generator, SITUATION_WEIGHTS))),
        disability=Disability.YES if generator.random() < 0.06 else Disability.NO,
        preferred_language=PreferredLanguage.SPANISH
        if generator.random() < 0.9
        else PreferredLanguage.HAITIAN_CREOLE,
        recorded_by_id=staff_id,
    )
    referrals = []
    if services and generator.random() < 0.35:
        for service_id in generator.sample(
            list(services), k=min(len(services), generator.choice([1, 1, 2]))
        ):
            referrals.append(
                Referral(
                    service_id=service_id,
                    status=_referral_status(generator, (today - day).days),
                    follow_up_on=day + timedelta(days=7),
                )
            )
    topic_ids = [
        vocabulary.topics[code] for code in sorted(topic_codes) if code in vocabulary.topics
    ]
    return consultation, topic_ids, referrals


def load(stdout: Writer) -> None:
    hubs = Hub.objects.exclude(status=Hub.Status.CLOSED).select_related("country").order_by("slug")
    if not hubs.exists():
        stdout.write("Consultations: no hubs yet (the directory's demo creates them); skipped.")
        return
    for hub in hubs:
        if Consultation.objects.filter(hub=hub).exists():
            continue
        count = generate_for_hub(hub)
        stdout.write(f"Consultations: {count} demo consultations at {hub}.")
    made = referral_loop_demo()
    if made:
        stdout.write(f"Consultations: {made} referrals answered by the receiving service.")


# The demo hub staff's organisation receives these, from another organisation's hub.
RECEIVING_HUB = "ventanilla-el-progreso"
LOOP_STEPS: tuple[tuple[tuple[str, str], ...], ...] = (
    (),
    (("accepted", ""),),
    (("declined", "The service is full this month; try the labour office in San Pedro Sula."),),
    (("accepted", ""), ("attended", "")),
    (("accepted", ""), ("closed", "The person found work before the appointment.")),
)


def referral_loop_demo() -> int:
    """A few referrals made by another organisation's hub to the demo hub staff's services, in
    each state the receiving service sets, with their history. Once only."""
    if ReferralEvent.objects.filter(side=ReferralEvent.Side.RECEIVING).exists():
        return 0
    receiving = Hub.objects.filter(slug=RECEIVING_HUB).first()
    if receiving is None:
        return 0
    consultations = Consultation.objects.filter(country_id=receiving.country_id).exclude(
        hub__operator_id=receiving.operator_id
    )[: len(LOOP_STEPS)]
    targets = list(Service.objects.filter(hub=receiving).order_by("pk")[:2])
    membership = (
        Membership.objects.filter(
            organisation_id=receiving.operator_id, role=OrganisationRole.HUB_STAFF
        )
        .select_related("user")
        .first()
    )
    if not targets or membership is None:
        return 0
    staff = membership.user
    made = 0
    for index, (consultation, steps) in enumerate(zip(consultations, LOOP_STEPS, strict=False)):
        referral = Referral.objects.create(
            consultation=consultation,
            service=targets[index % len(targets)],
            follow_up_on=consultation.date + timedelta(days=7),
        )
        ReferralEvent.objects.create(
            referral=referral,
            status=Referral.Status.MADE,
            side=ReferralEvent.Side.REFERRING,
            by=consultation.recorded_by,
        )
        for status, note in steps:
            ReferralEvent.objects.create(
                referral=referral,
                status=status,
                side=ReferralEvent.Side.RECEIVING,
                note=note,
                by=staff,
            )
        if steps:
            Referral.objects.filter(pk=referral.pk).update(
                status=steps[-1][0], version=1 + len(steps)
            )
        made += 1
    return made
