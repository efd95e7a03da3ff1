"""Upsert the shipped taxonomies (taxonomy_data.TAXONOMIES) in both languages.

Used by data migrations with historical models, so it touches parler's translation tables
directly. Running it again updates labels and adds new terms; it never deletes a term.
"""

from __future__ import annotations

from typing import Any

from migralocal.core.taxonomy_data import TAXONOMIES


def _set_translations(
    translation_model: Any, master: Any, texts: dict[str, dict[str, str]]
) -> None:
    languages = set().union(*(by_language.keys() for by_language in texts.values()))
    for language in languages:
        values = {field: by_language.get(language, "") for field, by_language in texts.items()}
        translation_model.objects.update_or_create(
            master=master, language_code=language, defaults=values
        )


def load_taxonomies(apps: Any, schema_editor: Any = None) -> None:
    taxonomy_model = apps.get_model("core", "Taxonomy")
    taxonomy_translation = apps.get_model("core", "TaxonomyTranslation")
    term_model = apps.get_model("core", "TaxonomyTerm")
    term_translation = apps.get_model("core", "TaxonomyTermTranslation")
    for spec in TAXONOMIES:
        taxonomy, _created = taxonomy_model.objects.get_or_create(code=spec["code"])
        _set_translations(
            taxonomy_translation,
            taxonomy,
            {"name": spec["name"], "description": spec["description"]},
        )
        terms_by_code: dict[str, Any] = {}
        for position, term_spec in enumerate(spec["terms"]):
            parent = terms_by_code.get(term_spec.get("parent") or "")
            term, _created = term_model.objects.update_or_create(
                taxonomy=taxonomy,
                code=term_spec["code"],
                defaults={"position": position, "parent": parent},
            )
            terms_by_code[term.code] = term
            _set_translations(
                term_translation,
                term,
                {"label": term_spec["label"], "description": term_spec["description"]},
            )
