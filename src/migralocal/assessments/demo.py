"""Demo rounds: a dozen municipalities at every stage of the cycle, one with two rounds.

Each round is built through the same services that pages use. A round that already exists is
left alone, so loading twice changes nothing.
"""

from __future__ import annotations

import datetime
import random
import zlib
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from migralocal.assessments import services
from migralocal.assessments.management.commands.load_framework import (
    DEFAULT_FRAMEWORK,
    read_framework_file,
)
from migralocal.assessments.models import STAGE_ORDER, Assessment, Question, Stage
from migralocal.core.demo import DEMO_DOMAIN, Writer
from migralocal.core.models import Organisation, User

# A tiny but genuine PDF, standing in for each mayor's signed letter.
DEMO_LETTER = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

# (municipality, year, the stage to reach, how strong its answers are from 0 to 1)
ROUNDS: list[tuple[str, int, str, float]] = [
    ("ilustre-municipalidad-de-maipu", 2025, Stage.CERTIFIED, 0.45),
    ("ilustre-municipalidad-de-maipu", 2026, Stage.VALIDATED, 0.65),
    ("municipio-del-distrito-metropolitano-de-quito", 2026, Stage.CERTIFIED, 0.7),
    ("ajuntament-de-terrassa", 2026, Stage.CERTIFIED, 0.7),
    ("municipalidad-distrital-de-carmen-de-la-legua-reynoso", 2025, Stage.CERTIFIED, 0.5),
    ("city-government-of-legazpi", 2026, Stage.MONITORING, 0.55),
    ("h-ayuntamiento-de-juarez", 2026, Stage.PLAN_SUBMITTED, 0.5),
    ("h-ayuntamiento-de-tapachula", 2026, Stage.PRIORITISED, 0.45),
    ("h-ayuntamiento-de-tijuana", 2026, Stage.WORKSHOP, 0.5),
    ("alcaldia-municipal-de-santa-ana", 2026, Stage.RETURNED, 0.4),
    ("alcaldia-municipal-de-san-salvador", 2026, Stage.SUBMITTED, 0.55),
    ("alcaldia-municipal-de-san-pedro-sula", 2026, Stage.SELF_ASSESSMENT, 0.5),
    ("municipalidad-de-choloma", 2026, Stage.TRAINING, 0.5),
    ("alcaldia-municipal-del-distrito-central", 2026, Stage.APPLIED, 0.5),
]


def load_default_framework() -> Any:
    framework, _created = services.framework_load(
        data=read_framework_file(DEFAULT_FRAMEWORK), publish=True
    )
    return framework


def _answer_everything(
    assessment: Assessment, user: User, strength: float, rng: random.Random
) -> None:
    questions = Question.objects.filter(
        indicator__dimension__framework=assessment.framework
    ).prefetch_related("options")
    for question in questions:
        # Each dimension leans a little differently, so every municipality has both kinds of area.
        lean = strength + (zlib.crc32(question.indicator.dimension.code.encode()) % 7 - 3) * 0.12
        good = rng.random() < max(0.05, min(0.95, lean))
        values: dict[str, Any] = {}
        kind = question.kind
        if question.allows_not_applicable and rng.random() < 0.1:
            values["not_applicable"] = True
        elif kind == Question.Kind.YES_NO_PARTLY:
            values["choice"] = "yes" if good else rng.choice(["no", "partly"])
        elif kind in {Question.Kind.SINGLE_CHOICE, Question.Kind.MULTIPLE_CHOICE}:
            options = sorted(question.options.all(), key=lambda o: o.score)
            if kind == Question.Kind.SINGLE_CHOICE:
                values["choice"] = (options[-1] if good else options[0]).code
            else:
                count = len(options) if good else 1
                values["choices"] = [o.code for o in options[:count]]
        elif kind == Question.Kind.NUMBER:
            target = question.target or Decimal(10)
            values["number"] = (target * Decimal("1.2") if good else target / 3).quantize(
                Decimal(1)
            )
        elif kind == Question.Kind.DATE:
            values["date"] = datetime.date(assessment.year - 1, 6, 1)
        else:
            values["text"] = "Mesa municipal con organizaciones de personas migrantes."
        answer = services.answer_save(
            assessment=assessment, question=question, user=user, expected_version=0, **values
        )
        if question.evidence_required and not answer.not_applicable:
            services.evidence_add(
                answer=answer, user=user, url=f"https://{DEMO_DOMAIN}/evidence/{question.code}"
            )


