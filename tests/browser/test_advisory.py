"""An advisor, on a phone, writes a recommendation in the open review round of Quito's plan and
sends the round; the city's counterpart answers it with where it was incorporated. Every page
passes axe at 390 px."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from migralocal.advisory.models import Recommendation
from migralocal.core.demo import DEMO_DOMAIN, DEMO_PASSWORD
from tests.browser.conftest import PHONE, fits_the_phone, sign_in, sign_out

ADVISOR = f"asesoria@{DEMO_DOMAIN}"
COUNTERPART = f"contraparte.quito@{DEMO_DOMAIN}"
ENGAGEMENT = "/es/advisory/quito-pmdot-pugs/"
TEXT = "Prever un presupuesto participativo para los barrios de acogida."


def passes_axe_on_a_phone(page: Any) -> None:
    fits_the_phone(page, PHONE["width"])


def open_round_page(page: Any) -> None:
    """The instrument whose review round is still open (the demo keeps one open)."""
    page.goto(ENGAGEMENT)
    passes_axe_on_a_phone(page)
    links = page.locator("main a[href*='/advisory/instruments/']")
    for href in [links.nth(index).get_attribute("href") for index in range(links.count())]:
        page.goto(href)
        if page.locator("a[href*='/recommendations/new/']").count():
            return
    raise AssertionError("no instrument of the demo has an open review round")


def test_an_advisor_sends_a_recommendation_and_the_counterpart_answers_it(
    phone_page: Any, demo_db: None
) -> None:
    page = phone_page
    sign_in(page, ADVISOR, DEMO_PASSWORD)
    open_round_page(page)
    passes_axe_on_a_phone(page)
    page.locator("a[href*='/recommendations/new/']").first.click()
    passes_axe_on_a_phone(page)
    page.fill("textarea[name=text_es]", TEXT)
    page.select_option("select[name=priority]", "high")
    page.locator("main form button[type=submit]:not([name=another])").click()
    expect(page.locator("main")).to_contain_text(TEXT)
    page.locator("form[action*='/send/'] button[type=submit]").first.click()
    page.wait_for_load_state()
    recommendation = Recommendation.objects.get(translations__text=TEXT)
    assert recommendation.review_round.is_sent
    sign_out(page)

    sign_in(page, COUNTERPART, DEMO_PASSWORD)
    page.goto(f"/es/advisory/recommendations/{recommendation.pk}/respond/")
    passes_axe_on_a_phone(page)
    page.select_option("select[name=response]", "accepted")
    page.fill("input[name=evidence_section]", "Programa 2.1, presupuesto participativo")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    passes_axe_on_a_phone(page)
    expect(page.locator("main")).to_contain_text("Programa 2.1, presupuesto participativo")
    recommendation.refresh_from_db()
    assert recommendation.response == Recommendation.Response.ACCEPTED
