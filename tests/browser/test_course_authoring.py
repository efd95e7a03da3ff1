"""A trainer writes a course in both languages without the admin (a module, a lesson previewed
before saving, a quiz), publishes it, and a learner finds it in the catalogue."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from migralocal.core.tests.factories import PASSWORD
from migralocal.core.tests.world import build_world
from tests.browser.conftest import serious_accessibility_violations, sign_in, sign_out


def assert_accessible(page: Any) -> None:
    violations = serious_accessibility_violations(page)
    assert not violations, (page.url, violations)


def test_trainer_authors_previews_and_publishes_a_course_a_learner_sees(page: Any) -> None:
    world = build_world()
    sign_in(page, world.user("trainer").email, PASSWORD)

    page.goto("/es/learning/authoring/")
    assert_accessible(page)
    page.get_by_role("link", name="Nuevo curso").click()
    assert_accessible(page)
    page.fill("input[name=title_es]", "Finanzas para OSC")
    page.fill("input[name=title_en]", "Finance for CSOs")
    page.fill("textarea[name=summary_es]", "Presupuestos y rendición de cuentas.")
    page.fill("input[name=slug]", "finanzas-para-osc")
    page.select_option("select[name=country]", label="México")
    page.get_by_role("button", name="Crear").click()
    expect(page.locator("#course-state")).to_contain_text("Borrador")
    assert_accessible(page)

    page.get_by_role("link", name="Agregar un módulo").click()
    page.fill("input[name=title_es]", "Presupuesto")
    page.fill("input[name=title_en]", "Budget")
    page.get_by_role("button", name="Guardar").click()
    page.get_by_role("link", name="Agregar una lección a Presupuesto").click()
    assert_accessible(page)
    page.fill("input[name=title_es]", "Un presupuesto claro")
    page.fill("input[name=title_en]", "A clear budget")
    page.fill("textarea[name=body_es]", "Un **presupuesto** claro.")
    page.fill("textarea[name=body_en]", "A clear **budget**.")
    page.fill("input[name=video_url]", "https://video.example.org/presupuesto")
    page.get_by_role("button", name="Vista previa").click()
    expect(page.locator(".preview [lang=es] strong")).to_have_text("presupuesto")
    expect(page.locator(".preview [lang=en] strong")).to_have_text("budget")
    assert_accessible(page)
    page.get_by_role("button", name="Guardar").click()

    page.get_by_role("link", name="Agregar una evaluación a Un presupuesto claro").click()
    page.fill("input[name=title_es]", "Evaluación")
    page.fill("input[name=title_en]", "Quiz")
    page.get_by_role("button", name="Guardar").click()
    page.get_by_role("link", name="Agregar una pregunta").click()
    assert_accessible(page)
    page.fill("textarea[name=text_es]", "¿Qué muestra un presupuesto?")
    page.fill("textarea[name=text_en]", "What does a budget show?")
    page.fill("input[name=choice_1_es]", "Ingresos y gastos")
    page.fill("input[name=choice_1_en]", "Income and spending")
    page.check("input[name=correct_1]")
    page.fill("input[name=choice_2_es]", "El clima")
    page.fill("input[name=choice_2_en]", "The weather")
    page.get_by_role("button", name="Guardar").click()
    expect(page.locator(".messages")).to_contain_text("La pregunta se guardó.")

    page.get_by_role("link", name="Finanzas para OSC").first.click()
    page.get_by_role("link", name="Ver el curso como lo ven los participantes").click()
    expect(page.locator("main")).to_contain_text("Borrador: los participantes no ven este curso.")
    page.go_back()
    page.get_by_role("button", name="Publicar").click()
    expect(page.locator("#course-state")).to_contain_text("Publicado")
    assert_accessible(page)
    sign_out(page)

    sign_in(page, world.user("member").email, PASSWORD)
    page.goto("/es/learning/")
    page.get_by_role("link", name="Finanzas para OSC").click()
    page.get_by_role("button", name="Inscribirme en este curso").click()
    page.get_by_role("link", name="Continuar: Un presupuesto claro").click()
    expect(page.locator(".lesson-body strong")).to_have_text("presupuesto")
    expect(page.get_by_role("link", name="Ver el video")).to_have_attribute(
        "href", "https://video.example.org/presupuesto"
    )
    assert page.locator("iframe, video").count() == 0
    assert_accessible(page)
