"""A programme's manager, on a phone, accepts a municipality's application to a call and finds
it in the cohort, beside the cohort's distribution of levels; every page passes axe at 360 px."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from playwright.sync_api import expect

from migralocal.assessments.models import Assessment, Stage
from migralocal.assessments.tests.helpers import published_small_framework
from migralocal.calls import services
from migralocal.calls.models import Call
from migralocal.core.demo import DEMO_PASSWORD
from migralocal.core.demo import load as load_core_demo
from migralocal.core.models import Country, Organisation, User
from migralocal.programmes import services as programme_services
from tests.browser.conftest import fits_the_phone, sign_in

MANAGER = "manager@demo.migralocal.org"


@pytest.fixture
def call(transactional_db: None) -> Call:
    """The core demo, a programme the demo manager manages in Honduras, and its call with two
    applications: San Pedro Sula's waits for a decision; El Progreso's, with a submitted
    self-assessment, is already in the cohort."""
    load_core_demo(StringIO())
    framework = published_small_framework()
    admin = User.objects.get(email="admin@demo.migralocal.org")
    manager = User.objects.get(email=MANAGER)
    programme = programme_services.programme_create(
        actor=admin,
        slug="migraciudades",
        fields=programme_services.ProgrammeFields(
            names={"es": "MigraCiudades", "en": "MigraCiudades"},
            codes={"es": "MGC", "en": "MGC"},
            descriptions={},
            starts_on=dt.date(2025, 1, 1),
            ends_on=dt.date(2030, 12, 31),
            countries=[Country.objects.get(code="HN")],
        ),
        managers=[manager],
    )
    call = services.call_open(
        actor=manager,
        programme=programme,
        fields=services.CallFields(
            titles={"es": "Convocatoria 2027", "en": "2027 call"},
            descriptions={"es": "Para municipios de Honduras."},
            framework=framework,
            year=2027,
            deadline=dt.date.today() + dt.timedelta(days=30),  # noqa: DTZ011
        ),
    )
    el_progreso = Organisation.objects.get(slug="municipalidad-de-el-progreso")
    Assessment.objects.create(
        organisation=el_progreso,
        country=el_progreso.country,
        framework=framework,
        year=2027,
        stage=Stage.SUBMITTED,
    )
    for slug in ("municipalidad-de-el-progreso", "alcaldia-municipal-de-san-pedro-sula"):
        application = services.call_apply(
            call=call,
            municipality=Organisation.objects.get(slug=slug),
            user=admin,
            motivation="Queremos sumarnos a la cohorte.",
        )
        if slug == "municipalidad-de-el-progreso":
            services.application_accept(application=application, user=manager)
    return call


def test_the_manager_accepts_an_application_and_finds_it_in_the_cohort(
    small_phone_page: Any, call: Call
) -> None:
    sign_in(small_phone_page, MANAGER, DEMO_PASSWORD)
    small_phone_page.goto(call.programme.get_absolute_url())
    small_phone_page.get_by_role("link", name="Convocatoria 2027").click()
    expect(small_phone_page.locator("h1")).to_have_text("Convocatoria 2027")
    fits_the_phone(small_phone_page)

    small_phone_page.get_by_role("link", name="Postulaciones").click()
    fits_the_phone(small_phone_page)
    san_pedro_sula = small_phone_page.locator("section", has_text="San Pedro Sula")
    san_pedro_sula.get_by_role("button", name="Aceptar en la cohorte").click()
    expect(small_phone_page.locator("main")).to_contain_text("La postulación fue aceptada.")

    small_phone_page.get_by_role("link", name="La cohorte").click()
    members = small_phone_page.locator("section", has_text="Municipios de la cohorte")
    expect(members).to_contain_text("San Pedro Sula")
    expect(members).to_contain_text("Formación de funcionarios")
    distribution = small_phone_page.locator("#distribution")
    expect(distribution).to_contain_text("Instituciones")
    expect(distribution).not_to_contain_text("San Pedro Sula")
    expect(distribution).not_to_contain_text("El Progreso")
    fits_the_phone(small_phone_page)
