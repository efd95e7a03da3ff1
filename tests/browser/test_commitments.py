"""Commitments in the browser: an anonymous submission through moderation to the public list."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from playwright.sync_api import expect

from migralocal.commitments.models import Commitment
from migralocal.commitments.tests.builders import CommitmentBuilder
from migralocal.core.models import TaxonomyTerm
from migralocal.core.tests.factories import PASSWORD
from migralocal.core.tests.world import build_world
from tests.browser.conftest import serious_accessibility_violations, sign_in, sign_out

TITLE = "Charlas sobre trámites en el mercado municipal"


def link_path_from_last_email(fragment: str) -> str:
    body = str(mail.outbox[-1].body)
    found = re.search(rf"https?://[^/\s]+(/\S*{fragment}\S*)", body)
    assert found is not None, body
    return found.group(1)


def verified_reviewer() -> Any:
    world = build_world()
    reviewer = world.user("reviewer")
    return world, reviewer


def test_anonymous_submission_is_moderated_and_appears_verified_in_list_and_feed(
    page: Any,
) -> None:
    world, reviewer = verified_reviewer()
    objective = TaxonomyTerm.objects.of("gcm-objectives").get(code="gcm-03")

    # An anonymous visitor submits a practice of El Progreso.
    page.goto("/es/commitments/submit/")
    page.select_option("select[name=organisation]", label=world.el_progreso_municipality.name)
    page.select_option("select[name=kind]", "practice")
    page.fill("input[name=title]", TITLE)
    page.fill("textarea[name=summary]", "Cada semana, orientación sobre documentos.")
    page.get_by_text("Más detalles (opcional)").click()
    page.fill("textarea[name=description]", "Con el **centro de información** de la ciudad.")
    page.select_option("select[name=main_objective]", str(objective.pk))
    page.select_option("select[name=status]", "in_progress")
    page.fill("input[name=email]", "vecina@example.org")
    page.get_by_role("button", name="Enviar", exact=True).click()
    page.wait_for_url("**/commitments/thanks/")

    # The confirmation link from the e-mail publishes it, as not verified.
    page.goto(link_path_from_last_email("/confirm/"))
    page.get_by_role("button", name="Confirmar y publicar").click()
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator(".badge-unverified")).to_be_visible()

    # The reviewer asks for a change.
    sign_in(page, reviewer.email, PASSWORD)
    page.goto("/es/commitments/review/")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_label("Pedir cambios").check()
    page.fill("textarea[name=message]", "Indique el horario de las charlas.")
    page.get_by_role("button", name="Registrar la decisión").click()
    page.wait_for_url("**/commitments/review/")
    sign_out(page)
    commitment = Commitment.objects.get()
    assert commitment.moderation_state == "changes_requested"
    assert "Indique el horario de las charlas." in str(mail.outbox[-1].body)

    # The submitter edits through the link in the reviewer's e-mail.
    page.goto(link_path_from_last_email("/edit/"))
    assert page.get_by_text("Indique el horario de las charlas.").is_visible()
    page.fill("textarea[name=summary]", "Cada sábado de 9 a 11, orientación sobre documentos.")
    page.get_by_role("button", name="Guardar").click()
    expect(page.locator(".badge-unverified")).to_be_visible()

    # The reviewer verifies it.
    sign_in(page, reviewer.email, PASSWORD)
    page.goto("/es/commitments/review/")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_label("Verificar").check()
    page.get_by_role("button", name="Registrar la decisión").click()
    page.wait_for_url("**/commitments/review/")
    sign_out(page)

    # It is in the filtered list with its badge, and in the same list's feed.
    page.goto("/es/commitments/?country=HN&verification=verified&kind=practice")
    card = page.locator(".commitment-card", has_text=TITLE)
    assert card.locator(".badge-verified").inner_text().endswith("Verificado")
    feed_link = page.get_by_role("link", name="Suscribirse a esta lista (Atom)")
    feed = page.request.get(feed_link.get_attribute("href"))
    assert feed.ok
    assert f"{TITLE} (verificado)" in feed.text()
    assert "9 a 11" in feed.text()


def test_list_and_entry_pages_pass_axe_on_a_phone(phone_page: Any, page: Any) -> None:
    world = build_world()
    commitment = CommitmentBuilder(world).verified(title="Compromiso accesible")
    for url in (
        "/es/commitments/",
        "/en/commitments/?country=HN",
        commitment.get_absolute_url(),
        "/es/commitments/submit/",
    ):
        for opened in (page, phone_page):
            opened.goto(url)
            assert serious_accessibility_violations(opened) == [], url
    phone_page.goto("/es/commitments/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390


# What a person sees: checkVisibility() also hides what a closed <details> holds.
VISIBLE_CONTROLS = """() => [...document.querySelectorAll(
    "main form[enctype] input, main form[enctype] select, main form[enctype] textarea,"
    + " main form[enctype] button")].filter((element) => element.type !== "hidden"
    && element.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true})).length"""


def test_public_form_on_a_360px_phone_asks_for_few_fields_and_shows_errors_first(
    browser: Any, live_server: Any
) -> None:
    build_world()
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
        locale="es-ES",
    )
    phone = context.new_page()
    phone.goto("/es/commitments/submit/")
    assert phone.evaluate(VISIBLE_CONTROLS) <= 12
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert serious_accessibility_violations(phone) == []

    # An empty submission: the summary of what is missing is at the top and has the focus.
    phone.get_by_role("button", name="Enviar", exact=True).click()
    phone.wait_for_load_state()
    summary = phone.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(summary).to_contain_text("Título")
    assert serious_accessibility_violations(phone) == []

    # A link in the summary opens "more details" when the field is there.
    phone.fill("input[name=title]", "Huertos compartidos")
    phone.locator("details.more-details summary").click()
    phone.fill("textarea[name=links]", "no es un enlace")
    phone.get_by_role("button", name="Enviar", exact=True).click()
    phone.wait_for_load_state()
    expect(phone.locator("#error-summary")).to_be_focused()
    expect(phone.locator("textarea[name=links]")).to_be_visible()
    context.close()


def test_a_members_own_organisation_is_preselected(page: Any) -> None:
    world = build_world()
    sign_in(page, world.user("focal_point").email, PASSWORD)
    page.goto("/es/commitments/submit/")
    chosen = page.locator("select[name=organisation] option:checked")
    expect(chosen).to_have_text(world.el_progreso_municipality.name)