def _step(assessment: Assessment, admin: User, strength: float) -> None:
    """Move the round one stage forward, as its people would."""
    rng = random.Random(f"{assessment.organisation.slug}-{assessment.year}")  # noqa: S311
    year = assessment.year
    stage = assessment.stage
    if stage == Stage.APPLIED:
        services.application_accept(assessment=assessment, user=admin, note="")
    elif stage == Stage.TRAINING:
        for position, gender in (
            ("Directora de Desarrollo Social", "woman"),
            ("Jefe de Planificación", "man"),
        ):
            services.official_record(
                assessment=assessment,
                user=admin,
                position=position,
                gender=gender,
                modules_completed=4,
            )
        services.training_confirm(assessment=assessment, user=admin)
    elif stage == Stage.SELF_ASSESSMENT:
        _answer_everything(assessment, admin, strength, rng)
        services.assessment_submit(assessment=assessment, user=admin)
    elif stage == Stage.SUBMITTED:
        services.assessment_validate(assessment=assessment, user=admin)
    elif stage == Stage.VALIDATED:
        services.workshop_record(
            assessment=assessment,
            user=admin,
            held_on=datetime.date(year, 4, 20),
            facilitators="Equipo del programa",
            findings="Buena coordinación interna; falta información en otros idiomas.",
            participants=[
                {
                    "name": "",
                    "role": "Concejala",
                    "organisation": "Municipalidad",
                    "gender": "woman",
                },
                {
                    "name": "",
                    "role": "Técnico de empleo",
                    "organisation": "Municipalidad",
                    "gender": "man",
                },
                {
                    "name": "",
                    "role": "Coordinadora",
                    "organisation": "Red de migrantes",
                    "gender": "woman",
                },
                {
                    "name": "",
                    "role": "Enfermero",
                    "organisation": "Centro de salud",
                    "gender": "man",
                },
            ],
        )
    elif stage == Stage.WORKSHOP:
        areas = services.areas_with_potential(assessment)
        participants = list(assessment.workshop.participants.all())
        for participant in participants:
            for area in areas:
                services.priority_rate(
                    assessment=assessment,
                    user=admin,
                    participant=participant,
                    dimension=area,
                    impact=rng.randint(2, 5),
                    feasibility=rng.randint(1, 5),
                )
        services.priorities_select(assessment=assessment, user=admin, dimensions=areas[:2])
    elif stage == Stage.PRIORITISED:
        for index, priority in enumerate(assessment.priorities.all()):
            indicator = priority.dimension.indicators.first()
            services.action_save(
                assessment=assessment,
                user=admin,
                priority=priority,
                indicator=indicator,
                title=f"Plan de mejora: {indicator}",
                owner="Oficina de Desarrollo Social",
                partners="Organizaciones de la sociedad civil",
                starts_on=datetime.date(year, 5, 1 + index),
                ends_on=datetime.date(year, 9 + index, 30),
                budget=Decimal(15000 + 5000 * index),
            )
        services.work_plan_submit(assessment=assessment, user=admin)
    elif stage == Stage.PLAN_SUBMITTED:
        services.work_plan_approve(assessment=assessment, user=admin)
    elif stage == Stage.MONITORING:
        for action in assessment.actions.all():
            services.progress_report(
                action=action,
                user=admin,
                status="in_progress",
                progress=rng.choice([30, 50, 70]),
                note="Avance según lo previsto.",
                reported_on=datetime.date(year, 8, 15),
            )
        services.certificate_award(
            assessment=assessment, user=admin, today=datetime.date(year, 10, 1)
        )


def _reach(assessment: Assessment, target: str, admin: User, strength: float) -> None:
    steps = 0
    while assessment.stage != target and steps < len(STAGE_ORDER):
        if target == Stage.RETURNED and assessment.stage == Stage.SUBMITTED:
            services.assessment_return(
                assessment=assessment,
                user=admin,
                note="Adjunte la evidencia de la estrategia local y revise las cifras de empleo.",
            )
            break
        _step(assessment, admin, strength)
        steps += 1


def _start(slug: str, year: int, admin: User, previous: Assessment | None) -> Assessment:
    organisation = Organisation.objects.get(slug=slug)
    if previous is not None and previous.stage == Stage.CERTIFIED:
        return services.renewal_start(assessment=previous, user=admin, year=year)
    return services.application_submit(
        organisation=organisation,
        user=admin,
        year=year,
        population=500_000,
        migrant_population=25_000,
        current_work="Ventanilla de atención, ferias de empleo y acuerdos con albergues.",
        motivation="Ordenar y fortalecer lo que ya hace el municipio por la población migrante.",
        mayor_name="Alcaldía municipal",
        letter=ContentFile(DEMO_LETTER, name="carta-de-intencion.pdf"),
    )


@transaction.atomic
def load(stdout: Writer) -> None:
    load_default_framework()
    admin = User.objects.get(email=f"admin@{DEMO_DOMAIN}")
    created = 0
    builders: list[Callable[..., None]] = []
    for slug, year, target, strength in ROUNDS:
        if Assessment.objects.filter(organisation__slug=slug, year=year).exists():
            continue

        def build(
            slug: str = slug, year: int = year, target: str = target, strength: float = strength
        ) -> None:
            previous = (
                Assessment.objects.filter(organisation__slug=slug, year__lt=year)
                .order_by("-year")
                .first()
            )
            assessment = _start(slug, year, admin, previous)
            _reach(assessment, target, admin, strength)

        builders.append(build)
        created += 1
    for build in builders:
        build()
    stdout.write(f"Assessments: default framework, {created} new demo rounds.\n")
