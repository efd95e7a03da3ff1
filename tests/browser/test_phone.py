"""The migrant on a phone at 360x740: a compact header whose menu opens without JavaScript, a
call button three taps from the home page, hours in the hub's time, empty results that say why,
no map code without tiles, and a language switch that a stale cookie cannot block."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import time
from typing import Any

import pytest
from django.test import override_settings

from migralocal.core.models import TaxonomyTerm
from migralocal.directory.models import Hub
from migralocal.directory.tests.helpers import make_hub, make_service, open_weekdays
from tests.browser.conftest import serious_accessibility_violations
from tests.browser.test_directory import build_directory

SMALL_PHONE = {"width": 360, "height": 740}


@pytest.fixture
def small_phone(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(
        base_url=live_server.url,
        viewport=SMALL_PHONE,
        is_mobile=True,
        has_touch=True,
        locale="es-ES",
    )
    context.set_default_timeout(15_000)
    yield context
    context.close()


def journey_data() -> Any:
    world = build_directory()
    legal = TaxonomyTerm.objects.get(taxonomy__code="service-categories", code="legal-aid")
    hub = make_hub(
        operator=world.el_progreso_municipality,
        municipality=world.el_progreso,
        slug="consultorio-el-progreso",
        name={"es": "Consultorio jurídico de El Progreso", "en": "El Progreso legal clinic"},
    )
    hub.phone = "+504 2647-9999"
    hub.save(update_fields=["phone"])
    make_service(hub=hub, name={"es": "Asesoría migratoria gratuita"}, needs=[legal])
    # Open around the clock on every day: the test does not depend on when it runs.
    hub.schedules.create(
        freq="WEEKLY", byday="MO,TU,WE,TH,FR,SA,SU", opens_at=time(0), closes_at=time(23, 59, 59)
    )
    return world


def test_header_takes_little_of_a_phone_screen_and_its_menu_opens_without_javascript(
    browser: Any, live_server: Any
) -> None:
    build_directory()
    context = browser.new_context(
        base_url=live_server.url, viewport=SMALL_PHONE, java_script_enabled=False, locale="es-ES"
    )
    page = context.new_page()
    page.goto("/es/directory/")
    header = page.locator("header.site-header").bounding_box()
    assert header is not None and header["height"] <= 0.12 * SMALL_PHONE["height"], header
    menu_link = page.locator("nav.main-nav a", has_text="Buscar ayuda")
    assert not menu_link.is_visible()
    page.get_by_text("Menú", exact=True).click()
    assert menu_link.is_visible()
    assert page.get_by_role("link", name="Iniciar sesión").is_visible()
    context.close()

    wide = browser.new_context(base_url=live_server.url, viewport={"width": 1024, "height": 768})
    desktop = wide.new_page()
    desktop.goto("/es/")
    assert desktop.locator("nav.main-nav a", has_text="Buscar ayuda").is_visible()
    assert not desktop.get_by_text("Menú", exact=True).is_visible()
    wide.close()


def test_a_migrant_reaches_a_hubs_call_button_in_three_taps_without_map_code(
    small_phone: Any,
) -> None:
    journey_data()
    page = small_phone.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/es/")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("link", name="Asesoría jurídica", exact=True).tap()  # tap 1: the need
    page.wait_for_url("**need=legal-aid*")
    page.get_by_role("link", name="El Progreso (1)").tap()  # tap 2: the place
    page.wait_for_url("**municipality=*")
    card = page.locator(".hub-card").first
    call = card.get_by_role("link", name="Llamar al +504 2647-9999")  # tap 3 calls
    assert call.get_attribute("href") == "tel:+50426479999"
    assert call.is_visible()
    box = call.bounding_box()
    assert box is not None and box["y"] + box["height"] <= SMALL_PHONE["height"]  # no scrolling
    assert "Abierto ahora" in card.inner_text()
    # Results come first: the filters have folded away.
    assert not page.locator("form.filters").is_visible()
    assert serious_accessibility_violations(page) == []
    assert not [url for url in requested if "leaflet" in url or "htmx" in url]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SMALL_PHONE["width"]


def test_nothing_open_now_offers_the_next_opening_and_the_search_without_that_filter(
    small_phone: Any,
) -> None:
    build_directory()
    for hub in Hub.objects.all():
        open_weekdays(hub, time(8), time(8, 0, 1))  # open one second a day: closed now
    page = small_phone.new_page()
    page.goto("/es/directory/?q=trabajo&open_now=on")
    empty = page.locator(".empty-search")
    assert "abierto ahora" in empty.inner_text()
    assert "Abre " in empty.inner_text()
    empty.get_by_role("link", name="abiertos o cerrados").click()
    page.wait_for_load_state()
    assert "open_now" not in page.url and "q=trabajo" in page.url
    assert page.locator(".hub-card").count() >= 1


def test_without_a_tile_server_the_page_says_the_map_is_unavailable_and_loads_no_map(
    small_phone: Any,
) -> None:
    build_directory()
    page = small_phone.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    with override_settings(MAP_TILE_URL=""):
        page.goto("/es/directory/?map=1")
        assert "El mapa no está disponible" in page.locator("main").inner_text()
        page.goto("/es/directory/hubs/ventanilla-san-pedro-sula/?map=1")
        assert "El mapa no está disponible" in page.locator("main").inner_text()
    assert "leaflet" not in page.content()
    assert not [url for url in requested if "leaflet" in url]


def test_the_language_switch_works_when_the_csrf_cookie_is_stale(small_phone: Any) -> None:
    build_directory()
    page = small_phone.new_page()
    page.goto("/es/directory/?q=trabajo")
    small_phone.add_cookies(
        [{"name": "csrftoken", "value": "stale" * 6, "url": page.url.split("/es/")[0]}]
    )
    page.locator(".language-menu > summary").click()
    page.get_by_role("button", name="English").click()
    page.wait_for_url("**/en/directory/?q=trabajo")
    assert page.locator("html").get_attribute("lang") == "en"
