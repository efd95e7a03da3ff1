"""Learning as people use it: a member assesses, follows a path, passes a course and joins an
event; a trainer checks attendees in and reads the disaggregated figures."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from playwright.sync_api import expect

from migralocal.core.tests.factories import PASSWORD
from migralocal.core.tests.world import build_world
from migralocal.learning.models import Certificate, Registration, SelfAssessmentQuestion
from migralocal.learning.tests.builders import make_course, make_event, make_path
from tests.browser.conftest import serious_accessibility_violations, sign_in, sign_out


def assert_accessible(page: Any) -> None:
    violations = serious_accessibility_violations(page)
    assert not violations, (page.url, violations)


def test_member_path_course_certificate_event_and_trainer_figures(
    page: Any, phone_page: Any
) -> None:
    world = build_world()
    course = make_course(world.mexico, "finanzas-para-osc")
    make_path("finanzas", ["financial-sustainability"], [course])
    event = make_event(
        world.mexico,
        "encuentro-virtual",
        format="online",
        starts_at=timezone.now() + dt.timedelta(days=7),
        time_zone="America/Tegucigalpa",
    )
    member = world.user("member")

    sign_in(page, member.email, PASSWORD)
    page.goto("/es/learning/me/")
    assert_accessible(page)
    page.get_by_role("link", name="Autoevaluación de Colectivo Caminos").click()
    assert_accessible(page)
    for question in SelfAssessmentQuestion.objects.select_related("area"):
        weak = question.area.code == "financial-sustainability"
        page.check(f"input[name='{question.code}'][value='{1 if weak else 4}']")
    page.get_by_role("button", name="Ver nuestra ruta de aprendizaje").click()
    page.wait_for_url("**/self-assessments/**")
    assert "Sostenibilidad financiera" in page.locator("#recommendation-reason").inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="Curso finanzas-para-osc").first.click()
    page.get_by_role("button", name="Inscribirme en este curso").click()
    assert_accessible(page)
    page.get_by_role("link", name="Continuar: Lección 1").click()
    expect(page.locator(".lesson-body strong")).to_have_text("Hola")
    assert_accessible(page)
    page.get_by_role("button", name="Marcar como completada").click()
    page.get_by_role("link", name="Hacer la evaluación").click()
    assert_accessible(page)
    page.get_by_label("Sí").check()
    page.get_by_label("A", exact=True).check()
    page.get_by_label("B", exact=True).check()
    page.get_by_role("button", name="Enviar respuestas").click()
    expect(page.locator(".messages")).to_contain_text("Aprobó con 100%")
    page.get_by_role("link", name="Volver al curso").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Descargar el certificado (PDF)").click()
    certificate = Certificate.objects.get(enrolment__user=member)
    assert download.value.suggested_filename == f"{certificate.number}.pdf"

    page.goto(event.get_absolute_url())
    assert_accessible(page)
    page.select_option("select[name=gender]", "woman")
    page.select_option("select[name=role]", "civil_society")
    page.get_by_role("button", name="Inscribirme").click()
    expect(page.locator("#registration-status")).to_have_text("Usted está inscrito.")
    page.goto("/es/learning/me/")
    assert "Ruta finanzas" in page.locator("main").inner_text()
    sign_out(page)

    trainer = world.user("trainer")
    sign_in(phone_page, trainer.email, PASSWORD)
    phone_page.goto(f"/es/learning/events/{event.slug}/attendance/")
    assert_accessible(phone_page)
    phone_page.get_by_role(
        "button", name=f"Registrar la asistencia de {member.get_full_name()}"
    ).click()
    expect(phone_page.locator(".check-in-list")).to_contain_text("Asistencia registrada")
    assert Registration.objects.get(email=member.email).attendance_mode == "online"
    phone_page.goto(f"/es/learning/events/{event.slug}/figures/")
    assert phone_page.locator("[data-figure=attendees]").inner_text() == "1"
    tables = phone_page.locator("main").inner_text()
    assert "Mujer" in tables and "100%" in tables and "En línea" in tables
    assert_accessible(phone_page)


def test_learning_pages_with_demo_data_pass_axe_on_desktop_and_phone(
    page: Any, phone_page: Any, demo_db: None
) -> None:
    from migralocal.core.demo import DEMO_PASSWORD
    from migralocal.learning.models import MentoringEngagement

    engagement = MentoringEngagement.objects.order_by("pk").first()
    assert engagement is not None
    public = [
        "/es/learning/",
        "/en/learning/",
        "/es/learning/community/",
        "/es/learning/events/",
        "/es/learning/events/cumbre-presencial-costa-rica-2023/",
        "/es/learning/courses/acceso-a-derechos/",
    ]
    trainer_pages = [
        "/es/learning/progress/",
        "/es/learning/events/figures/",
        "/es/learning/events/encuentro-virtual-01/attendance/",
        "/es/learning/events/encuentro-virtual-01/attendance/import/",
    ]
    mentor_pages = [engagement.get_absolute_url(), "/es/learning/mentoring/figures/"]
    for opened in (page, phone_page):
        for path in public:
            opened.goto(path)
            assert_accessible(opened)
        sign_in(opened, "trainer@demo.migralocal.org", DEMO_PASSWORD)
        for path in trainer_pages:
            opened.goto(path)
            assert_accessible(opened)
        sign_out(opened)
        sign_in(opened, "mentor@demo.migralocal.org", DEMO_PASSWORD)
        for path in mentor_pages:
            opened.goto(path)
            assert_accessible(opened)
        sign_out(opened)
    page.goto("/es/learning/events/figures/")
    assert page.locator("[data-figure=attendees]").count() == 0  # signed out: sign-in page


def test_a_path_card_leads_to_a_path_anyone_may_follow_and_my_path_shows_each_step(
    phone_page: Any,
) -> None:
    world = build_world()
    first = make_course(world.mexico, "datos-abiertos")
    second = make_course(world.mexico, "redes-sociales")
    make_path("comunicacion-digital", ["digital-transformation"], [first, second])
    # Someone with no organisation (so no self-assessment) follows the path.
    person = world.user("no_role")
    sign_in(phone_page, person.email, PASSWORD)
    phone_page.goto("/es/learning/")
    phone_page.get_by_role("link", name="Ruta comunicacion-digital").click()
    phone_page.wait_for_url("**/learning/paths/comunicacion-digital/")
    assert_accessible(phone_page)
    phone_page.get_by_role("button", name="Seguir esta ruta").click()
    expect(phone_page.locator(".messages")).to_contain_text("Sigue esta ruta.")

    phone_page.goto("/es/learning/me/")
    steps = phone_page.locator(".followed-path .path-steps li")
    expect(steps).to_have_count(2)
    expect(steps.nth(0)).to_contain_text("Curso datos-abiertos")
    expect(steps.nth(0)).to_contain_text("sin comenzar")
    expect(steps.nth(1)).to_contain_text("Curso redes-sociales")
    # Every step link has a name a person can read.
    for link in steps.locator("a").all():
        assert link.inner_text().strip()
    assert "· %" not in phone_page.locator("main").inner_text()
    assert_accessible(phone_page)


def test_registering_for_a_past_event_is_refused_with_a_clear_message(page: Any) -> None:
    world = build_world()
    summit = make_event(
        world.honduras,
        "cumbre-2023",
        kind="summit",
        starts_at=dt.datetime(2023, 6, 20, 15, 0, tzinfo=dt.UTC),
    )
    page.goto(summit.get_absolute_url())
    closed = page.locator("#registration-closed")
    expect(closed).to_contain_text("Las inscripciones para este evento cerraron el")
    expect(closed).to_contain_text("2023")
    assert page.locator("main form input[name=email]").count() == 0
    assert page.get_by_role("button", name="Inscribirme").count() == 0
    assert_accessible(page)
    page.goto(summit.get_absolute_url().replace("/es/", "/en/"))
    expect(page.locator("#registration-closed")).to_contain_text(
        "Registration for this event closed on"
    )
    assert not Registration.objects.exists()


def register_on_the_page(page: Any, name: str, email: str) -> None:
    page.fill("input[name=name]", name)
    page.fill("input[name=email]", email)
    page.select_option("select[name=gender]", "woman")
    page.select_option("select[name=role]", "civil_society")
    page.get_by_role("button", name="Inscribirme").click()
    page.wait_for_load_state()


def test_capacity_waiting_list_and_a_freed_place_by_email(page: Any, phone_page: Any) -> None:
    from django.core import mail

    world = build_world()
    event = make_event(world.honduras, "taller-cupos", capacity=1)
    member = world.user("member")

    sign_in(page, member.email, PASSWORD)
    page.goto(event.get_absolute_url())
    register_on_the_page(page, "Marta Miembro", member.email)
    expect(page.locator("#registration-status")).to_have_text("Usted está inscrito.")

    # A visitor on a phone finds the event full and joins the waiting list.
    phone_page.goto(event.get_absolute_url())
    expect(phone_page.locator("main")).to_contain_text("Todos los cupos están ocupados")
    register_on_the_page(phone_page, "Vera Visitante", "vera@example.org")
    expect(phone_page.locator(".messages")).to_contain_text("lista de espera")
    assert_accessible(phone_page)

    # The member cancels; the place goes to the visitor, who is told by e-mail.
    page.goto(event.get_absolute_url())
    page.get_by_role("button", name="Cancelar mi inscripción").click()
    expect(page.locator("#registration-status")).to_have_text("Usted canceló su inscripción.")
    assert Registration.objects.get(email="vera@example.org").status == "confirmed"
    (message,) = [m for m in mail.outbox if m.to == ["vera@example.org"]]
    assert "Evento taller-cupos" in message.subject
    assert event.get_absolute_url() in str(message.body)


def test_an_organisation_asks_for_mentoring_and_the_mentor_accepts(
    page: Any, phone_page: Any
) -> None:
    from migralocal.learning.models import MentoringEngagement

    world = build_world()
    member = world.user("member")
    sign_in(phone_page, member.email, PASSWORD)
    phone_page.goto("/es/learning/mentoring/")
    phone_page.get_by_role("link", name="Solicitar mentoría para Colectivo Caminos").click()
    assert_accessible(phone_page)
    phone_page.get_by_label("Sostenibilidad financiera").fill("Un presupuesto con dos donantes")
    phone_page.get_by_role("button", name="Enviar la solicitud").click()
    expect(phone_page.locator("#request-status")).to_have_text("En espera de respuesta")
    assert_accessible(phone_page)

    mentor = world.user("mentor")
    sign_in(page, mentor.email, PASSWORD)
    page.goto("/es/learning/mentoring/requests/")
    page.get_by_role("link", name="Colectivo Caminos").click()
    assert_accessible(page)
    page.get_by_label("Aceptar e iniciar la mentoría").check()
    page.get_by_role("button", name="Enviar la respuesta").click()
    expect(page.locator(".messages")).to_contain_text("Aceptada")
    engagement = MentoringEngagement.objects.get()
    assert engagement.mentor == mentor
    assert "Un presupuesto con dos donantes" in page.locator("main").inner_text()
