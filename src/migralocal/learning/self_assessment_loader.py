"""Upsert the shipped self-assessment statements (learning/data/self-assessment.yaml).

Used by a data migration with historical models, so it writes parler's translation tables
directly, in every language the file gives.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from migralocal.core.data_files import Entry, read_data_file
from migralocal.core.taxonomy_loader import store_translations

SELF_ASSESSMENT_FILE = Path(__file__).resolve().parent / "data" / "self-assessment.yaml"
CAPACITY_AREAS_TAXONOMY = "organisation-capacity-areas"


def self_assessment_questions(path: Path = SELF_ASSESSMENT_FILE) -> list[Entry]:
    return read_data_file(path).entries("questions")


def load_self_assessment_questions(
    apps: Any, schema_editor: Any = None, path: Path = SELF_ASSESSMENT_FILE
) -> None:
    question_model = apps.get_model("learning", "SelfAssessmentQuestion")
    translation_model = apps.get_model("learning", "SelfAssessmentQuestionTranslation")
    term_model = apps.get_model("core", "TaxonomyTerm")
    for position, spec in enumerate(self_assessment_questions(path)):
        area = term_model.objects.filter(
            taxonomy__code=CAPACITY_AREAS_TAXONOMY, code=spec.text("area")
        ).first()
        if area is None:
            raise spec.error("area", f"is not a code of the {CAPACITY_AREAS_TAXONOMY} taxonomy")
        question, _created = question_model.objects.update_or_create(
            code=spec.text("code"), defaults={"area": area, "position": position}
        )
        store_translations(translation_model, question, spec.texts_of("text"))
