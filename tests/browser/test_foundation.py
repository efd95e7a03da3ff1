"""The foundation as a person meets it: languages, signing in per role, accessibility."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from migralocal.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from tests.browser.conftest import serious_accessibility_violations, sign_in, sign_out

SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "docs" / "img"

# What only that role's menu offers (the menu is built from the same rules as the pages).
ROLE_MENU = {
    "admin@demo.migralocal.org": "Administración",
    "hub.staff@demo.migralocal.org": "Mi página",
    "focal.point@demo.migralocal.org": "Mis organizaciones",
    "member@demo.migralocal.org": "Mis organizaciones",
    "reviewer@demo.migralocal.org": "Países del programa",
    "trainer@demo.migralocal.org": "Países del programa",
    "mentor@demo.migralocal.org": "Países del programa",
    "manager@demo.migralocal.org": "Países del programa",
}


def menu_labels(page: Any) -> list[str]:
    return [label.strip() for label in page.locator("nav.main-nav ul a").all_inner_texts()]


def test_home_in_spanish_and_english_with_language_switch(page: Any, demo_db: None) -> None:
    page.goto("/es/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("h2#offer-heading").inner_text() == "Lo que ofrece la plataforma"
    organisations = int(page.locator("[data-count=organisations]").inner_text())
    assert organisations >= 50

    page.get_by_role("button", name="English").click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h2#offer-heading").inner_text() == "What the platform offers"

    # The choice is remembered: the bare address opens in English now.
    page.goto("/")
    page.wait_for_url("**/en/")
    if os.environ.get("MIGRALOCAL_SCREENSHOTS"):
        page.goto("/es/")
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT_DIR / "home.png"), full_page=True)


def test_each_demo_role_signs_in_and_sees_its_menu(page: Any, demo_db: None) -> None:
    for account in DEMO_ACCOUNTS:
        sign_in(page, account.email, DEMO_PASSWORD)
        page.wait_for_url("**/es/me/")
        labels = menu_labels(page)
        assert ROLE_MENU[account.email] in labels, (account.email, labels)
        assert "Mi página" in labels
        if account.email != "admin@demo.migralocal.org":
            assert "Administración" not in labels, account.email
        assert page.locator("h1").inner_text().startswith("Le damos la bienvenida")
        sign_out(page)
        assert "Mi página" not in menu_labels(page)


@pytest.mark.parametrize("path", ["/es/", "/en/", "/es/accounts/login/", "/es/organisations/"])
def test_public_pages_pass_axe_on_desktop_and_phone(
    page: Any, phone_page: Any, demo_db: None, path: str
) -> None:
    for opened in (page, phone_page):
        opened.goto(path)
        assert serious_accessibility_violations(opened) == []


def test_home_fits_a_phone_screen(phone_page: Any, demo_db: None) -> None:
    phone_page.goto("/es/")
    page_width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 390
    # The languages fold behind one button named after the page's language.
    languages = phone_page.locator(".language-menu > summary")
    assert languages.is_visible()
    assert not phone_page.get_by_role("button", name="English").is_visible()
    languages.click()
    assert phone_page.get_by_role("button", name="English").is_visible()
    assert phone_page.get_by_role("button", name="Kreyòl ayisyen").is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390


SIGNED_IN_PAGES = {
    "focal.point@demo.migralocal.org": [
        "/es/me/",
        "/es/me/organisations/",
        "/es/me/api-token/",
        "/es/organisations/alcaldia-municipal-de-san-pedro-sula/",
        "/es/organisations/alcaldia-municipal-de-san-pedro-sula/edit/",
        "/es/accounts/2fa/",
    ],
    "reviewer@demo.migralocal.org": ["/es/programme/organisations/", "/en/me/"],
}


def test_signed_in_pages_pass_axe_on_a_phone(phone_page: Any, demo_db: None) -> None:
    for email, paths in SIGNED_IN_PAGES.items():
        sign_in(phone_page, email, DEMO_PASSWORD)
        for path in paths:
            phone_page.goto(path)
            assert phone_page.locator("h1").count() == 1, path
            assert serious_accessibility_violations(phone_page) == [], path
            width = phone_page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (path, width)
        sign_out(phone_page)


def test_focal_point_edits_the_municipal_profile_in_english(page: Any, demo_db: None) -> None:
    sign_in(page, "focal.point@demo.migralocal.org", DEMO_PASSWORD)
    page.goto("/en/organisations/alcaldia-municipal-de-san-pedro-sula/edit/")
    page.fill("textarea[name=description]", "Runs the municipal window for returning migrants.")
    page.fill("input[name=website]", "not a web address")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    page.fill("input[name=website]", "https://sanpedrosula.example.org")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/en/organisations/alcaldia-municipal-de-san-pedro-sula/")
    assert "Runs the municipal window" in page.locator(".prose").inner_text()
    page.goto("/es/organisations/alcaldia-municipal-de-san-pedro-sula/")
    assert "Runs the municipal window" not in page.locator(".prose").inner_text()
