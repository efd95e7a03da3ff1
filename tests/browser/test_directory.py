"""The directory in a real browser: a visitor finds help near San Pedro Sula, hub staff keep
their hub's hours, and another hub's staff are refused."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from migralocal.core.models import Organisation, TaxonomyTerm
from migralocal.core.roles import OrganisationRole
from migralocal.core.tests.factories import PASSWORD, AreaFactory, MembershipFactory, UserFactory
from migralocal.core.tests.world import build_world
from migralocal.directory.tests.helpers import make_hub, make_service
from tests.browser.conftest import serious_accessibility_violations, sign_in

SAN_PEDRO_SULA = {"latitude": 15.5042, "longitude": -88.025}


def build_directory() -> Any:
    world = build_world()
    for user in world.users.values():
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
    san_pedro_sula = AreaFactory(
        country=world.honduras,
        code="HN-CR-0501",
        name="San Pedro Sula",
        latitude="15.504200",
        longitude="-88.025000",
    )
    city_hall = Organisation.objects.create(
        name="Alcaldía Municipal de San Pedro Sula",
        slug="alcaldia-sps",
        kind=Organisation.Kind.MUNICIPALITY,
        country=world.honduras,
        municipality=san_pedro_sula,
    )
    sps_staff = UserFactory(email="sps.staff@example.org")
    MembershipFactory(user=sps_staff, organisation=city_hall, role=OrganisationRole.HUB_STAFF)
    labour = TaxonomyTerm.objects.get(taxonomy__code="service-categories", code="labour-employment")
    sps_hub = make_hub(
        operator=city_hall,
        municipality=san_pedro_sula,
        slug="ventanilla-san-pedro-sula",
        name={"es": "Ventanilla de Migración de San Pedro Sula", "en": "SPS migration window"},
        latitude="15.505000",
        longitude="-88.024000",
    )
    make_service(
        hub=sps_hub,
        name={"es": "Bolsa de trabajo para personas retornadas", "en": "Job board for returnees"},
        needs=[labour],
    )
    make_service(hub=sps_hub, name={"es": "Apoyo psicosocial", "en": "Psychosocial support"})
    progreso_hub = make_hub(
        operator=world.el_progreso_municipality,
        municipality=world.el_progreso,
        slug="ventanilla-el-progreso",
        name={"es": "Ventanilla de El Progreso", "en": "El Progreso window"},
    )
    make_service(hub=progreso_hub, name={"es": "Orientación sobre trabajo en el extranjero"})
    return world


def test_visitor_finds_work_help_near_san_pedro_sula_and_prints_the_hub_sheet(
    browser: Any, live_server: Any
) -> None:
    build_directory()
    context = browser.new_context(
        base_url=live_server.url,
        locale="es-ES",
        geolocation=SAN_PEDRO_SULA,
        permissions=["geolocation"],
    )
    context.set_default_timeout(15_000)
    # No tile server in tests: the list and markers must work without tiles.
    context.route("**/tile.openstreetmap.org/**", lambda route: route.abort())
    page = context.new_page()
    page.goto("/es/directory/")
    page.fill("input[name=q]", "trabajo")
    page.get_by_role("button", name="Cerca de mí").click()
    page.wait_for_url("**lat=*")
    services = page.locator(".service-list")
    assert "Bolsa de trabajo para personas retornadas" in services.inner_text()
    assert "Orientación sobre trabajo en el extranjero" not in services.inner_text()  # 25 km+
    assert serious_accessibility_violations(page) == []
    page.get_by_role("link", name="Ventanilla de Migración de San Pedro Sula").first.click()
    # The map, and its code, come only when asked for.
    assert page.locator("script[src*=leaflet]").count() == 0
    page.get_by_role("link", name="Ver en el mapa").click()
    page.wait_for_selector("#directory-map .leaflet-marker-icon")
    assert page.locator("#directory-map .leaflet-marker-icon").count() == 1
    body = page.locator("main").inner_text()
    assert "Bolsa de trabajo para personas retornadas" in body and "Apoyo psicosocial" in body
    assert page.locator("a[href^='tel:+504']").count() >= 1
    assert serious_accessibility_violations(page) == []
    page.get_by_role("link", name="Hoja para imprimir").click()
    page.wait_for_selector(".sheet-qr svg")
    page.emulate_media(media="print")
    assert not page.locator("header.site-header").is_visible()
    assert "Bolsa de trabajo para personas retornadas" in page.locator(".sheet").inner_text()
    context.close()


def test_hub_staff_change_opening_hours_and_another_hubs_staff_are_refused(
    page: Any, phone_page: Any
) -> None:
    build_directory()
    sign_in(page, "hub_staff@example.org", PASSWORD)
    page.goto("/es/directory/hubs/ventanilla-el-progreso/edit/")
    page.fill("input[name=opening_hours_es]", "Lunes a sábado, de 7:30 a 15:30")
    page.fill("input[name=opening_hours_en]", "Monday to Saturday, 7:30 to 15:30")
    page.check("input[name=opening_days][value=SA]")
    page.fill("input[name=opens_at]", "07:30")
    page.fill("input[name=closes_at]", "15:30")
    page.get_by_role("button", name="Vista previa").click()
    expect(page.locator(".preview")).to_contain_text("Monday to Saturday, 7:30 to 15:30")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Guardar").click()
    page.wait_for_url("**/hubs/ventanilla-el-progreso/")
    assert "Lunes a sábado, de 7:30 a 15:30" in page.locator(".opening-hours").inner_text()

    sign_in(phone_page, "other_hub_staff@example.org", PASSWORD)
    response = phone_page.goto("/es/directory/hubs/ventanilla-el-progreso/edit/")
    assert response.status == 403
    phone_page.goto("/es/directory/hubs/ventanilla-el-progreso/")
    assert phone_page.get_by_role("link", name="Editar centro").count() == 0
    assert "Lunes a sábado" in phone_page.locator(".opening-hours").inner_text()
