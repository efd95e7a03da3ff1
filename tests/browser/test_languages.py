"""The five languages in the browser: a migrant on a small phone switches the site to Haitian
Creole and reads a hub whose text has not been translated yet, with the notice that says so; a
reviewer sends the directory's missing French to a translator as a CSV file and imports it back,
and the hub's page then reads in French. Every page passes axe and fits the phone."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from migralocal.core.tests.factories import PASSWORD
from migralocal.core.tests.world import build_world
from migralocal.directory.tests.helpers import world_hubs
from tests.browser.conftest import fits_the_phone, serious_accessibility_violations, sign_in


def in_language(language: str, text: str) -> str:
    with translation.override(language):
        translated = gettext(text)
    assert translated != text, f"{text!r} has no {language} translation"
    return translated


def test_a_migrant_switches_to_haitian_creole_and_is_told_what_is_not_translated(
    small_phone_page: Any,
) -> None:
    world = build_world()
    world_hubs(world)
    page = small_phone_page

    page.goto("/es/directory/hubs/ventanilla-el-progreso/")
    page.locator(".language-menu > summary").click()
    fits_the_phone(page)
    page.get_by_role("button", name="Kreyòl ayisyen").click()
    page.wait_for_url("**/ht/directory/hubs/ventanilla-el-progreso/")

    assert page.locator("html").get_attribute("lang") == "ht"
    expect(page.locator("h1")).to_have_text("Ventanilla Municipal de Atención al Migrante")
    notice = page.locator(".translation-notice")
    expect(notice).to_be_visible()
    fits_the_phone(page)
    page.goto("/ht/")
    expect(page.locator("main")).to_contain_text(in_language("ht", "What the platform offers"))
    fits_the_phone(page)


def filled_in_french(exported: str) -> str:
    rows = list(csv.DictReader(io.StringIO(exported.lstrip("\ufeff"))))
    assert rows, "nothing to translate was exported"
    for row in rows:
        row["target"] = f"[fr] {row['english'] or row['source']}"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def test_a_reviewer_sends_missing_french_to_a_translator_and_imports_it(
    page: Any, tmp_path: Path
) -> None:
    world = build_world()
    world_hubs(world)
    sign_in(page, world.user("reviewer").email, PASSWORD, language="fr")

    page.goto("/fr/translations/")
    assert serious_accessibility_violations(page) == []
    page.locator("main select[name=language]").select_option("fr")
    page.locator("main select[name=module]").select_option("directory")
    page.locator("main select[name=format]").select_option("csv")
    with page.expect_download() as download:
        page.get_by_role("button", name=in_language("fr", "Download")).click()
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    translated = tmp_path / "directory-fr.csv"
    translated.write_text(filled_in_french(exported), encoding="utf-8")

    page.goto("/fr/translations/import/")
    assert serious_accessibility_violations(page) == []
    page.locator("main select[name=language]").select_option("fr")
    page.set_input_files("input[type=file]", str(translated))
    page.get_by_role("button", name=in_language("fr", "Check the file")).click()
    expect(page.locator(".preview"), page.locator("main").inner_text()).to_be_visible()
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name=in_language("fr", "Import these translations")).click()
    page.wait_for_load_state()

    page.goto("/fr/directory/hubs/ventanilla-el-progreso/")
    expect(page.locator("h1")).to_have_text("[fr] Migrant desk")
    expect(page.locator(".translation-notice")).to_have_count(0)
    assert serious_accessibility_violations(page) == []
