"""Discussions on a phone: a member starts a thread, a trainer replies and reports the first
message, a reviewer of the space's country hides it from the review queue. Every page passes
axe at 360 px."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from playwright.sync_api import expect

from migralocal.core.demo import DEMO_PASSWORD
from migralocal.core.demo import load as load_core_demo
from migralocal.core.models import Country
from migralocal.learning.models import DiscussionPost, DiscussionSpace
from tests.browser.conftest import fits_the_phone, sign_in, sign_out

MEMBER = "member@demo.migralocal.org"
TRAINER = "trainer@demo.migralocal.org"
REVIEWER = "reviewer@demo.migralocal.org"  # covers Honduras


@pytest.fixture
def space(transactional_db: None) -> DiscussionSpace:
    load_core_demo(StringIO())
    space = DiscussionSpace.objects.create(
        slug="comunidad-honduras", country=Country.objects.get(code="HN")
    )
    space.set_current_language("es")
    space.name = "Comunidad en Honduras"
    space.save()
    return space


def test_a_thread_with_a_reply_a_report_and_a_moderator_hiding_the_message(
    small_phone_page: Any, space: DiscussionSpace
) -> None:
    page = small_phone_page
    sign_in(page, MEMBER, DEMO_PASSWORD)
    page.goto("/es/learning/community/discussions/")
    fits_the_phone(page)
    page.get_by_role("link", name="Comunidad en Honduras").click()
    fits_the_phone(page)
    page.locator("input[name=title]").fill("Turnos de los sábados")
    page.locator("textarea[name=body]").fill("¿Alguna organización atiende **los sábados**?")
    page.get_by_role("button", name="Iniciar el hilo").click()
    expect(page.locator("h1")).to_have_text("Turnos de los sábados")
    expect(page.locator("#posts strong")).to_have_text("los sábados")
    fits_the_phone(page)
    sign_out(page)

    sign_in(page, TRAINER, DEMO_PASSWORD)
    page.goto(space.get_absolute_url().replace("/en/", "/es/"))
    page.get_by_role("link", name="Turnos de los sábados").click()
    page.locator("textarea[name=body]").fill("Nosotros abrimos de 9 a 13.")
    page.get_by_role("button", name="Publicar la respuesta").click()
    expect(page.locator("main")).to_contain_text("Su respuesta se publicó.")
    expect(page.locator("#posts > li")).to_have_count(2)
    fits_the_phone(page)
    page.locator("#posts > li").first.get_by_role("link", name="Reportar este mensaje").click()
    fits_the_phone(page)
    page.locator("textarea[name=reason]").fill("Pide datos personales.")
    page.get_by_role("button", name="Enviar el reporte").click()
    expect(page.locator("main")).to_contain_text("Una persona moderadora revisará este mensaje.")
    sign_out(page)

    sign_in(page, REVIEWER, DEMO_PASSWORD)
    page.goto("/es/learning/community/discussions/review/")
    expect(page.locator("#discussion-queue")).to_contain_text("Turnos de los sábados")
    fits_the_phone(page)
    page.get_by_role("button", name="Ocultar el mensaje").click()
    expect(page.locator("main")).to_contain_text("El mensaje está oculto para los lectores.")
    fits_the_phone(page)
    first = DiscussionPost.objects.order_by("pk").first()
    assert first is not None and first.is_hidden
    page.goto(first.thread.get_absolute_url().replace("/en/", "/es/"))
    expect(page.locator("#posts > li").first).to_contain_text("Ocultado por una persona")
    fits_the_phone(page)
