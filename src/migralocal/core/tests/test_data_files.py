"""The data files (docs/data-files.md): complete in the languages content is written in, read with
errors that name the file and the key, and a language added in the settings is loaded wherever a
file gives it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.apps import apps
from django.conf import settings
from django.test import override_settings

from migralocal.core.data_files import (
    PACKAGE_ROOT,
    DataFileError,
    Entry,
    read_data_file,
    shown_name,
)
from migralocal.core.demo import load_countries
from migralocal.core.models import Country, TaxonomyTerm
from migralocal.core.taxonomy_loader import TAXONOMIES_FILE, load_taxonomies

DATA_FILES = sorted(
    [*PACKAGE_ROOT.glob("*/data/*.yaml"), *PACKAGE_ROOT.glob("assessments/frameworks/*.yaml")]
)
WITH_FRENCH = [("es", "Español"), ("en", "English"), ("fr", "Français")]
# Content is written in Spanish and English; the other interface languages get it from
# translators, and a page falls back with a notice until they do. The directory's public texts
# are in every language (directory/tests/test_demo_languages.py).
WRITTEN_IN = ["es", "en"]


def translated_texts(value: Any, where: str, written_in: str | None = None) -> Iterator[Any]:
    """Every translated text in the data, where it is, and the languages it must have at least:
    Spanish and English, or for content a person wrote in one language (an entry with
    `language: xx`, such as a commitment) that language."""
    languages = [code for code, _name in settings.LANGUAGES]
    if isinstance(value, dict):
        if any(key in languages for key in value):
            yield where, value, [written_in] if written_in else WRITTEN_IN
            return
        language = value.get("language")
        written_in = language if isinstance(language, str) else written_in
        for key, item in value.items():
            yield from translated_texts(item, f"{where}.{key}", written_in)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from translated_texts(item, f"{where}[{index}]", written_in)


def incomplete_texts(path: Path) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems = []
    for where, texts, required in translated_texts(data, shown_name(path)):
        missing = [language for language in required if not texts.get(language)]
        if missing:
            problems.append(f"{where}: no text in {', '.join(missing)}")
    return problems


def test_the_data_files_are_found() -> None:
    names = {str(path.relative_to(PACKAGE_ROOT)) for path in DATA_FILES}
    assert {
        "core/data/taxonomies.yaml",
        "core/data/demo.yaml",
        "directory/data/demo.yaml",
        "commitments/data/demo.yaml",
        "learning/data/demo.yaml",
        "learning/data/self-assessment.yaml",
        "assessments/data/demo.yaml",
        "assessments/frameworks/default.yaml",
    } <= names


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda path: str(path.relative_to(PACKAGE_ROOT)))
def test_every_translated_text_has_every_language_of_the_platform(path: Path) -> None:
    assert incomplete_texts(path) == []


def test_the_check_finds_every_translated_text() -> None:
    """Not a check that passes because it finds nothing: the taxonomies alone have two texts per
    taxonomy and per term."""
    data = yaml.safe_load(TAXONOMIES_FILE.read_text(encoding="utf-8"))
    terms = sum(len(taxonomy["terms"]) for taxonomy in data["taxonomies"])
    found = list(translated_texts(data, "taxonomies.yaml"))
    assert len(found) == 2 * (len(data["taxonomies"]) + terms)


def test_a_text_without_english_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(
        "entries:\n  - {title: {es: Solo en español, fr: Seulement}}\n", encoding="utf-8"
    )
    assert incomplete_texts(path) == [f"{path}.entries[0].title: no text in en"]


def test_content_written_in_one_language_needs_only_that_language(tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(
        "entries:\n"
        "  - {language: es, title: {es: Solo en español}}\n"
        "  - {title: {es: Un texto de la plataforma}}\n",
        encoding="utf-8",
    )
    assert incomplete_texts(path) == [f"{path}.entries[1].title: no text in en"]


def with_french_label(path: Path) -> Path:
    """A copy of the taxonomies with a French label for GCM objective 1."""
    data = yaml.safe_load(TAXONOMIES_FILE.read_text(encoding="utf-8"))
    data["taxonomies"][0]["terms"][0]["label"]["fr"] = "Données exactes et ventilées"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.django_db
@override_settings(LANGUAGES=WITH_FRENCH)
def test_a_language_added_in_the_settings_is_loaded_where_the_taxonomies_give_it(
    tmp_path: Path,
) -> None:
    load_taxonomies(apps, path=with_french_label(tmp_path / "taxonomies.yaml"))
    term = TaxonomyTerm.objects.of("gcm-objectives").get(code="gcm-01")
    assert term.get_translation("fr").label == "Données exactes et ventilées"
    other = TaxonomyTerm.objects.of("gcm-objectives").get(code="gcm-02")
    assert not other.has_translation("fr")


@pytest.mark.django_db
@override_settings(LANGUAGES=WITH_FRENCH)
def test_a_language_added_in_the_settings_is_loaded_where_the_demo_gives_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(
        "countries:\n"
        "  - code: HN\n"
        "    iso3: HND\n"
        "    name: {es: Honduras, en: Honduras, fr: Honduras (fr)}\n"
        "    latitude: 14.8\n"
        "    longitude: -86.8\n",
        encoding="utf-8",
    )
    load_countries(read_data_file(path).entries("countries"))
    country = Country.objects.get(code="HN")
    assert country.get_translation("fr").name == "Honduras (fr)"
    assert country.get_translation("es").name == "Honduras"


def entry(text: str, tmp_path: Path) -> Entry:
    path = tmp_path / "data.yaml"
    path.write_text(text, encoding="utf-8")
    return read_data_file(path)


def test_a_missing_key_is_named_with_the_file(tmp_path: Path) -> None:
    data = entry("countries:\n  - {code: HN}\n  - {iso3: MEX}\n", tmp_path)
    with pytest.raises(DataFileError, match=r"data\.yaml: countries\[1\]\.code: is missing"):
        [spec.text("code") for spec in data.entries("countries")]


def test_a_number_where_text_belongs_says_to_quote_it(tmp_path: Path) -> None:
    data = entry("first_call: 911\n", tmp_path)
    with pytest.raises(DataFileError, match=r"first_call: must be text \(put it in quotes"):
        data.text("first_call")


def test_a_translated_text_must_be_a_mapping_of_languages(tmp_path: Path) -> None:
    data = entry("name: Honduras\nlabel: {es: Sí, english: Yes}\nempty: {es: ''}\n", tmp_path)
    with pytest.raises(DataFileError, match=r"name: must give the text per language"):
        data.texts("name")
    with pytest.raises(DataFileError, match=r"label\.english: is not a language code"):
        data.texts("label")
    with pytest.raises(DataFileError, match=r"empty\.es: must be non-empty text"):
        data.texts("empty")


def test_a_value_outside_the_allowed_ones_lists_them(tmp_path: Path) -> None:
    data = entry("kind: town_hall\n", tmp_path)
    with pytest.raises(DataFileError, match=r"kind: “town_hall” is not one of: a, b"):
        data.choice("kind", ["a", "b"])


def test_a_placeholder_the_loader_does_not_fill_is_named(tmp_path: Path) -> None:
    data = entry("name: {es: 'Punto de {town}', en: '{city} point'}\n", tmp_path)
    with pytest.raises(DataFileError, match=r"name\.es: can only use the placeholders \{city\}"):
        data.filled_texts("name", city="Tijuana")


def test_a_file_that_is_not_yaml_is_named_with_the_line(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match=r"data\.yaml: is not valid YAML: .*line 2"):
        entry("countries:\n  - {code: HN\n", tmp_path)


@pytest.mark.django_db
def test_a_term_whose_parent_is_not_listed_before_it_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "taxonomies.yaml"
    path.write_text(
        "taxonomies:\n"
        "  - code: sdg\n"
        "    name: {es: ODS, en: SDGs}\n"
        "    description: {es: Objetivos, en: Goals}\n"
        "    terms:\n"
        "      - code: sdg-10.8\n"
        "        parent: sdg-99\n"
        "        label: {es: a, en: a}\n"
        "        description: {es: b, en: b}\n",
        encoding="utf-8",
    )
    with pytest.raises(
        DataFileError,
        match=r"taxonomies\[0\]\.terms\[0\]\.parent: must be a term listed before this one",
    ):
        load_taxonomies(apps, path=path)
