"""Staff forms in the field (issue 22): Enter in the referral search, a service added once,
labels above their own controls at every width, the warning before the session ends, and a
consultation that survives an ended session or a stale CSRF token."""

from __future__ import annotations

import time
from importlib import import_module
from pathlib import Path
from typing import Any

from django.conf import settings
from playwright.sync_api import expect

from migralocal.consultations.models import Consultation
from migralocal.core.middleware import LAST_SEEN_AT
from migralocal.core.tests.factories import PASSWORD
from migralocal.core.tests.world import build_world
from migralocal.directory.tests.helpers import make_hub, make_service, world_hubs
from tests.browser.conftest import current_totp_code, serious_accessibility_violations, sign_in

RECORD = "/es/consultations/record/"
WIDTHS = (360, 768, 1366)


def staff_with_services() -> tuple[Any, Any]:
    world = build_world()
    own, _other = world_hubs(world)
    make_service(hub=own, name={"es": "Orientación laboral", "en": "Job guidance"})
    make_service(hub=own, name={"es": "Atención psicosocial", "en": "Psychosocial care"})
    north = make_hub(
        # Another organisation's hub in the same country.
        operator=world.private_cso,
        municipality=world.el_progreso,
        slug="unidad-movil-norte",
        name={"es": "Unidad Móvil Norte", "en": "Northern mobile unit"},
    )
    make_service(hub=north, name={"es": "Orientación laboral", "en": "Job guidance"})
    return world.user("hub_staff"), own


def start_a_consultation(page: Any) -> None:
    page.goto(RECORD)
    page.wait_for_function("window.htmx !== undefined")
    page.locator("input[name=topics]").first.check()
    page.select_option("select[name=age_band]", "18-29")
    page.fill("textarea[name=needs]", "Renovar el pasaporte")


def chosen(page: Any) -> Any:
    return page.locator("#chosen-referrals input[name=referrals]")


def test_enter_in_the_referral_search_adds_the_service_and_never_submits(page: Any) -> None:
    staff, _hub = staff_with_services()
    sign_in(page, staff.email, PASSWORD)
    start_a_consultation(page)
    # Enter straight after typing, before the suggestions have arrived.
    page.locator("#referral-search").press_sequentially("psico")
    page.locator("#referral-search").press("Enter")
    expect(chosen(page)).to_have_count(1)
    expect(page.locator("#chosen-referrals")).to_contain_text("Atención psicosocial")
    assert page.url.endswith(RECORD)
    assert not Consultation.objects.exists()

    # The arrow keys move the highlight; Enter adds the highlighted one.
    page.fill("#referral-search", "Orient")
    expect(page.locator("#referral-results li")).to_have_count(2)
    page.locator("#referral-search").press("ArrowDown")
    page.locator("#referral-search").press("Enter")
    expect(chosen(page)).to_have_count(2)
    expect(page.locator("#chosen-referrals")).to_contain_text("Unidad Móvil Norte")
    assert not Consultation.objects.exists()

    page.locator("button[name=action][value=save]").click()
    page.wait_for_load_state()
    consultation = Consultation.objects.get()
    assert consultation.referrals.count() == 2


def test_suggestions_tell_hubs_apart_and_a_second_add_adds_nothing(page: Any) -> None:
    staff, _hub = staff_with_services()
    sign_in(page, staff.email, PASSWORD)
    start_a_consultation(page)
    page.fill("#referral-search", "Orient")
    results = page.locator("#referral-results li")
    expect(results).to_have_count(2)
    expect(results.nth(0)).to_contain_text("Centro: Ventanilla Municipal de Atención al Migrante")
    expect(results.nth(1)).to_contain_text("Centro: Unidad Móvil Norte")
    assert serious_accessibility_violations(page) == []

    add = results.nth(0).locator("button")
    add.dblclick()
    expect(add).to_have_text("Añadido")
    add.click(force=True)
    # Searching again offers the chosen service as added.
    page.fill("#referral-search", "Orientac")
    expect(page.locator("#referral-results [data-query='Orientac']")).to_have_count(1)
    again = page.locator("#referral-results li").nth(0).locator("button")
    expect(again).to_be_disabled()
    again.click(force=True)
    page.wait_for_timeout(300)
    expect(chosen(page)).to_have_count(1)


LABEL_BOXES = """() => Array.from(document.querySelectorAll("main label[for]")).map((label) => {
  const control = document.getElementById(label.htmlFor);
  if (!control || ["checkbox", "radio", "hidden"].includes(control.type)) { return null; }
  const l = label.getBoundingClientRect();
  const c = control.getBoundingClientRect();
  if (!l.width || !c.width) { return null; }
  return {text: label.textContent.trim(), id: label.htmlFor,
          label: [l.left, l.top, l.right, l.bottom], control: [c.left, c.top, c.right, c.bottom]};
}).filter(Boolean)"""


def misplaced_labels(page: Any) -> list[dict[str, Any]]:
    """Labels not right above their own control: below or beside it, or over another column."""
    wrong = []
    for box in page.evaluate(LABEL_BOXES):
        left, _top, right, bottom = box["label"]
        c_left, c_top, c_right, _c_bottom = box["control"]
        overlap = min(right, c_right) - max(left, c_left)
        if bottom > c_top + 1 or overlap <= 0 or abs(left - c_left) > 2:
            wrong.append(box)
    return wrong


