"""Each role, once signed in, lands on its page with its next step; the links home and that page
show it all open."""

from __future__ import annotations

from typing import Any

import pytest

from migralocal.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from tests.browser.conftest import serious_accessibility_violations, sign_in, sign_out

# What each demo role is told to do next (a word of the title of its first step).
NEXT_STEP = {
    "hub.staff@demo.migralocal.org": "seguimientos",
    "focal.point@demo.migralocal.org": "certificación",
    "reviewer@demo.migralocal.org": "revisión",
    "trainer@demo.migralocal.org": "evento",
    "manager@demo.migralocal.org": "tableros",
}
PHONE_WIDTH = 360


def site_links(page: Any) -> set[str]:
    """The site's own pages a page links to (not files, not anchors)."""
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    return {
        href
        for href in hrefs
        if href.startswith("/") and not href.startswith(("/static/", "/media/", "#"))
    }


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda account: account.email)
def test_sign_in_lands_on_the_next_step_and_every_link_opens(
    page: Any, demo_db: None, account: Any
) -> None:
    sign_in(page, account.email, DEMO_PASSWORD)
    page.wait_for_url("**/es/me/")
    if account.email in NEXT_STEP:
        steps = page.locator("section.next-steps")
        assert NEXT_STEP[account.email] in steps.inner_text().lower(), account.email
        assert steps.locator("a.button").count() >= 1
    links = site_links(page)
    page.goto("/es/")
    links |= site_links(page)
    refused = {}
    for link in sorted(links):
        answer = page.request.get(link, max_redirects=0)
        if answer.status != 200:
            refused[link] = answer.status
    assert refused == {}, account.email
    sign_out(page)


def test_the_persons_page_reads_on_a_small_phone(
    browser: Any, live_server: Any, demo_db: None
) -> None:
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": PHONE_WIDTH, "height": 760},
        is_mobile=True,
        has_touch=True,
        locale="es-ES",
    )
    phone = context.new_page()
    try:
        for email in ("focal.point@demo.migralocal.org", "hub.staff@demo.migralocal.org"):
            sign_in(phone, email, DEMO_PASSWORD)
            phone.wait_for_url("**/es/me/")
            assert serious_accessibility_violations(phone) == [], email
            width = phone.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE_WIDTH, (email, width)
            sign_out(phone)
    finally:
        context.close()
