"""The cycle as its people use it through the pages (the services' rules are tested apart)."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from migralocal.assessments.models import Assessment, Certificate, Stage
from migralocal.assessments.tests.helpers import (
    PDF_BYTES,
    published_small_framework,
    question,
    round_at,
)
from migralocal.core.no_store import NO_STORE
from migralocal.core.tests.world import World

pytestmark = pytest.mark.django_db


def client_for(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def test_focal_point_applies_with_the_signed_letter(world: World) -> None:
    published_small_framework()
    client = client_for(world, "focal_point")
    data = {
        "year": 2026,
        "population": 200000,
        "migrant_population": 4000,
        "current_work": "Ventanilla.",
        "motivation": "Mejorar.",
        "mayor_name": "Alcaldesa",
    }
    bad = client.post(
        "/es/assessments/apply/municipalidad-el-progreso/",
        {**data, "letter": SimpleUploadedFile("carta.pdf", b"GIF89a not a pdf")},
    )
    assert bad.status_code == 200
    assert "El contenido del archivo no corresponde a su tipo" in bad.content.decode()
    assert not Assessment.objects.exists()
    good = client.post(
        "/es/assessments/apply/municipalidad-el-progreso/",
        {**data, "letter": SimpleUploadedFile("carta.pdf", PDF_BYTES)},
    )
    assessment = Assessment.objects.get()
    assert good.status_code == 302 and assessment.stage == Stage.APPLIED
    letter = client_for(world, "reviewer").get(f"/es/assessments/{assessment.pk}/letter/")
    assert b"".join(letter.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]


def test_answers_autosave_and_a_conflict_is_shown_not_overwritten(world: World) -> None:
    assessment = round_at(world, Stage.SELF_ASSESSMENT)
    q1 = question(assessment.framework, "q1")
    url = f"/es/assessments/{assessment.pk}/answers/{q1.pk}/"
    focal = client_for(world, "focal_point")
    saved = focal.post(
        url, {f"q{q1.pk}-version": 0, f"q{q1.pk}-value": "yes"}, HTTP_HX_REQUEST="true"
    )
    assert saved.status_code == 200 and "Guardada" in saved.content.decode()
    # Someone who opened the answer before that save sends another value.
    stale = client_for(world, "admin").post(url, {f"q{q1.pk}-version": 0, f"q{q1.pk}-value": "no"})
    assert stale.status_code == 409
    assert "Otra persona cambió esta respuesta" in stale.content.decode()
    assert assessment.answers.get(question=q1).choice == "yes"
    with_evidence = focal.post(
        url,
        {
            f"q{q1.pk}-version": 1,
            f"q{q1.pk}-value": "yes",
            f"q{q1.pk}-evidence_file": SimpleUploadedFile("acta.pdf", PDF_BYTES),
        },
    )
    assert with_evidence.status_code == 302
    evidence = assessment.answers.get(question=q1).evidence.get()
    assert focal.get(f"/es/assessments/evidence/{evidence.pk}/").status_code == 200
    assert (
        client_for(world, "member").get(f"/es/assessments/evidence/{evidence.pk}/").status_code
        == 404
    )
    section = focal.get(f"/es/assessments/{assessment.pk}/sections/institutions/")
    assert "acta.pdf" in section.content.decode()


def test_reviewer_comments_returns_and_validates(world: World) -> None:
    assessment = round_at(world, Stage.SUBMITTED)
    reviewer = client_for(world, "reviewer")
    q3 = question(assessment.framework, "q3")
    reviewer.post(
        f"/es/assessments/{assessment.pk}/answers/{q3.pk}/comment/", {f"c{q3.pk}-text": "¿Fuente?"}
    )
    assert assessment.answers.get(question=q3).comments.get().text == "¿Fuente?"
    empty_note = reviewer.post(
        f"/es/assessments/{assessment.pk}/do/return/", {"note": ""}, follow=True
    )
    assert "Indique qué debe cambiar" in empty_note.content.decode()
    reviewer.post(f"/es/assessments/{assessment.pk}/do/return/", {"note": "Revise q3."})
    assessment.refresh_from_db()
    assert assessment.stage == Stage.RETURNED
    page = client_for(world, "focal_point").get(
        f"/es/assessments/{assessment.pk}/sections/institutions/"
    )
    assert "¿Fuente?" in page.content.decode()


def test_results_page_reads_as_areas_and_draws_the_radar(world: World) -> None:
    assessment = round_at(world, Stage.VALIDATED)
    page = client_for(world, "programme_manager").get(f"/es/assessments/{assessment.pk}/results/")
    html = page.content.decode()
    assert "Áreas desarrolladas" in html and "Áreas con potencial de desarrollo" in html
    assert "data-overall>64,6<" in html
    assert "ranking" not in html.lower() or "No son una clasificación de ciudades" in html


def test_workshop_priorities_and_work_plan_through_the_pages(world: World) -> None:
    assessment = round_at(world, Stage.VALIDATED)
    focal = client_for(world, "focal_point")
    base = f"/es/assessments/{assessment.pk}"
    response = focal.post(
        f"{base}/workshop/",
        {
            "held_on": "2026-05-02",
            "facilitators": "Equipo",
            "findings": "Hallazgos.",
            "participants-TOTAL_FORMS": 2,
            "participants-INITIAL_FORMS": 0,
            "participants-MIN_NUM_FORMS": 1,
            "participants-MAX_NUM_FORMS": 1000,
            "participants-0-role": "Concejala",
            "participants-0-organisation": "Municipio",
            "participants-0-gender": "woman",
            "participants-1-role": "Técnico",
            "participants-1-organisation": "ONG",
            "participants-1-gender": "non_binary",
        },
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.stage == Stage.WORKSHOP
    workshop = focal.get(f"{base}/workshop/")
    assert workshop["Cache-Control"] == NO_STORE  # it lists the participants
    page = workshop.content.decode()
    assert "50 %" in page
    area = assessment.framework.dimensions.get(code="institutions")
    participant = assessment.workshop.participants.all()[0]
    focal.post(
        f"{base}/priorities/",
        {
            "rate": 1,
            "participant": participant.pk,
            f"impact_{area.pk}": 5,
            f"feasibility_{area.pk}": 4,
        },
    )
    assert assessment.ratings.get().impact == 5
    assert focal.get(f"{base}/priorities/")["Cache-Control"] == NO_STORE  # participants to rate
    focal.post(f"{base}/priorities/", {"select": 1, "dimensions": [area.pk]})
    assessment.refresh_from_db()
    assert assessment.stage == Stage.PRIORITISED
    priority = assessment.priorities.get()
    focal.post(
        f"{base}/plan/",
        {
            "priority": priority.pk,
            "indicator": area.indicators.first().pk,
            "title": "Crear la oficina",
            "owner": "Desarrollo social",
            "partners": "ONG",
            "starts_on": "2026-01-01",
            "ends_on": "2026-03-01",
            "budget": "1000",
            "status": "in_progress",
            "progress": 20,
        },
    )
    plan = focal.get(f"{base}/plan/").content.decode()
    assert "Crear la oficina" in plan and "Atrasada" in plan
    workbook = load_workbook(BytesIO(focal.get(f"{base}/plan.xlsx").content))
    rows = list(workbook.active.values)
    assert rows[0][1] == "Acción" and rows[1][1] == "Crear la oficina"
    focal.post(f"{base}/do/submit-plan/")
    client_for(world, "reviewer").post(f"{base}/do/approve-plan/")
    assessment.refresh_from_db()
    assert assessment.stage == Stage.MONITORING
    action = assessment.actions.get()
    focal.post(
        f"{base}/plan/actions/{action.pk}/report/",
        {
            f"a{action.pk}-status": "done",
            f"a{action.pk}-progress": 100,
            f"a{action.pk}-note": "Listo.",
        },
    )
    action.refresh_from_db()
    assert (action.status, action.progress, action.reports.count()) == ("done", 100, 1)


def test_certificate_pdf_verification_and_public_pages(world: World) -> None:
    assessment = round_at(world, Stage.MONITORING)
    reviewer = client_for(world, "reviewer")
    reviewer.post(f"/es/assessments/{assessment.pk}/do/certify/")
    certificate = Certificate.objects.get()
    pdf = reviewer.get(f"/es/assessments/{assessment.pk}/certificate.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    visitor = Client()
    verify = visitor.get(f"/en/assessments/verify/{certificate.verification_code}/")
    assert verify.status_code == 200
    assert certificate.number in verify.content.decode()
    assert visitor.get("/en/assessments/verify/NOT-A-CODE/").status_code == 404
    listing = visitor.get("/es/assessments/certified/?year=2026").content.decode()
    assert "Municipalidad de El Progreso" in listing and "places-map" in listing
    summary = visitor.get("/es/assessments/certified/municipalidad-el-progreso/")
    assert summary.status_code == 200 and "Áreas desarrolladas" in summary.content.decode()


def test_radar_chart_is_inline_svg_with_one_axis_per_dimension() -> None:
    from migralocal.assessments.charts import Series, radar_svg

    svg = radar_svg(
        ["Salud", "Educación", "Trabajo <e> ingresos", "Alianzas"],
        [Series("2026", [100, 50, None, 25], "series-current")],
        "Puntaje",
    )
    assert svg.startswith('<svg class="radar"') and svg.count('class="radar-axis"') == 4
    assert "Trabajo &lt;e&gt; ingresos" in svg
    # Scores of 100 and 50 on the first two axes: top point at full radius, second at half.
    assert 'points="260.0,90.0 345.0,260.0 260.0,260.0 217.5,260.0"' in svg


def test_qr_code_on_the_certificate_points_to_the_verification_page(world: World) -> None:
    from migralocal.assessments.certificates import qr_svg

    svg = qr_svg("https://example.org/es/assessments/verify/ABCD/")
    assert svg.startswith("<svg") and "path" in svg


def test_demo_rounds_cover_every_stage_and_one_municipality_has_two_rounds(demo_db: None) -> None:
    stages = set(Assessment.objects.values_list("stage", flat=True))
    assert stages >= {s.value for s in Stage} - {Stage.DECLINED}
    assert 10 <= Assessment.objects.count() <= 16
    maipu = Assessment.objects.filter(organisation__slug="ilustre-municipalidad-de-maipu")
    assert maipu.count() == 2
    assert maipu.get(year=2026).previous == maipu.get(year=2025)
