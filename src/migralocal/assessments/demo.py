"""Demo rounds (assessments/data/demo.yaml): a dozen municipalities at every stage of the cycle,
one with two rounds.

Each round is built through the same services that pages use. A round that already exists is
left alone, so loading twice changes nothing.
"""

from __future__ import annotations

import datetime
import random
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.html import escape

from migralocal.assessments import services
from migralocal.assessments.management.commands.load_framework import (
    DEFAULT_FRAMEWORK,
    read_framework_file,
)
from migralocal.assessments.models import STAGE_ORDER, Assessment, Question, Stage
from migralocal.core.data_files import Entry, read_data_file
from migralocal.core.demo import DEMO_DOMAIN, Writer, known
from migralocal.core.models import Organisation, User

DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo.yaml"

MONTHS_ES = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]


@dataclass(frozen=True)
class Round:
    """A demo round: the municipality, the year, the stage it reaches and how strong its answers
    are, from 0 to 1."""

    organisation: str
    year: int
    stage: str
    strength: float
    mayor: str = ""

    @classmethod
    def from_spec(cls, spec: Entry, organisations: Mapping[str, Organisation]) -> Round:
        strength = spec.number("strength")
        if not 0 <= strength <= 1:
            raise spec.error("strength", "must be between 0 and 1")
        return cls(
            organisation=known(organisations, spec, "organisation", "the demo organisations").slug,
            year=spec.integer("year"),
            stage=spec.choice("stage", REACHABLE),
            strength=strength,
            mayor=spec.optional_text("mayor"),
        )


# The stages a demo round can be taken to: the cycle's path and its one detour.
REACHABLE = [*STAGE_ORDER, Stage.RETURNED]


def load_default_framework() -> Any:
    framework, _created = services.framework_load(
        data=read_framework_file(DEFAULT_FRAMEWORK), publish=True
    )
    return framework


def _answer_everything(
    assessment: Assessment, user: User, strength: float, rng: random.Random, text_answer: str
) -> None:
    questions = (
        Question.objects.filter(indicator__dimension__framework=assessment.framework)
        .select_related("indicator__dimension")
        .prefetch_related("options")
    )
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
            values["text"] = text_answer
        answer = services.answer_save(
            assessment=assessment, question=question, user=user, expected_version=0, **values
        )
        if question.evidence_required and not answer.not_applicable:
            services.evidence_add(
                answer=answer, user=user, url=f"https://{DEMO_DOMAIN}/evidence/{question.code}"
            )


def _step(assessment: Assessment, admin: User, strength: float, data: Entry) -> None:
    """Move the round one stage forward, as its people would, writing the file's texts."""
    rng = random.Random(f"{assessment.organisation.slug}-{assessment.year}")  # noqa: S311
    year = assessment.year
    stage = assessment.stage
    if stage == Stage.APPLIED:
        services.application_accept(assessment=assessment, user=admin, note="")
    elif stage == Stage.TRAINING:
        for official in data.entries("officials"):
            services.official_record(
                assessment=assessment,
                user=admin,
                position=official.text("position"),
                gender=official.text("gender"),
                modules_completed=4,
            )
        services.training_confirm(assessment=assessment, user=admin)
    elif stage == Stage.SELF_ASSESSMENT:
        _answer_everything(assessment, admin, strength, rng, data.text("text_answer"))
        services.assessment_submit(assessment=assessment, user=admin)
    elif stage == Stage.SUBMITTED:
        services.assessment_validate(assessment=assessment, user=admin)
    elif stage == Stage.VALIDATED:
        workshop = data.entry("workshop")
        services.workshop_record(
            assessment=assessment,
            user=admin,
            held_on=datetime.date(year, 4, 20),
            facilitators=workshop.text("facilitators"),
            findings=workshop.text("findings"),
            participants=[
                {
                    "name": participant.optional_text("name"),
                    "role": participant.text("role"),
                    "organisation": participant.text("organisation"),
                    "gender": participant.text("gender"),
                }
                for participant in workshop.entries("participants")
            ],
        )
    elif stage == Stage.WORKSHOP:
        areas = services.areas_with_potential(assessment)
        participants = list(assessment.workshop.participants.all())
        for participant in participants:
            services.participant_ratings_record(
                assessment=assessment,
                user=admin,
                participant=participant,
                ratings={area: (rng.randint(2, 5), rng.randint(1, 5)) for area in areas},
            )
        services.priorities_select(assessment=assessment, user=admin, dimensions=areas[:2])
    elif stage == Stage.PRIORITISED:
        work_plan = data.entry("work_plan")
        for index, priority in enumerate(assessment.priorities.all()):
            indicator = priority.dimension.indicators.first()
            services.action_save(
                assessment=assessment,
                user=admin,
                priority=priority,
                indicator=indicator,
                title=work_plan.filled_text("title", indicator=indicator),
                owner=work_plan.text("owner"),
                partners=work_plan.text("partners"),
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
                note=data.text("progress_note"),
                reported_on=datetime.date(year, 8, 15),
            )
        services.certificate_award(
            assessment=assessment, user=admin, today=datetime.date(year, 10, 1)
        )


