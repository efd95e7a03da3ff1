"""A small framework and a round moved to any stage, for the assessment tests."""

from __future__ import annotations

import copy
import datetime
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from migralocal.assessments import services
from migralocal.assessments.models import STAGE_ORDER, Assessment, Framework, Question, Stage
from migralocal.core.models import User
from migralocal.core.tests.world import World

PDF_BYTES = b"%PDF-1.4\n%test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

SMALL_FRAMEWORK: dict[str, Any] = {
    "code": "small",
    "title": {"es": "Marco pequeño", "en": "Small framework"},
    "well_developed_threshold": 60,
    "dimensions": [
        {
            "code": "institutions",
            "title": {"es": "Instituciones", "en": "Institutions"},
            "indicators": [
                {
                    "code": "unit",
                    "title": {"es": "Unidad", "en": "Unit"},
                    "weight": 1,
                    "migof_domain": "whole-of-government",
                    "gcm_objectives": ["gcm-23"],
                    "questions": [
                        {
                            "code": "q1",
                            "type": "yes_no_partly",
                            "weight": 2,
                            "evidence_required": True,
                            "text": {"es": "¿Hay una unidad?", "en": "Is there a unit?"},
                            "help": {"es": "Adjunte el acuerdo.", "en": "Attach the decision."},
                        },
                        {
                            "code": "q2",
                            "type": "single_choice",
                            "not_applicable": True,
                            "text": {"es": "¿Cuánto personal?", "en": "How many staff?"},
                            "options": [
                                {
                                    "code": "none",
                                    "score": 0,
                                    "label": {"es": "Nadie", "en": "None"},
                                },
                                {
                                    "code": "some",
                                    "score": 0.5,
                                    "label": {"es": "Algo", "en": "Some"},
                                },
                                {"code": "all", "score": 1, "label": {"es": "Todo", "en": "All"}},
                            ],
                        },
                    ],
                },
                {
                    "code": "strategy",
                    "title": {"es": "Estrategia", "en": "Strategy"},
                    "weight": 3,
                    "migof_domain": "migrants-rights",
                    "questions": [
                        {
                            "code": "q3",
                            "type": "number",
                            "target": 10,
                            "text": {"es": "¿Cuántos convenios?", "en": "How many agreements?"},
                        },
                        {
                            "code": "q4",
                            "type": "text",
                            "text": {"es": "Describa.", "en": "Describe."},
                        },
                    ],
                },
            ],
        },
        {
            "code": "health",
            "title": {"es": "Salud", "en": "Health"},
            "indicators": [
                {
                    "code": "access",
                    "title": {"es": "Acceso", "en": "Access"},
                    "migof_domain": "migrants-rights",
                    "questions": [
                        {
                            "code": "q5",
                            "type": "multiple_choice",
                            "text": {"es": "¿Qué servicios?", "en": "Which services?"},
                            "options": [
                                {"code": "x", "score": 0.25, "label": {"es": "X", "en": "X"}},
                                {"code": "y", "score": 0.25, "label": {"es": "Y", "en": "Y"}},
                                {"code": "z", "score": 0.5, "label": {"es": "Z", "en": "Z"}},
                            ],
                        },
                        {
                            "code": "q6",
                            "type": "date",
                            "text": {"es": "¿Desde cuándo?", "en": "Since when?"},
                        },
                    ],
                }
            ],
        },
    ],
}


def small_framework_data() -> dict[str, Any]:
    return copy.deepcopy(SMALL_FRAMEWORK)


def published_small_framework() -> Framework:
    framework, _created = services.framework_load(data=small_framework_data(), publish=True)
    return framework