def test_every_label_sits_above_its_own_control(
    browser: Any, live_server: Any, tmp_path: Path
) -> None:
    """The consultation form and the other main staff forms, at a phone's, a tablet's and a
    desktop's width; the screenshots stay in the test's folder for a person to look at."""
    world = build_world()
    own, _other = world_hubs(world)
    service = make_service(hub=own, name={"es": "Orientación laboral", "en": "Job guidance"})
    forms = {
        "consultation": RECORD,
        "hub": f"/es/directory/hubs/{own.slug}/edit/",
        "new-service": f"/es/directory/hubs/{own.slug}/services/new/",
        "service": f"/es/directory/services/{service.pk}/edit/",
        "commitment": "/es/commitments/submit/",
    }
    context = browser.new_context(base_url=live_server.url, locale="es-ES")
    context.set_default_timeout(15_000)
    page = context.new_page()
    found: dict[str, list[dict[str, Any]]] = {}
    try:
        sign_in(page, world.user("hub_staff").email, PASSWORD)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for name, path in forms.items():
                page.goto(path)
                page.locator("main form").first.wait_for()
                page.screenshot(path=str(tmp_path / f"{name}-{width}.png"), full_page=True)
                found[f"{name} at {width}px"] = misplaced_labels(page)
                assert page.evaluate("document.documentElement.scrollWidth") <= width, name
    finally:
        context.close()
    assert {name: boxes for name, boxes in found.items() if boxes} == {}


def session_of(page: Any) -> Any:
    key = next(
        cookie["value"]
        for cookie in page.context.cookies()
        if cookie["name"] == settings.SESSION_COOKIE_NAME
    )
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=key)


def test_the_page_warns_before_the_session_ends_and_extends_it(page: Any, settings: Any) -> None:
    settings.SESSION_IDLE_SECONDS = 24
    staff, _hub = staff_with_services()
    sign_in(page, staff.email, PASSWORD)
    start_a_consultation(page)
    guard = page.locator("#session-guard")
    expect(guard).to_be_hidden()
    # Warned with half the idle time left (two minutes, with the usual thirty).
    expect(guard).to_be_visible(timeout=20_000)
    expect(guard).to_contain_text("Su sesión está por terminar")
    assert serious_accessibility_violations(page) == []
    clicked_at = int(time.time())
    guard.get_by_role("button", name="Seguir con la sesión abierta").click()
    expect(guard).to_be_hidden()
    assert session_of(page)[LAST_SEEN_AT] >= clicked_at
    # Nothing typed was touched.
    assert page.input_value("textarea[name=needs]") == "Renovar el pasaporte"


def sign_in_here(page: Any, email: str) -> None:
    """Sign in on the sign-in page the platform sent us to, so that it sends us on after."""
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    if "/accounts/2fa/authenticate/" in page.url:
        page.fill("input[name=code]", current_totp_code(email))
        page.locator("main form button[type=submit]:not([form])").click()
        page.wait_for_load_state()


def test_a_consultation_saved_after_the_session_ended_survives_the_sign_in(page: Any) -> None:
    staff, _hub = staff_with_services()
    sign_in(page, staff.email, PASSWORD)
    start_a_consultation(page)
    page.fill("#referral-search", "psico")
    page.locator("#referral-search").press("Enter")
    expect(chosen(page)).to_have_count(1)
    # The session ends while the form is being filled in.
    session = session_of(page)
    session[LAST_SEEN_AT] = int(time.time()) - settings.SESSION_IDLE_SECONDS - 1
    session.save()

    page.locator("button[name=action][value=save]").click()
    page.wait_for_load_state()
    assert "/accounts/login/" in page.url
    expect(page.locator(".messages")).to_contain_text("Lo que escribió se guardó")
    assert not Consultation.objects.exists()
    sign_in_here(page, staff.email)
    expect(page.locator("h1")).to_have_text("Su formulario se guardó")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Enviarlo ahora").click()
    page.wait_for_load_state()
    consultation = Consultation.objects.get()
    assert consultation.needs == "Renovar el pasaporte"
    assert [str(referral.service) for referral in consultation.referrals.all()] == [
        "Atención psicosocial"
    ]


def test_a_stale_csrf_token_shows_a_translated_page_that_sends_the_form_again(
    page: Any, live_server: Any
) -> None:
    staff, _hub = staff_with_services()
    sign_in(page, staff.email, PASSWORD)
    start_a_consultation(page)
    page.fill("#referral-search", "psico")
    page.locator("#referral-search").press("Enter")
    expect(chosen(page)).to_have_count(1)
    # Another tab signed in again and rotated the token this page holds.
    page.context.add_cookies(
        [{"name": settings.CSRF_COOKIE_NAME, "value": "a" * 32, "url": live_server.url}]
    )
    page.locator("button[name=action][value=save]").click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text("No se pudo enviar el formulario")
    assert not Consultation.objects.exists()
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Enviar el formulario de nuevo").click()
    page.wait_for_load_state()
    consultation = Consultation.objects.get()
    assert consultation.needs == "Renovar el pasaporte"
    assert consultation.referrals.count() == 1
