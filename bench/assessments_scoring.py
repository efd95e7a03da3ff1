"""How long scoring takes: results of N rounds answered over the shipped 68-question framework.

Run with `make bench`, or `python bench/assessments_scoring.py [ROUNDS]` (default 200; set
ASSESSMENTS_BENCH_ROUNDS for a quick try). Uses a throwaway SQLite database.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from decimal import Decimal
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
WORKDIR = tempfile.mkdtemp(prefix="migralocal-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR}/bench.sqlite3"
os.environ["MEDIA_ROOT"] = WORKDIR
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "migralocal.settings_test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from migralocal.assessments.models import Answer, Assessment, Question, Stage  # noqa: E402
from migralocal.assessments.scoring import assessment_results  # noqa: E402
from migralocal.core.models import AdministrativeArea, Country, Organisation  # noqa: E402


def rounds_wanted() -> int:
    if len(sys.argv) > 1:
        return int(sys.argv[1])
    return int(os.environ.get("ASSESSMENTS_BENCH_ROUNDS", "200"))


def build(rounds: int) -> list[Assessment]:
    call_command("migrate", verbosity=0)
    call_command("load_framework", "--default", "--publish", verbosity=0, stdout=StringIO())
    from migralocal.assessments.models import Framework

    framework = Framework.objects.get()
    questions = list(
        Question.objects.filter(indicator__dimension__framework=framework).prefetch_related(
            "options"
        )
    )
    country, _created = Country.objects.get_or_create(code="HN", defaults={"iso3": "HND"})
    rng = random.Random(7)
    assessments = []
    for index in range(rounds):
        area = AdministrativeArea.objects.create(
            country=country, level="municipality", code=f"HN-{index}", name=f"Municipio {index}"
        )
        organisation = Organisation.objects.create(
            name=f"Municipio {index}",
            slug=f"m-{index}",
            kind="municipality",
            country=country,
            municipality=area,
        )
        assessment = Assessment.objects.create(
            organisation=organisation,
            country=country,
            framework=framework,
            year=2026,
            stage=Stage.VALIDATED,
        )
        answers = []
        for question in questions:
            options = [o.code for o in question.options.all()]
            answers.append(
                Answer(
                    assessment=assessment,
                    question=question,
                    choice=rng.choice(["yes", "no", "partly"])
                    if question.kind == "yes_no_partly"
                    else (rng.choice(options) if question.kind == "single_choice" else ""),
                    choices=rng.sample(options, k=min(2, len(options)))
                    if question.kind == "multiple_choice"
                    else [],
                    number=Decimal(rng.randint(0, 60)) if question.kind == "number" else None,
                    text="x" if question.kind == "text" else "",
                )
            )
        Answer.objects.bulk_create(answers)
        assessments.append(assessment)
    return assessments


def main() -> None:
    rounds = rounds_wanted()
    started = time.perf_counter()
    assessments = build(rounds)
    built = time.perf_counter() - started
    started = time.perf_counter()
    overall = [assessment_results(a).overall for a in assessments]
    scored = time.perf_counter() - started
    print(f"assessments scoring: {rounds} rounds of 68 questions built in {built:.1f} s")
    print(
        f"assessments scoring: {scored:.2f} s for all results, "
        f"{1000 * scored / rounds:.1f} ms per round "
        f"(mean overall score {sum(float(o or 0) for o in overall) / rounds:.1f})"
    )


if __name__ == "__main__":
    main()
