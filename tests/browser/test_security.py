"""Security in a real browser: the Content-Security-Policy blocks inline script and the main
pages break none of its rules; hub staff confirm by e-mail, set up two-factor authentication and
go on."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from allauth.mfa.models import Authenticator
from django.core import mail
from playwright.sync_api import expect

from migralocal.core.tests.factories import PASSWORD
from migralocal.core.tests.world import build_world, current_totp_code
from migralocal.directory.tests.helpers import make_service, world_hubs
from tests.browser.conftest import sign_in

MAIN_PAGES = (
    "/es/",
    "/es/directory/",
    "/es/directory/pathways/",
    "/es/organisations/",
    "/es/commitments/",
    "/es/learning/",
    "/es/accounts/login/",
    "/api/v1/docs/",
)
SIGNED_IN_PAGES = (
    "/es/me/",
    "/es/consultations/record/",
    "/es/consultations/dashboard/",
    "/es/directory/manage/",
    "/es/accounts/2fa/",
)


def watch_policy_violations(page: Any) -> list[str]:
    """Chromium reports each blocked resource or script as a console message."""
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def test_main_pages_break_no_content_security_policy_rule(page: Any) -> None:
    world = build_world()
    own, _other = world_hubs(world)
    make_service(hub=own, name={"es": "Orientación laboral", "en": "Job guidance"})
    violations = watch_policy_violations(page)
    for path in (
        *MAIN_PAGES,
        f"/es/directory/hubs/{own.slug}/",
        f"/es/directory/hubs/{own.slug}/sheet/",
    ):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    sign_in(page, world.user("hub_staff").email, PASSWORD)
    for path in SIGNED_IN_PAGES:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    assert violations == []


def test_the_policy_blocks_an_injected_inline_script(page: Any) -> None:
    violations = watch_policy_violations(page)
    page.goto("/es/")
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.appendChild(script);
        }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.injected === undefined")
    assert any("script-src" in violation for violation in violations)


def test_hub_staff_set_up_two_factor_before_the_consultation_log(page: Any) -> None:
    world = build_world()
    world_hubs(world)
    staff = world.user("hub_staff")
    Authenticator.objects.filter(user=staff).delete()

    sign_in(page, staff.email, PASSWORD)
    page.goto("/es/consultations/record/")
    # A password alone does not add the first authenticator: the link e-mailed to the account's
    # address confirms it, opened in the same browser.
    page.wait_for_url("**/accounts/2fa/enrol/")
    expect(page.locator(".messages")).to_contain_text("autenticación en dos pasos")
    link = re.search(r"https?://\S+/accounts/2fa/enrol/\S+/", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body
    page.goto(urlsplit(link.group(0)).path)
    page.get_by_role("button", name="Sí, soy yo: continuar").click()
    page.wait_for_url("**/accounts/reauthenticate/**")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]:not([form])").click()
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    secret = page.locator("#authenticator_secret").input_value()
    page.fill("input[name=code]", current_totp_code(secret))
    page.locator("main form button[type=submit]:not([form])").click()
    page.wait_for_url("**/accounts/2fa/recovery-codes/")
    page.get_by_role("link", name="Continuar hacia donde iba").click()
    page.wait_for_url("**/es/consultations/record/")
    expect(page.locator("h1")).to_be_visible()
