"""The programme pages: who sees which programme, what belongs to it with counts, and how its
manager and the admins keep it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from migralocal.core.tests.world import World
from migralocal.directory.tests.helpers import make_hub
from migralocal.programmes.models import Programme
from migralocal.programmes.tests.builders import make_programme

pytestmark = pytest.mark.django_db


def signed_in(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def test_the_list_shows_public_programmes_to_visitors_and_private_ones_to_their_managers(
    world: World,
) -> None:
    make_programme(world)
    make_programme(world, slug="privado", is_public=False)
    url = reverse("programmes:list")

    visitor_page = Client().get(url).content.decode()
    manager_page = signed_in(world, "programme_manager").get(url).content.decode()
    trainer_page = signed_in(world, "trainer").get(url).content.decode()

    assert "/programmes/centros-de-informacion/" in visitor_page
    assert "/programmes/privado/" not in visitor_page
    assert "/programmes/privado/" in manager_page
    assert "/programmes/privado/" not in trainer_page


def test_a_private_programme_is_not_found_by_others(world: World) -> None:
    make_programme(world, slug="privado", is_public=False)
    url = reverse("programmes:detail", args=["privado"])
    assert Client().get(url).status_code == 404
    assert signed_in(world, "reviewer").get(url).status_code == 404
    assert signed_in(world, "programme_manager").get(url).status_code == 200


def test_the_detail_states_period_countries_donors_and_counts(world: World) -> None:
    programme = make_programme(world)
    hub = make_hub(
        operator=world.el_progreso_municipality, municipality=world.el_progreso, slug="v-uno"
    )
    programme.hubs.add(hub)

    page = Client().get(programme.get_absolute_url()).content.decode()

    assert "Centros de Información" in page
    assert "2024" in page and "2027" in page
    assert "Honduras" in page and "El Salvador" in page
    assert "Colectivo Caminos" in page  # the donor
    assert "Ventanilla v-uno" in page
    assert "(1)" in page


def test_the_manager_chooses_a_hub_from_a_filtered_list(world: World) -> None:
    programme = make_programme(world)
    hub = make_hub(
        operator=world.el_progreso_municipality, municipality=world.el_progreso, slug="v-dos"
    )
    client = signed_in(world, "programme_manager")
    url = reverse("programmes:activities", args=[programme.slug])

    offered = client.get(url, {"kind": "hubs", "q": "v-dos"}).content.decode()
    assert f'value="{hub.pk}"' in offered

    response = client.post(url, {"kind": "hubs", "q": "v-dos", "chosen": [str(hub.pk)]})
    assert response.status_code == 302
    assert list(programme.hubs.all()) == [hub]

    client.post(url, {"kind": "hubs", "q": "v-dos"})
    assert not programme.hubs.exists()


def test_another_role_may_not_choose(world: World) -> None:
    programme = make_programme(world)
    url = reverse("programmes:activities", args=[programme.slug])
    assert signed_in(world, "trainer").post(url, {"kind": "hubs"}).status_code == 403


def test_an_admin_creates_a_programme_on_its_page(world: World) -> None:
    client = signed_in(world, "admin")
    response = client.post(
        reverse("programmes:create"),
        {
            "name_es": "Proyecto M",
            "name_en": "Project M",
            "code_es": "PM",
            "code_en": "PM",
            "slug": "proyecto-m",
            "starts_on": "2021-01-01",
            "ends_on": "2023-12-31",
            "countries": [world.mexico.pk, world.honduras.pk],
            "budget": "1500000",
            "currency": "usd",
            "is_public": "on",
            "managers": [world.user("programme_manager").pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    programme = Programme.objects.get(slug="proyecto-m")
    assert programme.currency == "USD"
    assert list(programme.managers.all()) == [world.user("programme_manager")]


def test_the_manager_edits_the_period_but_not_the_managers(world: World) -> None:
    programme = make_programme(world)
    client = signed_in(world, "programme_manager")
    url = reverse("programmes:edit", args=[programme.slug])
    page = client.get(url).content.decode()
    assert 'name="managers"' not in page
    # The date pickers hold the programme's dates (ISO, whatever the page's language).
    assert 'type="date" name="starts_on" value="2024-01-01"' in page
    response = client.post(
        url,
        {
            "name_es": "Centros",
            "code_es": "C",
            "starts_on": "2024-01-01",
            "ends_on": "2029-12-31",
            "countries": [world.honduras.pk],
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.ends_on.year == 2029
    assert list(programme.managers.all()) == [world.user("programme_manager")]


@pytest.mark.parametrize(
    "kind",
    [
        "hubs",
        "events",
        "courses",
        "learning_paths",
        "mentoring_engagements",
        "assessments",
        "commitments",
    ],
)
def test_the_choice_page_searches_every_kind(world: World, kind: str) -> None:
    programme = make_programme(world)
    url = reverse("programmes:activities", args=[programme.slug])
    response = signed_in(world, "programme_manager").get(url, {"kind": kind, "q": "El"})
    assert response.status_code == 200


def test_an_unknown_kind_falls_back_to_hubs(world: World) -> None:
    programme = make_programme(world)
    url = reverse("programmes:activities", args=[programme.slug])
    response = signed_in(world, "programme_manager").get(url, {"kind": "nope"})
    assert response.status_code == 200
    assert response.context["kind"].code == "hubs"


def test_the_detail_reads_names_without_a_query_per_activity(
    world: World, django_assert_max_num_queries: Any
) -> None:
    programme = make_programme(world)
    for number in range(12):
        programme.hubs.add(
            make_hub(
                operator=world.el_progreso_municipality,
                municipality=world.el_progreso,
                slug=f"v-{number}",
            )
        )
    client = Client()
    client.get(programme.get_absolute_url())  # warms the session and menu caches
    # One query per kind of activity (nine kinds), however many activities of each.
    with django_assert_max_num_queries(24):
        page = client.get(programme.get_absolute_url()).content.decode()
    assert "Ventanilla v-11" in page