def letter(name: str = "carta.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def question(framework: Framework, code: str) -> Question:
    return Question.objects.get(indicator__dimension__framework=framework, code=code)


# Answers that put "institutions" below the threshold (54.2) and "health" above it (75).
GOOD_ANSWERS: dict[str, dict[str, Any]] = {
    "q1": {"choice": "partly"},
    "q2": {"choice": "all"},
    "q3": {"number": Decimal(5)},
    "q4": {"text": "Una mesa municipal."},
    "q5": {"choices": ["x", "z"]},
    "q6": {"date": datetime.date(2024, 1, 1)},
}


def answer_all(
    assessment: Assessment, user: User, answers: dict[str, dict[str, Any]] | None = None
) -> None:
    for code, values in (answers or GOOD_ANSWERS).items():
        answer = services.answer_save(
            assessment=assessment,
            question=question(assessment.framework, code),
            user=user,
            expected_version=assessment.answers.filter(question__code=code)
            .values_list("version", flat=True)
            .first()
            or 0,
            **values,
        )
        if code == "q1":
            services.evidence_add(answer=answer, user=user, url="https://example.org/acuerdo")


def round_at(world: World, stage: str, year: int = 2026) -> Assessment:
    """A round of El Progreso moved to `stage` by its focal point and the Honduras reviewer."""
    if not Framework.objects.filter(status=Framework.Status.PUBLISHED).exists():
        published_small_framework()
    focal, reviewer = world.user("focal_point"), world.user("reviewer")
    assessment = services.application_submit(
        organisation=world.el_progreso_municipality,
        user=focal,
        year=year,
        population=200_000,
        migrant_population=5_000,
        current_work="Ventanilla de atención.",
        motivation="Fortalecer la atención.",
        mayor_name="Alcaldesa",
        letter=letter(),
    )
    target = STAGE_ORDER.index(Stage(stage)) if stage in STAGE_ORDER else None
    if stage == Stage.DECLINED:
        return services.application_decline(assessment=assessment, user=reviewer, note="No.")
    if stage == Stage.RETURNED:
        target = STAGE_ORDER.index(Stage.SUBMITTED)
    assert target is not None
    for step in STAGE_ORDER[1 : target + 1]:
        _advance(assessment, step, focal, reviewer)
        assessment.refresh_from_db()
    if stage == Stage.RETURNED:
        services.assessment_return(assessment=assessment, user=reviewer, note="Revise q3.")
    return assessment


def _advance(assessment: Assessment, step: str, focal: Any, reviewer: Any) -> None:
    if step == Stage.TRAINING:
        services.application_accept(assessment=assessment, user=reviewer)
    elif step == Stage.SELF_ASSESSMENT:
        services.official_record(
            assessment=assessment,
            user=focal,
            position="Directora",
            gender="woman",
            modules_completed=4,
        )
        services.training_confirm(assessment=assessment, user=focal)
    elif step == Stage.SUBMITTED:
        answer_all(assessment, focal)
        services.assessment_submit(assessment=assessment, user=focal)
    elif step == Stage.VALIDATED:
        services.assessment_validate(assessment=assessment, user=reviewer)
    elif step == Stage.WORKSHOP:
        services.workshop_record(
            assessment=assessment,
            user=reviewer,
            held_on=datetime.date(2026, 5, 1),
            facilitators="Equipo",
            findings="Hallazgos.",
            participants=[
                {"role": "Concejala", "organisation": "Municipio", "gender": "woman"},
                {"role": "Técnico", "organisation": "ONG", "gender": "man"},
            ],
        )
    elif step == Stage.PRIORITISED:
        areas = services.areas_with_potential(assessment)
        services.priorities_select(assessment=assessment, user=focal, dimensions=areas)
    elif step == Stage.PLAN_SUBMITTED:
        priority = assessment.priorities.get()
        services.action_save(
            assessment=assessment,
            user=focal,
            priority=priority,
            indicator=priority.dimension.indicators.first(),
            title="Crear la oficina",
            owner="Desarrollo social",
            starts_on=datetime.date(2026, 6, 1),
            ends_on=datetime.date(2026, 12, 31),
            budget=Decimal(1000),
        )
        services.work_plan_submit(assessment=assessment, user=focal)
    elif step == Stage.MONITORING:
        services.work_plan_approve(assessment=assessment, user=reviewer)
    elif step == Stage.CERTIFIED:
        services.certificate_award(assessment=assessment, user=reviewer)
