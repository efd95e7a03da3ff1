"""An organisation joins the community: a signed-up person applies for it on a phone, a
reviewer of its country approves it, and the applicant, now its administrator, opens its members
and roles. Every page passes axe at 360 px."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from migralocal.core.demo import DEMO_PASSWORD
from migralocal.core.demo import load as load_core_demo
from migralocal.core.models import Membership, Organisation, User
from migralocal.core.roles import OrganisationRole
from tests.browser.conftest import fits_the_phone, sign_in, sign_out

REVIEWER = "reviewer@demo.migralocal.org"  # covers Honduras
NEWCOMER = "rosa.pineda@example.org"
NAME = "Red Comunitaria del Valle"


@pytest.fixture
def newcomer(transactional_db: None) -> User:
    """The core demo and a person who has just signed up, with no role."""
    load_core_demo(StringIO())
    user = User.objects.create_user(NEWCOMER, DEMO_PASSWORD, first_name="Rosa")
    EmailAddress.objects.create(user=user, email=NEWCOMER, verified=True, primary=True)
    return user


def test_an_organisation_applies_and_a_reviewer_of_its_country_approves_it(
    small_phone_page: Any, newcomer: User
) -> None:
    page = small_phone_page
    sign_in(page, NEWCOMER, DEMO_PASSWORD)
    page.goto("/es/learning/community/")
    page.get_by_role("link", name="Solicite que su organización se sume").click()
    expect(page.locator("h1")).to_have_text("Solicitar sumarse a la comunidad")
    fits_the_phone(page)
    page.get_by_label("Nombre de la organización").fill(NAME)
    page.get_by_label("Tipo").select_option("civil_society")
    page.get_by_label("País").select_option(label="Honduras")
    page.locator("input[name=areas]").first.check()
    page.get_by_label("Descripción breve").fill("Acompañamos a personas retornadas.")
    page.get_by_label("Persona de contacto").fill("Rosa Pineda")
    page.get_by_role("button", name="Enviar la postulación").click()
    expect(page.locator("main")).to_contain_text("Su solicitud fue enviada.")
    expect(page.locator("#application-status")).to_have_text("En espera de respuesta")
    fits_the_phone(page)
    sign_out(page)

    sign_in(page, REVIEWER, DEMO_PASSWORD)
    page.goto("/es/learning/community/applications/")
    fits_the_phone(page)
    page.get_by_role("link", name=NAME).click()
    page.get_by_label("Aprobar").check()
    page.get_by_role("button", name="Enviar la respuesta").click()
    expect(page.locator("main")).to_contain_text("Aprobada: la organización se ha sumado.")
    expect(page.locator("#application-status")).to_have_text("Aprobada")
    fits_the_phone(page)
    sign_out(page)

    organisation = Organisation.objects.get(name=NAME)
    assert Membership.objects.filter(
        user=newcomer, organisation=organisation, role=OrganisationRole.ORGANISATION_ADMIN
    ).exists()
    sign_in(page, NEWCOMER, DEMO_PASSWORD)
    page.goto("/es/learning/community/")
    own = page.locator("#own-organisations")
    expect(own).to_contain_text(NAME)
    own.get_by_role("link", name="Miembros y roles").click()
    expect(page.locator("#members")).to_contain_text(NEWCOMER)
    expect(page.locator("#members")).to_contain_text("Administrador de organización")
    fits_the_phone(page)
