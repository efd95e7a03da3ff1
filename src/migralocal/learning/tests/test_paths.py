"""Learning paths: a person follows one without the self-assessment; My learning shows every
step with its title and progress; the catalogue's path cards are links."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from migralocal.core.tests.world import World
from migralocal.learning import selectors, services
from migralocal.learning.models import LessonCompletion, PathFollow
from migralocal.learning.tests.builders import make_course, make_path

pytestmark = pytest.mark.django_db


def signed_in(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def test_following_a_path_needs_no_self_assessment_and_happens_once(world: World) -> None:
    path = make_path("digital", ["digital-transformation"], [make_course(world.mexico, "a")])
    user = world.user("no_role")
    first = services.path_follow(path=path, user=user)
    assert services.path_follow(path=path, user=user) == first
    assessment, followed = selectors.my_paths(user)
    assert assessment is None
    assert [item.path for item in followed] == [path]
    services.path_stop_following(path=path, user=user)
    assert not PathFollow.objects.exists()


def test_each_step_has_its_course_and_the_learners_progress(world: World) -> None:
    started = make_course(world.mexico, "iniciado", lessons=3)
    waiting = make_course(world.mexico, "pendiente")
    path = make_path("finanzas", ["financial-sustainability"], [started, waiting])
    user = world.user("member")
    enrolment = services.course_enrol(course=started, user=user)
    first_lesson = selectors.lessons_of(started).first()
    assert first_lesson is not None
    LessonCompletion.objects.create(enrolment=enrolment, lesson=first_lesson)
    steps = selectors.step_progress_of(user, path)
    assert [(step.position, step.course) for step in steps] == [(1, started), (2, waiting)]
    assert steps[0].is_started and steps[0].percent == 33 and not steps[0].is_completed
    assert not steps[1].is_started and steps[1].percent == 0


def test_my_learning_shows_every_step_title_even_when_not_started(world: World) -> None:
    path = make_path(
        "ruta-propia",
        ["digital-transformation"],
        [make_course(world.mexico, "primero"), make_course(world.mexico, "segundo")],
    )
    services.path_follow(path=path, user=world.user("no_role"))
    page = signed_in(world, "no_role").get(reverse("learning:my_learning")).content.decode()
    assert "Ruta ruta-propia" in page
    assert "Curso primero</a>" in page and "Curso segundo</a>" in page
    assert "sin comenzar" in page
    # The original fault: a step not started rendered as an empty link and a lone "%".
    assert not re.search(r'<a href="[^"]*">\s*</a>', page)
    assert "· %" not in page


def test_catalogue_path_cards_link_to_the_path(world: World, client: Client) -> None:
    path = make_path("comunicacion", ["digital-transformation"], [make_course(world.mexico)])
    page = client.get(reverse("learning:catalogue")).content.decode()
    assert f'<a href="{path.get_absolute_url()}">Ruta comunicacion</a>' in page
    detail = client.get(path.get_absolute_url()).content.decode()
    assert "Curso course" in detail
    assert "Inicie sesión para seguir esta ruta." in detail


def test_a_signed_in_person_follows_and_stops_following_from_the_path_page(
    world: World, client: Client
) -> None:
    path = make_path("cuidados", ["organisational-adaptability"], [make_course(world.mexico)])
    url = path.get_absolute_url()
    assert client.post(url, {"action": "follow"}).status_code == 403
    assert not PathFollow.objects.exists()
    member = signed_in(world, "hub_staff")
    member.post(url, {"action": "follow"})
    assert PathFollow.objects.filter(user=world.user("hub_staff"), path=path).exists()
    assert "Dejar de seguir esta ruta" in member.get(url).content.decode()
    assert "Ruta cuidados" in member.get(reverse("learning:my_learning")).content.decode()
    member.post(url, {"action": "stop"})
    assert not PathFollow.objects.exists()


def test_an_unknown_path_is_not_found(client: Client) -> None:
    assert client.get(reverse("learning:path_detail", args=["no-existe"])).status_code == 404
