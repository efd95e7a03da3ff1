"""Every string a user sees is translated into every shipped language: a missing or fuzzy entry
fails here.

Each catalogue (the project's, and each app's own `locale/`) is extracted again from a copy of
its source with `makemessages`, so a string added in code without a translation is caught too.
The extraction runs once per catalogue; each language's committed catalogue is then compared
with the strings it found.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from tempfile import TemporaryDirectory

import polib
import pytest

PACKAGE_DIR = Path(__file__).resolve().parents[2]
APP_DIRS_WITH_CATALOGUE = sorted(
    path.parent for path in PACKAGE_DIR.glob("*/locale") if path.parent.is_dir()
)
CATALOGUE_ROOTS = [PACKAGE_DIR, *APP_DIRS_WITH_CATALOGUE]
# English is the language of the source strings; every other shipped language has catalogues.
TARGET_LANGUAGES = ["es", "fr", "pt", "ht"]
MessageKey = tuple[str | None, str, str | None]


def extract_catalogue(root: Path, workdir: Path, language: str) -> polib.POFile:
    """Copy `root`'s sources and catalogue aside and merge freshly extracted strings into it."""
    copy = workdir / root.name
    skip_apps = {path.name for path in APP_DIRS_WITH_CATALOGUE} if root == PACKAGE_DIR else set()
    shutil.copytree(
        root,
        copy,
        ignore=lambda directory, names: [
            name
            for name in names
            if name in {"__pycache__", "static", "tests"}
            or (Path(directory) == root and name in skip_apps)
        ],
    )
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    subprocess.run(
        [sys.executable, "-P", "-m", "django", "makemessages", "-l", language, "--no-obsolete"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    return polib.pofile(str(copy / "locale" / language / "LC_MESSAGES" / "django.po"))


@cache
def strings_in_source(root: Path) -> frozenset[MessageKey]:
    """Every (context, message, plural) that `root`'s code and templates mark for translation."""
    with TemporaryDirectory() as workdir:
        extracted = extract_catalogue(root, Path(workdir), "es")
    return frozenset(
        (entry.msgctxt, entry.msgid, entry.msgid_plural or None) for entry in extracted
    )


def catalogue_path(root: Path, language: str) -> Path:
    return root / "locale" / language / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("language", TARGET_LANGUAGES)
@pytest.mark.parametrize(
    "root", CATALOGUE_ROOTS, ids=lambda root: "project" if root == PACKAGE_DIR else root.name
)
def test_catalogue_translates_every_string(root: Path, language: str) -> None:
    catalogue = polib.pofile(str(catalogue_path(root, language)))
    translated = {
        (entry.msgctxt, entry.msgid, entry.msgid_plural or None)
        for entry in catalogue.translated_entries()
        if not entry.obsolete
    }
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    missing = sorted(key[1] for key in strings_in_source(root) - translated)
    assert not missing, f"{len(missing)} strings lack a translation: {missing[:20]}"
    assert not fuzzy, f"{len(fuzzy)} translations are marked fuzzy: {fuzzy[:20]}"


def test_every_app_with_templates_or_models_has_a_catalogue() -> None:
    apps_with_text = {
        path.parent.name
        for path in PACKAGE_DIR.glob("*/apps.py")
        if (path.parent / "models.py").exists() or (path.parent / "templates").exists()
    }
    assert apps_with_text <= {path.name for path in APP_DIRS_WITH_CATALOGUE}


def committed_catalogues(language: str) -> dict[str, polib.POFile]:
    return {
        "project" if root == PACKAGE_DIR else root.name: polib.pofile(
            str(catalogue_path(root, language))
        )
        for root in CATALOGUE_ROOTS
    }


@pytest.mark.parametrize("language", TARGET_LANGUAGES)
def test_a_string_reads_the_same_in_every_module(language: str) -> None:
    """Django uses the first catalogue that has a string, so two translations of one msgid make
    one module show another's wording. Strings that must differ take a pgettext context."""
    translations: dict[tuple[str | None, str], dict[str, str]] = {}
    for name, catalogue in committed_catalogues(language).items():
        for entry in catalogue.translated_entries():
            translations.setdefault((entry.msgctxt, entry.msgid), {})[name] = entry.msgstr
    differing = {
        key: by_module
        for key, by_module in translations.items()
        if len(set(by_module.values())) > 1
    }
    assert not differing, differing


def test_spanish_addresses_people_as_usted() -> None:
    informal = re.compile(r"\b(tú|tu|tus|ti|contigo)\b", re.IGNORECASE)
    found = [
        (name, entry.msgstr)
        for name, catalogue in committed_catalogues("es").items()
        for entry in catalogue.translated_entries()
        if informal.search(entry.msgstr)
    ]
    assert not found, found


@pytest.mark.parametrize("language", TARGET_LANGUAGES)
@pytest.mark.parametrize("root", CATALOGUE_ROOTS, ids=lambda root: root.name)
def test_every_plural_has_the_forms_its_catalogue_declares(root: Path, language: str) -> None:
    """A plural with fewer forms than the header's nplurals does not compile: the page would
    show the English text."""
    path = catalogue_path(root, language)
    catalogue = polib.pofile(str(path))
    declared = re.search(r"nplurals=(\d+)", catalogue.metadata.get("Plural-Forms", ""))
    assert declared, f"{path} declares no Plural-Forms"
    short = [
        entry.msgid
        for entry in catalogue
        if entry.msgid_plural and len(entry.msgstr_plural) != int(declared[1])
    ]
    assert not short, f"{path}: plurals without {declared[1]} forms: {short}"


@pytest.mark.parametrize(
    "path",
    sorted((PACKAGE_DIR / "core" / "django_strings" / "locale").glob("*/LC_MESSAGES/django.po")),
    ids=lambda path: path.parts[-3],
)
def test_django_s_own_strings_are_translated_where_they_are_given(path: Path) -> None:
    catalogue = polib.pofile(str(path))
    assert len(catalogue) > 0
    assert not catalogue.untranslated_entries()
    assert not catalogue.fuzzy_entries()
