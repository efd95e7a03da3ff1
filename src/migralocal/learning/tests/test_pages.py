"""The features as a person uses them through the pages."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from migralocal.core.no_store import NO_STORE
from migralocal.core.tests.world import World
from migralocal.learning import selectors, services
from migralocal.learning.models import Enrolment, Registration, SelfAssessmentQuestion
from migralocal.learning.tests.builders import make_course, make_event, make_path, right_answers

pytestmark = pytest.mark.django_db


def signed_in(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))  # sign-in itself: core/tests/test_accounts.py
    return client


def test_member_enrols_completes_lessons_passes_quiz_and_gets_a_pdf(world: World) -> None:
    course = make_course(world.mexico)
    client = signed_in(world, "member")
    client.post(reverse("learning:course_enrol", args=[course.slug]))
    enrolment = Enrolment.objects.get()
    first, last = list(selectors.lessons_of(course))
    page = client.get(first.get_absolute_url()).content.decode()
    assert "<strong>Hola</strong>" in page
    client.post(first.get_absolute_url())
    quiz_url = reverse("learning:quiz_take", args=[course.slug, last.quiz.pk])
    answers = right_answers(last.quiz)
    data: dict[str, object] = {f"question_{pk}": choices for pk, choices in answers.items()}
    response = client.post(quiz_url, data, follow=True)
    assert "100%" in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    number = enrolment.certificate.number
    pdf = client.get(reverse("learning:certificate_pdf", args=[number]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    verify = Client().get(enrolment.certificate.get_absolute_url()).content.decode()
    assert number in verify
    mine = client.get(reverse("learning:my_learning")).content.decode()
    assert number in mine and "100%" in mine
    assert Client().get(reverse("learning:certificate_verify", args=["nope"])).status_code == 404


def test_quiz_without_an_answer_shows_the_error_and_records_nothing(world: World) -> None:
    course = make_course(world.mexico)
    client = signed_in(world, "member")
    client.post(reverse("learning:course_enrol", args=[course.slug]))
    quiz = list(selectors.lessons_of(course))[-1].quiz
    response = client.post(reverse("learning:quiz_take", args=[course.slug, quiz.pk]), {})
    assert "errorlist" in response.content.decode()
    assert not quiz.attempts.exists()


def test_self_assessment_page_gives_a_path_and_my_path_shows_it(world: World) -> None:
    course = make_course(world.mexico, "finanzas")
    make_path("finanzas", ["financial-sustainability"], [course])
    client = signed_in(world, "member")
    url = reverse("learning:self_assessment", args=[world.mexican_cso.slug])
    answers = {
        q.code: "0" if q.area.code == "financial-sustainability" else "4"
        for q in SelfAssessmentQuestion.objects.select_related("area")
    }
    incomplete = client.post(url, dict(list(answers.items())[:5]))
    assert incomplete.status_code == 200 and "errorlist" in incomplete.content.decode()
    response = client.post(url, answers, follow=True)
    page = response.content.decode()
    assert "Ruta finanzas" in page and "Sostenibilidad financiera" in page
    assert "Ruta finanzas" in client.get(reverse("learning:my_learning")).content.decode()


def test_anyone_registers_for_a_public_event_with_an_email(world: World) -> None:
    event = make_event(world.honduras, capacity=1)
    data = {"name": "Ana", "email": "ana@example.org", "gender": "woman", "role": "hub_staff"}
    Client().post(event.get_absolute_url(), data)
    Client().post(event.get_absolute_url(), {**data, "email": "beto@example.org"})
    assert list(event.registrations.values_list("status", flat=True)) == ["confirmed", "waiting"]
    again = Client().post(event.get_absolute_url(), data)
    assert "ya está inscrito" in again.content.decode()


def test_trainer_checks_in_imports_and_downloads_figures(world: World) -> None:
    event = make_event(world.honduras)
    registration = services.event_register(
        event=event, name="Ana", email="ana@example.org", gender="woman", role="hub_staff"
    )
    client = signed_in(world, "trainer")
    attendance = reverse("learning:event_attendance", args=[event.slug])
    client.post(attendance, {"registration": registration.pk, "mode": "in_person"})
    registration.refresh_from_db()
    assert registration.attendance_mode == "in_person"
    assert client.get(reverse("learning:event_qr", args=[event.slug]))["Content-Type"] == (
        "image/svg+xml"
    )
    bad = io.BytesIO(b"email,name\nnot-an-email,Beto\n")
    bad.name = "list.csv"
    page = client.post(reverse("learning:event_import", args=[event.slug]), {"file": bad})
    assert "No es un correo electrónico válido." in page.content.decode()
    assert Registration.objects.count() == 1
    good = io.BytesIO(b"email,name,gender,mode\nbeto@example.org,Beto,man,online\n")
    good.name = "list.csv"
    preview = client.post(reverse("learning:event_import", args=[event.slug]), {"file": good})
    token = preview.context["token"]
    assert "beto@example.org" in preview.content.decode()
    assert preview["Cache-Control"] == NO_STORE  # the preview lists names and e-mail addresses
    assert token and Registration.objects.count() == 1
    client.post(reverse("learning:event_import", args=[event.slug]), {"confirm": token})
    assert Registration.objects.filter(attended_at__isnull=False).count() == 2
    figures = client.get(reverse("learning:event_figures", args=[event.slug])).content.decode()
    assert "50%" in figures
    xlsx = client.get(reverse("learning:event_figures", args=[event.slug]) + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None and sheet["C2"].value == 2
    report = client.get(reverse("learning:event_report") + "?format=csv").content.decode(
        "utf-8-sig"
    )
    assert report.splitlines()[1].endswith(",2,100")
    tampered = client.post(reverse("learning:event_import", args=[event.slug]), {"confirm": "x"})
    assert tampered.status_code == 403


def test_mentor_records_goals_sessions_and_outcome(world: World) -> None:
    engagement = services.mentoring_start(
        mentor=world.user("mentor"),
        organisation=world.mexican_cso,
        areas=list(selectors.capacity_areas()[:1]),
        started_on=dt.date(2026, 1, 1),
    )
    client = signed_in(world, "mentor")
    url = engagement.get_absolute_url()
    area = engagement.areas.get()
    client.post(url, {"action": "goal", "area": area.pk, "description": "Plan digital"})
    early = client.post(
        url, {"action": "session", "held_on": "2025-12-01", "duration_minutes": "60"}
    )
    assert "anterior al inicio del acompañamiento" in early.content.decode()
    client.post(url, {"action": "session", "held_on": "2026-01-15", "duration_minutes": "60"})
    client.post(
        url,
        {"action": "close", "status": "completed", "ended_on": "2026-06-01", "outcome": "Hecho"},
    )
    engagement.refresh_from_db()
    assert (engagement.goals.count(), engagement.sessions.count()) == (1, 1)
    assert engagement.status == "completed"
    figures = selectors.mentoring_figures(
        selectors.mentoring_in_programme_scope(world.user("mentor"))
    )
    assert (figures.organisations, figures.sessions, figures.hours) == (1, 1, 1.0)
    assert figures.by_country == [("México", 1)]


def test_community_directory_lists_public_members_by_country(world: World) -> None:
    from migralocal.learning.models import CommunityProfile

    CommunityProfile.objects.create(organisation=world.mexican_cso, joined_on=dt.date(2021, 5, 1))
    CommunityProfile.objects.create(organisation=world.private_cso, joined_on=dt.date(2022, 5, 1))
    page = Client().get(reverse("learning:community")).content.decode()
    assert "Colectivo Caminos" in page and "Red Discreta" not in page
    assert selectors.community_growth() == (2, [(2021, 1, 1), (2022, 1, 2)])
    filtered = Client().get(reverse("learning:community"), {"country": world.honduras.pk})
    assert "Colectivo Caminos" not in filtered.content.decode()
