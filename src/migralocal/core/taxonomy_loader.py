"""Upsert the shipped taxonomies (core/data/taxonomies.yaml) in every language the file gives.

Used by data migrations with historical models, so it touches parler's translation tables
directly. Running it again updates labels and adds new terms; it never deletes a term.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from migralocal.core.data_files import read_data_file

TAXONOMIES_FILE = Path(__file__).resolve().parent / "data" / "taxonomies.yaml"


def store_translations(
    translation_model: Any, master: Any, texts: dict[str, dict[str, str]]
) -> None:
    """Write the translations of a historical model's row (data migrations have no parler):
    one row per language any field is given in, in the file's order."""
    languages = dict.fromkeys(
        language for by_language in texts.values() for language in by_language
    )
    for language in languages:
        values = {field: by_language.get(language, "") for field, by_language in texts.items()}
        translation_model.objects.update_or_create(
            master=master, language_code=language, defaults=values
        )


def load_taxonomies(apps: Any, schema_editor: Any = None, path: Path = TAXONOMIES_FILE) -> None:
    taxonomy_model = apps.get_model("core", "Taxonomy")
    taxonomy_translation = apps.get_model("core", "TaxonomyTranslation")
    term_model = apps.get_model("core", "TaxonomyTerm")
    term_translation = apps.get_model("core", "TaxonomyTermTranslation")
    for spec in read_data_file(path).entries("taxonomies"):
        taxonomy, _created = taxonomy_model.objects.get_or_create(code=spec.text("code"))
        store_translations(
            taxonomy_translation,
            taxonomy,
            spec.texts_of("name", "description"),
        )
        terms_by_code: dict[str, Any] = {}
        for position, term_spec in enumerate(spec.entries("terms")):
            parent_code = term_spec.optional_text("parent")
            if parent_code and parent_code not in terms_by_code:
                raise term_spec.error("parent", "must be a term listed before this one")
            term, _created = term_model.objects.update_or_create(
                taxonomy=taxonomy,
                code=term_spec.text("code"),
                defaults={"position": position, "parent": terms_by_code.get(parent_code)},
            )
            terms_by_code[term.code] = term
            store_translations(
                term_translation,
                term,
                term_spec.texts_of("label", "description"),
            )
