"""Browser tests: Playwright for Python driving Debian's Chromium against the live server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the test
# itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 360, "height": 740}
SERIOUS = {"serious", "critical"}

# Under a full parallel run a page can take longer than Playwright's five seconds to settle.
expect.set_options(timeout=15_000)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium is required under CI and was not found at {CHROMIUM}.")
        pytest.skip(f"Chromium not found at {CHROMIUM}; `make test` installs it as root.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, locale="es-ES")
    context.set_default_timeout(15_000)
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture
def phone_page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True, locale="es-ES"
    )
    context.set_default_timeout(15_000)
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture
def small_phone_page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A page on the smallest phone the platform is made for (360 px wide)."""
    context = browser.new_context(
        base_url=live_server.url,
        viewport=SMALL_PHONE,
        is_mobile=True,
        has_touch=True,
        locale="es-ES",
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def fits_the_phone(page: Any, width: int = SMALL_PHONE["width"]) -> None:
    """The page passes axe and is no wider than the phone's screen."""
    assert serious_accessibility_violations(page) == [], page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def serious_accessibility_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core (vendored by axe-playwright-python) and keep serious and critical findings."""
    from axe_playwright_python.sync_playwright import Axe

    # A click that submits a form returns once the next page starts loading: check that page.
    page.wait_for_load_state()
    results = Axe().run(page)
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


def current_totp_code(email: str) -> str:
    """What the person's authenticator app shows, computed with allauth's own TOTP helpers from
    the secret stored for them, for the next step of the test's clock."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import decrypt

    from migralocal.core.tests.world import current_totp_code as code_of

    authenticator = Authenticator.objects.get(user__email=email, type=Authenticator.Type.TOTP)
    return code_of(decrypt(authenticator.data["secret"]))


def sign_in(page: Any, email: str, password: str, language: str = "es") -> None:
    """Sign in as a person would, typing the authenticator code when the platform asks for it."""
    page.goto(f"/{language}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    if "/accounts/2fa/authenticate/" in page.url:
        page.fill("input[name=code]", current_totp_code(email))
        # The page has a second submit button, outside the form, that cancels the sign-in.
        page.locator("main form button[type=submit]:not([form])").click()
        page.wait_for_load_state()


def sign_out(page: Any) -> None:
    menu = page.locator("header .site-menu > summary")
    if menu.is_visible():  # on a phone the menu is folded behind its button
        menu.click()
    page.locator("header form[action*='logout'] button").click()
    page.wait_for_load_state()