def _reach(assessment: Assessment, target: str, admin: User, strength: float, data: Entry) -> None:
    steps = 0
    while assessment.stage != target and steps < len(REACHABLE):
        if target == Stage.RETURNED and assessment.stage == Stage.SUBMITTED:
            services.assessment_return(
                assessment=assessment,
                user=admin,
                note=data.text("return_note"),
            )
            break
        _step(assessment, admin, strength, data)
        steps += 1


def letter_of_intent_pdf(
    organisation: Organisation, mayor: str, signed_on: datetime.date, letter: Entry
) -> bytes:
    """The mayor's signed letter of intent: one A4 page, written from the demo file's text."""
    from weasyprint import HTML  # imported here: it loads system libraries that pages don't need

    place = organisation.municipality.name if organisation.municipality else organisation.name
    values = {"municipality": organisation.name, "year": signed_on.year, "mayor": mayor}
    body = letter.filled_text("body", **values)
    paragraphs = "".join(f"<p>{escape(text.strip())}</p>" for text in body.split("\n\n"))
    html = (
        "<html lang='es'><head><meta charset='utf-8'><style>"
        "@page { size: A4; margin: 2.5cm }"
        "body { font-family: serif; font-size: 11.5pt; line-height: 1.45 }"
        "h1 { font-size: 15pt; text-align: center } .date { text-align: right }"
        ".signature { margin-top: 2.5cm }"
        "</style></head><body>"
        f"<p class='date'>{escape(place)}, {signed_on.day} de {MONTHS_ES[signed_on.month - 1]}"
        f" de {signed_on.year}</p>"
        f"<p>{escape(letter.text('addressee'))}</p>"
        f"<h1>{escape(letter.text('title'))}</h1>{paragraphs}"
        f"<p class='signature'>{escape(mayor)}<br>{escape(letter.text('signed_as'))}<br>"
        f"{escape(organisation.name)}</p></body></html>"
    )
    return bytes(HTML(string=html).write_pdf())


def _start(
    slug: str,
    year: int,
    admin: User,
    previous: Assessment | None,
    application: Entry,
    mayor: str = "",
) -> Assessment:
    organisation = Organisation.objects.select_related("municipality").get(slug=slug)
    if previous is not None and previous.stage == Stage.CERTIFIED:
        return services.renewal_start(assessment=previous, user=admin, year=year)
    mayor = mayor or application.text("mayor_name")
    letter = letter_of_intent_pdf(
        organisation, mayor, datetime.date(year, 2, 3), application.entry("letter")
    )
    return services.application_submit(
        organisation=organisation,
        user=admin,
        year=year,
        population=application.integer("population"),
        migrant_population=application.integer("migrant_population"),
        current_work=application.text("current_work"),
        motivation=application.text("motivation"),
        mayor_name=mayor,
        letter=ContentFile(letter, name="carta-de-intencion.pdf"),
    )


@transaction.atomic
def _build(demo_round: Round, admin: User, data: Entry) -> Assessment:
    previous = (
        Assessment.objects.filter(
            organisation__slug=demo_round.organisation, year__lt=demo_round.year
        )
        .order_by("-year")
        .first()
    )
    assessment = _start(
        demo_round.organisation,
        demo_round.year,
        admin,
        previous,
        data.entry("application"),
        demo_round.mayor,
    )
    _reach(assessment, demo_round.stage, admin, demo_round.strength, data)
    return assessment


def demo_round(organisation: str, year: int, stage: str, strength: float) -> Assessment:
    """One round made as the demo makes its rounds, for worlds built on a part of the demo (the
    access matrix's): the municipality, the year, the stage it reaches and how strong its answers
    are, from 0 to 1."""
    admin = User.objects.get(email=f"admin@{DEMO_DOMAIN}")
    return _build(Round(organisation, year, stage, strength), admin, read_data_file(DEMO_FILE))


def load(stdout: Writer) -> None:
    load_default_framework()
    data = read_data_file(DEMO_FILE)
    admin = User.objects.get(email=f"admin@{DEMO_DOMAIN}")
    organisations = {organisation.slug: organisation for organisation in Organisation.objects.all()}
    # Every round is read (and the file checked) before any is made.
    rounds = [Round.from_spec(spec, organisations) for spec in data.entries("rounds")]
    missing = [
        demo_round
        for demo_round in rounds
        if not Assessment.objects.filter(
            organisation__slug=demo_round.organisation, year=demo_round.year
        ).exists()
    ]
    for demo_round in missing:
        _build(demo_round, admin, data)
    created = len(missing)
    stdout.write(f"Assessments: default framework, {created} new demo rounds.\n")
