"""The call pages, as each role meets them: the programme's page lists its calls, managers open
and decide, focal points apply until the deadline, managers and reviewers read the cohort."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from migralocal.calls.models import Call, CallApplication
from migralocal.calls.tests.builders import apply, framework, make_call
from migralocal.core.tests.world import World
from migralocal.programmes.tests.builders import make_programme

pytestmark = pytest.mark.django_db

FUTURE = datetime.date.today() + datetime.timedelta(days=60)  # noqa: DTZ011  (a date far enough)
PAST = datetime.date(2020, 1, 31)


def signed_in(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def test_the_programme_page_lists_its_calls_and_offers_managers_to_open_one(world: World) -> None:
    call = make_call(world, deadline=FUTURE)
    programme_url = call.programme.get_absolute_url()

    visitor = Client().get(programme_url).content.decode()
    manager = signed_in(world, "programme_manager").get(programme_url).content.decode()

    assert call.get_absolute_url() in visitor
    assert reverse("calls:create", args=[call.programme.slug]) not in visitor
    assert reverse("calls:create", args=[call.programme.slug]) in manager


def test_the_list_shows_open_and_closed_calls_of_public_programmes(world: World) -> None:
    open_call = make_call(world, deadline=FUTURE)
    closed = make_call(world, programme=open_call.programme, deadline=PAST)
    private = make_call(world, programme=make_programme(world, slug="privado", is_public=False))

    page = Client().get(reverse("calls:list")).content.decode()

    assert open_call.get_absolute_url() in page and closed.get_absolute_url() in page
    assert private.get_absolute_url() not in page
    assert Client().get(private.get_absolute_url()).status_code == 404
    assert signed_in(world, "focal_point").get(private.get_absolute_url()).status_code == 404


def test_a_manager_opens_a_call_and_others_may_not(world: World) -> None:
    programme = make_programme(world)
    url = reverse("calls:create", args=[programme.slug])
    assert signed_in(world, "reviewer").get(url).status_code == 403
    assert signed_in(world, "focal_point").get(url).status_code == 403

    response = signed_in(world, "programme_manager").post(
        url,
        {
            "title_es": "Convocatoria 2027",
            "title_en": "2027 call",
            "description_es": "",
            "description_en": "",
            "framework": framework().pk,
            "year": 2027,
            "deadline": "2026-12-31",
        },
    )

    call = Call.objects.get()
    assert response.status_code == 302
    assert (call.programme, call.year, str(call)) == (programme, 2027, "Convocatoria 2027")
    call.set_current_language("en")
    assert call.title == "2027 call"


def test_a_focal_point_applies_on_the_page(world: World) -> None:
    call = make_call(world, deadline=FUTURE)
    client = signed_in(world, "focal_point")
    url = reverse("calls:apply", args=[call.pk])

    assert url in client.get(call.get_absolute_url()).content.decode()
    response = client.post(
        url, {"municipality": world.el_progreso_municipality.pk, "motivation": "Aprender."}
    )

    assert response.status_code == 302
    application = CallApplication.objects.get()
    assert application.municipality == world.el_progreso_municipality
    assert signed_in(world, "reviewer").get(url).status_code == 403
    assert signed_in(world, "trainer").get(url).status_code == 403


def test_after_the_deadline_the_apply_page_refuses_in_spanish(world: World) -> None:
    call = make_call(world, deadline=PAST)
    client = signed_in(world, "focal_point")
    url = f"/es/calls/{call.pk}/apply/"

    page = client.get(url).content.decode()
    response = client.post(
        url, {"municipality": world.el_progreso_municipality.pk, "motivation": "Tarde."}
    )

    assert "ya no se aceptan postulaciones" in page
    assert response.status_code == 200
    assert "ya no se aceptan postulaciones" in response.content.decode()
    assert not CallApplication.objects.exists()


def test_a_manager_accepts_on_the_applications_page(world: World) -> None:
    call = make_call(world)
    application = apply(world, call)
    manager = signed_in(world, "programme_manager")

    page = manager.get(reverse("calls:applications", args=[call.pk])).content.decode()
    response = manager.post(reverse("calls:decide", args=[application.pk, "accept"]), {"note": ""})

    assert "Municipalidad de El Progreso" in page
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == CallApplication.Status.ACCEPTED
    cohort = manager.get(f"/en/calls/{call.pk}/cohort/").content.decode()
    assert "Municipalidad de El Progreso" in cohort
    assert "Training of officials" in cohort


def test_a_decline_without_a_reason_is_refused_on_the_page(world: World) -> None:
    call = make_call(world)
    application = apply(world, call)
    manager = signed_in(world, "programme_manager")
    manager.post(reverse("calls:decide", args=[application.pk, "decline"]), {"note": ""})
    application.refresh_from_db()
    assert application.status == CallApplication.Status.PENDING


@pytest.mark.parametrize("role", ["focal_point", "reviewer", "trainer", "no_role"])
def test_only_managers_see_applications_and_decide(world: World, role: str) -> None:
    call = make_call(world)
    application = apply(world, call)
    client = signed_in(world, role)
    assert client.get(reverse("calls:applications", args=[call.pk])).status_code == 403
    decide = client.post(reverse("calls:decide", args=[application.pk, "accept"]), {})
    assert decide.status_code == 404
    application.refresh_from_db()
    assert application.status == CallApplication.Status.PENDING


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("programme_manager", 200),
        ("reviewer", 200),
        ("admin", 200),
        ("focal_point", 403),
        ("trainer", 403),
        ("member", 403),
    ],
)
def test_the_cohort_is_for_managers_and_the_reviewers_of_its_countries(
    world: World, role: str, status: int
) -> None:
    call = make_call(world)
    assert signed_in(world, role).get(reverse("calls:cohort", args=[call.pk])).status_code == status


def test_a_reviewer_of_other_countries_does_not_see_the_cohort(world: World) -> None:
    call = make_call(world, programme=make_programme(world, countries=[world.el_salvador]))
    assert (
        signed_in(world, "reviewer").get(reverse("calls:cohort", args=[call.pk])).status_code == 403
    )
