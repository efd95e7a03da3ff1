"""The whole certification cycle for one demo municipality, in the browser, with axe checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from migralocal.assessments import services
from migralocal.assessments.models import Assessment, Question
from migralocal.core.demo import DEMO_PASSWORD
from migralocal.core.models import User
from tests.browser.conftest import serious_accessibility_violations, sign_in, sign_out

FOCAL = "focal.point@demo.migralocal.org"
REVIEWER = "reviewer@demo.migralocal.org"
MUNICIPALITY = "alcaldia-municipal-de-san-pedro-sula"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def accessible(page: Any) -> None:
    assert serious_accessibility_violations(page) == [], page.url


def as_role(page: Any, email: str) -> None:
    if page.locator("header form[action*='logout']").count():
        sign_out(page)
    sign_in(page, email, DEMO_PASSWORD)


def expect_stage(page: Any, stage: str) -> None:
    """Wait for the page that the last click loads to show the assessment at `stage`."""
    expect(page.locator("[data-stage]")).to_have_attribute("data-stage", stage)


def answer_the_rest(assessment: Assessment, user: Any) -> None:
    """The officials answer the other questions (sixty-odd clicks add nothing to the test)."""
    answered = set(assessment.answers.values_list("question_id", flat=True))
    for question in Question.objects.filter(indicator__dimension__framework=assessment.framework):
        if question.pk in answered:
            continue
        first_option = next((option.code for option in question.options.all()), "")
        values: dict[str, Any] = {
            "yes_no_partly": {"choice": "partly"},
            "single_choice": {"choice": first_option},
            "multiple_choice": {"choices": [first_option]},
            "number": {"number": 1},
            "date": {"date": "2026-01-01"},
            "text": {"text": "Mesa municipal."},
        }[question.kind]
        answer = services.answer_save(
            assessment=assessment, question=question, user=user, expected_version=0, **values
        )
        if question.evidence_required:
            services.evidence_add(answer=answer, user=user, url="https://example.org/acta")


def test_whole_cycle_for_san_pedro_sula(page: Any, demo_db: None, tmp_path: Path) -> None:
    letter = tmp_path / "carta-de-intencion.pdf"
    letter.write_bytes(PDF)

    # Application, by the municipality's focal point.
    as_role(page, FOCAL)
    page.goto("/es/assessments/")
    accessible(page)
    page.get_by_role("link", name="Postular por Alcaldía Municipal de San Pedro Sula").click()
    page.fill("input[name=year]", "2027")
    page.fill("input[name=population]", "800000")
    page.fill("input[name=migrant_population]", "30000")
    page.fill("textarea[name=current_work]", "Ventanilla municipal para personas retornadas.")
    page.fill("textarea[name=motivation]", "Ordenar la atención a la población migrante.")
    page.fill("input[name=mayor_name]", "Alcalde municipal")
    page.set_input_files("input[name=letter]", str(letter))
    accessible(page)
    page.get_by_role("button", name="Enviar la postulación").click()
    expect_stage(page, "applied")
    detail = page.url
    assessment = Assessment.objects.get(organisation__slug=MUNICIPALITY, year=2027)

    # The reviewer for Honduras accepts it.
    as_role(page, REVIEWER)
    page.goto(detail)
    page.get_by_role("button", name="Aceptar la postulación").click()
    expect_stage(page, "training")

    # Training recorded, then the self-assessment opens.
    as_role(page, FOCAL)
    page.goto(f"/es/assessments/{assessment.pk}/training/")
    page.fill("input[name=position]", "Directora de Desarrollo Social")
    page.select_option("select[name=gender]", "woman")
    page.fill("input[name=modules_completed]", "4")
    page.get_by_role("button", name="Registrar", exact=True).click()
    accessible(page)
    page.goto(detail)
    page.get_by_role("button", name="Formación completada: abrir la autoevaluación").click()
    expect_stage(page, "self_assessment")

    # Answer in the browser: autosave on change, evidence upload.
    page.goto(f"/es/assessments/{assessment.pk}/sections/institutions/")
    first = page.locator("article.question").first
    first.locator("input[type=radio]").nth(2).check()
    first.locator(".saved").wait_for()
    # Files go with the Save button, so that autosave never uploads one twice.
    page.locator("article.question").first.locator("input[type=file]").set_input_files(str(letter))
    page.locator("article.question").first.get_by_role("button", name="Guardar respuesta").click()
    page.locator("article.question").first.get_by_role(
        "link", name="carta-de-intencion.pdf"
    ).wait_for()
    accessible(page)
    assessment.refresh_from_db()
    answer_the_rest(assessment, User.objects.get(email=FOCAL))
    page.goto(detail)
    page.get_by_role("button", name="Enviar a revisión").click()
    expect_stage(page, "submitted")

    # Review: returned for changes.
    as_role(page, REVIEWER)
    page.goto(detail)
    accessible(page)
    page.fill("#return-note", "Indique el presupuesto de la oficina.")
    page.get_by_role("button", name="Devolver para cambios").click()
    expect_stage(page, "returned")

    # Fix and submit again.
    as_role(page, FOCAL)
    page.goto(detail)
    assert "Indique el presupuesto de la oficina." in page.content()
    page.goto(f"/es/assessments/{assessment.pk}/sections/institutions/")
    page.locator("article.question").first.locator("input[type=radio]").nth(3).check()
    page.locator("article.question").first.locator(".saved").wait_for()
    page.goto(detail)
    page.get_by_role("button", name="Enviar a revisión").click()
    expect_stage(page, "submitted")

    # Validation, results.
    as_role(page, REVIEWER)
    page.goto(detail)
    page.get_by_role("button", name="Validar la evaluación").click()
    expect_stage(page, "validated")
    page.goto(f"/es/assessments/{assessment.pk}/results/")
    assert page.locator("svg.radar").count() == 1
    assert page.get_by_role("heading", name="Áreas con potencial de desarrollo").is_visible()
    accessible(page)

    # The diagnostic workshop.
    page.goto(f"/es/assessments/{assessment.pk}/workshop/")
    page.fill("input[name=held_on]", "2027-03-10")
    page.fill("input[name=facilitators]", "Equipo del programa")
    page.fill("textarea[name=findings]", "La información no llega en otros idiomas.")
    for index, (role, gender) in enumerate([("Concejala", "woman"), ("Técnico", "man")]):
        page.fill(f"input[name=participants-{index}-role]", role)
        page.fill(f"input[name=participants-{index}-organisation]", "Municipalidad")
        page.select_option(f"select[name=participants-{index}-gender]", gender)
    accessible(page)
    page.get_by_role("button", name="Guardar el taller").click()
    expect(
        page.get_by_role("heading", name="Balance de género de los participantes")
    ).to_be_visible()

    # Prioritisation, by the focal point on behalf of a participant.
    as_role(page, FOCAL)
    page.goto(f"/es/assessments/{assessment.pk}/priorities/")
    page.select_option("select[name=participant]", index=1)
    page.locator("select[name^=impact_]").first.select_option("5")
    page.get_by_role("button", name="Guardar valoraciones").click()
    accessible(page)
    page.locator("input[name=dimensions]").first.check()
    page.get_by_role("button", name="Seleccionar prioridades").click()

    # The work plan, submitted and approved.
    page.wait_for_url("**/plan/")
    page.select_option("select[name=priority]", index=1)
    page.select_option("select[name=indicator]", index=1)
    page.fill("input[name=title]", "Abrir una ventanilla en el mercado municipal")
    page.fill("input[name=owner]", "Oficina de Desarrollo Social")
    page.fill("input[name=partners]", "Red de organizaciones")
    page.fill("input[name=starts_on]", "2027-04-01")
    page.fill("input[name=ends_on]", "2027-10-31")
    page.fill("input[name=budget]", "12000")
    page.get_by_role("button", name="Agregar la acción").click()
    expect(page.get_by_role("heading", name="Cronograma")).to_be_visible()
    accessible(page)
    page.get_by_role("button", name="Enviar el plan de trabajo para aprobación").click()
    expect_stage(page, "plan_submitted")
    as_role(page, REVIEWER)
    page.goto(f"/es/assessments/{assessment.pk}/plan/")
    page.get_by_role("button", name="Aprobar el plan de trabajo").click()
    expect_stage(page, "monitoring")

    # Certification, the certificate and its public verification page.
    page.get_by_role("button", name="Otorgar el sello 2027").click()
    expect_stage(page, "certified")
    accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Descargar el certificado (PDF)").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    sign_out(page)
    certificate = Assessment.objects.get(pk=assessment.pk).certificate
    page.goto(f"/es/assessments/verify/{certificate.verification_code}/")
    assert "Este certificado es auténtico y está vigente." in page.content()
    assert certificate.number in page.content()
    accessible(page)


@pytest.mark.parametrize("path", ["/es/assessments/certified/", "/en/assessments/certified/"])
def test_certified_municipalities_on_a_list_and_a_map_pass_axe(
    page: Any, phone_page: Any, demo_db: None, path: str
) -> None:
    for opened in (page, phone_page):
        opened.goto(path)
        assert opened.locator("svg.places-map circle").count() >= 3
        accessible(opened)
        width = opened.evaluate("document.documentElement.scrollWidth")
        assert width <= opened.viewport_size["width"] + 1
    page.get_by_role("link", name="Ajuntament de Terrassa").first.click()
    expect(page.locator("svg.radar")).to_have_count(1)
    accessible(page)


def test_results_with_two_rounds_compared_on_a_phone(phone_page: Any, demo_db: None) -> None:
    sign_in(phone_page, REVIEWER.replace("reviewer", "admin"), DEMO_PASSWORD)
    maipu = Assessment.objects.get(organisation__slug="ilustre-municipalidad-de-maipu", year=2026)
    phone_page.goto(f"/es/assessments/{maipu.pk}/results/")
    assert phone_page.locator("polygon.series-previous").count() == 1
    assert phone_page.get_by_role("columnheader", name="Cambio").is_visible()
    accessible(phone_page)


def test_focal_point_answers_on_a_phone(phone_page: Any, demo_db: None) -> None:
    sign_in(phone_page, FOCAL, DEMO_PASSWORD)
    current = Assessment.objects.get(organisation__slug=MUNICIPALITY, year=2026)
    phone_page.goto(f"/es/assessments/{current.pk}/sections/women-girls-vulnerable/")
    assert phone_page.locator("article.question").count() == 8
    # The section shows its progress, and the way on is a link to the section after it.
    expect(phone_page.locator("#section-progress-bar")).to_have_attribute("max", "8")
    expect(phone_page.locator(".section-progress label")).to_contain_text("de 8 preguntas")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= phone_page.viewport_size["width"] + 1
    accessible(phone_page)
    # The way on: the first unfinished section after this one, as the list of sections says.
    sections = phone_page.locator("nav .section-list li")
    rows = [sections.nth(index) for index in range(sections.count())]
    here = next(i for i, row in enumerate(rows) if row.locator("[aria-current=page]").count())
    later = rows[here + 1 :] + rows[:here]
    unfinished = [row for row in later if "de " in row.locator(".section-count").inner_text()]
    assert unfinished, "the demo round has unanswered sections"
    following = unfinished[0].locator("a").inner_text()
    onward = phone_page.locator("p.next-section a[rel=next]")
    expect(onward).to_contain_text(following)
    onward.click()
    expect(phone_page.locator("h1")).to_have_text(following)
    expect(phone_page.locator("#section-progress-bar")).to_be_visible()
