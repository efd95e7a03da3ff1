"""The pages a visitor or member touches: home, organisations, landing, language, errors, admin."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from migralocal.core.tests.factories import PASSWORD
from migralocal.core.tests.world import World


def client_for(world: World, role: str | None) -> Client:
    client = Client()
    if role:
        client.force_login(world.user(role))  # sign-in itself: core/tests/test_accounts.py
    return client


def test_root_redirects_to_a_language(client: Client) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_home_shows_live_counts_in_spanish(client: Client, world: World) -> None:
    response = client.get("/es/")
    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="es">' in content
    assert "Lo que ofrece la plataforma" in content
    # Public organisations: two municipalities and one civil-society organisation.
    assert response.context["counts"] == {"organisations": 3, "municipalities": 2, "countries": 3}
    assert 'data-count="organisations">3<' in content


def test_home_in_english(client: Client, world: World) -> None:
    content = client.get("/en/").content.decode()
    assert '<html lang="en">' in content
    assert "What the platform offers" in content


def test_organisation_list_hides_private_ones_from_visitors(client: Client, world: World) -> None:
    names = [org.name for org in client.get("/es/organisations/").context["page"]]
    assert "Red Discreta" not in names
    assert "Colectivo Caminos" in names


def test_organisation_list_filters_by_country(client: Client, world: World) -> None:
    response = client.get("/es/organisations/", {"country": world.mexico.pk})
    assert [org.name for org in response.context["page"]] == ["Colectivo Caminos"]


def test_private_organisation_is_not_found_for_visitors(client: Client, world: World) -> None:
    assert client.get("/es/organisations/red-discreta/").status_code == 404


def test_reviewer_of_the_country_sees_private_organisation(world: World) -> None:
    response = client_for(world, "reviewer").get("/es/organisations/red-discreta/")
    assert response.status_code == 200


def test_programme_page_lists_private_organisations_of_covered_countries(world: World) -> None:
    response = client_for(world, "reviewer").get("/es/programme/organisations/")
    names = {org.name for org in response.context["page"]}
    assert names == {"Municipalidad de El Progreso", "Red Discreta"}


def test_programme_page_refuses_organisation_roles(world: World) -> None:
    assert client_for(world, "hub_staff").get("/es/programme/organisations/").status_code == 403


@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 302), ("hub_staff", 403), ("member", 403), ("focal_point", 200), ("admin", 200)],
)
def test_editing_a_municipal_profile(world: World, role: str | None, status: int) -> None:
    response = client_for(world, role).get("/es/organisations/municipalidad-el-progreso/edit/")
    assert response.status_code == status


def test_focal_point_saves_the_profile_in_the_current_language(world: World) -> None:
    client = client_for(world, "focal_point")
    response = client.post(
        "/en/organisations/municipalidad-el-progreso/edit/",
        {"description": "Runs a migrant help desk.", "website": "", "email": "", "is_public": "on"},
    )
    assert response.status_code == 302
    organisation = world.el_progreso_municipality
    organisation.refresh_from_db()
    assert organisation.safe_translation_getter("description", language_code="en") == (
        "Runs a migrant help desk."
    )
    assert organisation.safe_translation_getter("description", language_code="es") == (
        "Gobierno municipal de El Progreso."
    )


def test_bad_profile_input_is_reported_beside_the_field(world: World) -> None:
    client = client_for(world, "focal_point")
    response = client.post(
        "/es/organisations/municipalidad-el-progreso/edit/",
        {"description": "x", "website": "not a web address", "email": "nope"},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"website", "email"}
    assert "Introduzca una dirección de correo electrónico válida." in response.content.decode()


def test_missing_translation_falls_back_and_says_so(client: Client, world: World) -> None:
    content = client.get("/en/organisations/municipalidad-el-progreso/").content.decode()
    assert "Gobierno municipal de El Progreso." in content
    assert "it is shown in español" in content


def test_landing_lists_the_roles_and_tasks_of_the_user(world: World) -> None:
    response = client_for(world, "focal_point").get("/es/me/")
    content = response.content.decode()
    assert "Punto focal municipal" in content
    task_urls = {task.url_name for task in response.context["tasks"]}
    assert {"core:my_organisations", "core:organisation_list", "mfa_index"} <= task_urls
    assert "core:programme_organisations" not in task_urls
    assert "admin:index" not in task_urls
    with translation.override("es"):
        assert reverse("core:my_organisations") in content


def test_landing_needs_sign_in(client: Client) -> None:
    response = client.get("/es/me/")
    assert response.status_code == 302
    assert response["Location"].startswith("/es/accounts/login/")


@pytest.mark.parametrize(
    ("role", "present", "absent"),
    [
        (None, "/es/accounts/login/", "/es/me/"),
        ("reviewer", "/es/programme/organisations/", "/admin/"),
        ("focal_point", "/es/me/organisations/", "/es/programme/organisations/"),
        ("hub_staff", "/es/me/", "/es/me/organisations/"),
        ("admin", "/admin/", "/es/accounts/login/"),
    ],
)
def test_menu_follows_the_role(world: World, role: str | None, present: str, absent: str) -> None:
    content = client_for(world, role).get("/es/").content.decode()
    assert f'href="{present}"' in content
    assert f'href="{absent}"' not in content


def test_switching_language_is_remembered_on_the_account(world: World) -> None:
    client = client_for(world, "member")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/es/organisations/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/organisations/"
    assert response.cookies["migralocal_language"].value == "en"
    member = world.user("member")
    member.refresh_from_db()
    assert member.preferred_language == "en"


def test_sign_in_opens_in_the_remembered_language(world: World) -> None:
    member = world.user("member")
    member.preferred_language = "en"
    member.save()
    response = Client().post("/es/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/en/me/"


@pytest.mark.parametrize(
    ("language", "text"),
    [("es", "No encontramos esa página"), ("en", "We could not find that page")],
)
def test_not_found_page_is_translated(client: Client, language: str, text: str) -> None:
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    assert text in response.content.decode()


def test_forbidden_page_is_translated(world: World) -> None:
    response = client_for(world, "hub_staff").get("/es/programme/organisations/")
    assert "No tiene acceso a esta página" in response.content.decode()


def test_server_error_page_is_translated(rf: RequestFactory) -> None:
    from django.views.defaults import server_error

    with translation.override("es"):
        response = server_error(rf.get("/es/"))
    assert response.status_code == 500
    assert "Algo salió mal" in response.content.decode()


@pytest.mark.parametrize(("role", "status"), [("admin", 200), ("reviewer", 302), (None, 302)])
def test_admin_is_for_platform_admins(world: World, role: str | None, status: int) -> None:
    assert client_for(world, role).get("/admin/").status_code == status


def test_admin_has_translation_tabs(world: World) -> None:
    response = client_for(world, "admin").get(
        f"/admin/core/organisation/{world.mexican_cso.pk}/change/?language=en"
    )
    assert response.status_code == 200
    assert 'class="parler-language-tabs' in response.content.decode()


@pytest.mark.parametrize(
    ("role", "sees_members"),
    [(None, False), ("member", False), ("hub_staff", True), ("programme_manager", True)],
)
def test_people_of_an_organisation_are_shown_only_to_those_allowed(
    world: World, role: str | None, sees_members: bool
) -> None:
    content = client_for(world, role).get("/es/organisations/municipalidad-el-progreso/")
    assert ("Personas y roles" in content.content.decode()) is sees_members
