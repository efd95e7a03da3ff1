"""A programme's manager, on a phone, opens the programme, chooses a hub that belongs to it and
sees it listed; every page passes axe at 360 px."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from playwright.sync_api import expect

from migralocal.core.demo import DEMO_PASSWORD
from migralocal.core.demo import load as load_core_demo
from migralocal.core.models import AdministrativeArea, Country, Organisation, User
from migralocal.directory.tests.helpers import make_hub
from migralocal.programmes import services
from migralocal.programmes.models import Programme
from tests.browser.conftest import fits_the_phone, sign_in

MANAGER = "manager@demo.migralocal.org"


@pytest.fixture
def programme(transactional_db: None) -> Programme:
    """The core demo (accounts, places), one Honduran hub, and a programme the demo manager
    manages, with nothing attached yet."""
    load_core_demo(StringIO())
    operator = Organisation.objects.get(slug="municipalidad-de-el-progreso")
    assert operator.municipality is not None
    make_hub(
        operator=operator,
        municipality=AdministrativeArea.objects.get(pk=operator.municipality_id),
        slug="ventanilla-el-progreso",
        name={"es": "Ventanilla de El Progreso", "en": "El Progreso desk"},
    )
    return services.programme_create(
        actor=User.objects.get(email="admin@demo.migralocal.org"),
        slug="centros-de-informacion",
        fields=services.ProgrammeFields(
            names={"es": "Centros de Información", "en": "Information Hubs"},
            codes={"es": "CI", "en": "IH"},
            descriptions={"es": "Ventanillas para personas migrantes."},
            starts_on=dt.date(2024, 1, 1),
            ends_on=dt.date(2027, 12, 31),
            countries=[Country.objects.get(code="HN")],
        ),
        managers=[User.objects.get(email=MANAGER)],
    )


def test_the_manager_attaches_a_hub_and_sees_it_listed(
    small_phone_page: Any, programme: Programme
) -> None:
    sign_in(small_phone_page, MANAGER, DEMO_PASSWORD)
    small_phone_page.goto("/es/programmes/")
    fits_the_phone(small_phone_page)
    small_phone_page.get_by_role("link", name="Centros de Información").click()
    expect(small_phone_page.locator("h1")).to_have_text("Centros de Información")
    expect(small_phone_page.locator("#kind-hubs")).to_contain_text("(0)")
    fits_the_phone(small_phone_page)

    small_phone_page.get_by_role("link", name="Elegir qué le pertenece").click()
    small_phone_page.select_option("select[name=kind]", "hubs")
    small_phone_page.fill("input[name=q]", "Progreso")
    small_phone_page.get_by_role("button", name="Mostrar").click()
    small_phone_page.wait_for_url("**q=Progreso**")
    fits_the_phone(small_phone_page)
    small_phone_page.get_by_label("Ventanilla de El Progreso").check()
    small_phone_page.get_by_role("button", name="Guardar").click()
    expect(
        small_phone_page.get_by_role("checkbox", name="Ventanilla de El Progreso")
    ).to_be_checked()

    small_phone_page.get_by_role("link", name="Volver al programa").click()
    expect(small_phone_page.locator("#kind-hubs")).to_contain_text("(1)")
    expect(small_phone_page.locator("main")).to_contain_text("Ventanilla de El Progreso")
    fits_the_phone(small_phone_page)
    small_phone_page.goto(f"/es/programmes/{programme.slug}/edit/")
    fits_the_phone(small_phone_page)
    assert list(programme.hubs.values_list("slug", flat=True)) == ["ventanilla-el-progreso"]


def test_the_results_page_and_its_framework_fit_a_phone(
    small_phone_page: Any, programme: Programme
) -> None:
    from decimal import Decimal

    from migralocal.programmes import results_services

    manager = User.objects.get(email=MANAGER)
    outcome = results_services.outcome_create(
        actor=manager, programme=programme, titles={"es": "Información fiable"}
    )
    output = results_services.output_create(
        actor=manager, outcome=outcome, titles={"es": "Centros activos y consultas atendidas"}
    )
    indicator = results_services.indicator_create(
        actor=manager,
        output=output,
        fields=results_services.IndicatorFields(
            titles={"es": "Centros que registraron consultas"},
            definitions={"es": "Centros activos con al menos una consulta en el periodo."},
            measure="hubs_active",
        ),
    )
    results_services.target_create(
        actor=manager,
        indicator=indicator,
        starts_on=dt.date(2024, 1, 1),
        ends_on=dt.date(2027, 12, 31),
        value=Decimal(2),
    )
    programme.hubs.add(*programme.countries.get().hubs.all())
    sign_in(small_phone_page, MANAGER, DEMO_PASSWORD)
    small_phone_page.goto(f"/es/programmes/{programme.slug}/results/")
    expect(small_phone_page.locator("main")).to_contain_text("Centros que registraron consultas")
    expect(small_phone_page.locator("meter")).to_have_attribute("value", "50.0")
    fits_the_phone(small_phone_page)
    small_phone_page.get_by_role("link", name="Gestionar el marco de resultados").click()
    fits_the_phone(small_phone_page)
    small_phone_page.get_by_role(
        "link", name="Centros que registraron consultas", exact=True
    ).click()
    fits_the_phone(small_phone_page)
    small_phone_page.get_by_role("link", name="Añadir una meta").click()
    fits_the_phone(small_phone_page)
