"""Public pages and figures come from the shared cache until the data behind them changes."""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable
from functools import partial
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from migralocal.commitments import services as commitment_services
from migralocal.commitments.tests.builders import CommitmentBuilder, content
from migralocal.core import public_cache
from migralocal.core.tests.world import World
from migralocal.directory.tests.helpers import make_service, world_hubs

HUB_PAGE = "/{language}/directory/hubs/ventanilla-el-progreso/"


def hub_page(client: Client, language: str = "es") -> str:
    response = client.get(HUB_PAGE.format(language=language))
    assert response.status_code == 200
    return response.content.decode()


def test_a_public_page_is_served_from_the_cache_on_the_second_visit(
    world: World, django_assert_max_num_queries: Any
) -> None:
    world_hubs(world)
    client = Client()
    first = hub_page(client)
    with django_assert_max_num_queries(0):
        second = hub_page(client)
    assert "Ventanilla Municipal de Atención al Migrante" in second
    assert without_csrf_tokens(second) == without_csrf_tokens(first)


def test_a_page_stays_cached_while_the_cache_holds_many_other_entries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    """Translations of every country and taxonomy term share the cache: a few hundred other
    entries must not cull the versions the cached pages are checked against."""
    world_hubs(world)
    client = Client()
    hub_page(client)
    cache.set_many({f"another-entry:{number}": number for number in range(2_000)})
    with django_assert_max_num_queries(0):
        hub_page(client)


def test_each_language_has_its_own_cached_page(world: World) -> None:
    world_hubs(world)
    client = Client()
    hub_page(client, "es")
    english = hub_page(client, "en")
    assert "Migrant desk" in english
    assert 'lang="en"' in english
    assert 'lang="es"' in hub_page(client, "es")


def test_an_edit_through_a_service_invalidates_the_page(
    world: World, django_assert_max_num_queries: Any
) -> None:
    own, _other = world_hubs(world)
    client = Client()
    hub_page(client)
    with django_assert_max_num_queries(0):
        assert "Asesoría legal gratuita" not in hub_page(client)
    make_service(hub=own, name={"es": "Asesoría legal gratuita", "en": "Free legal advice"})
    assert "Asesoría legal gratuita" in hub_page(client)
    assert "Free legal advice" in hub_page(client, "en")


def queries_of(action: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def test_signed_in_people_always_get_a_fresh_page(world: World) -> None:
    world_hubs(world)
    hub_page(Client())
    client = Client()
    client.force_login(world.user("hub_staff"))
    page = hub_page(client)
    assert world.user("hub_staff").display_name in page
    assert queries_of(lambda: hub_page(client)) > 0  # rendered again: it reads the database


def without_csrf_tokens(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def csrf_input(page: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert found is not None
    return found[1]


def test_each_visitor_gets_their_own_csrf_token_in_a_cached_page(world: World) -> None:
    world_hubs(world)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_token = csrf_input(hub_page(first))
    second_token = csrf_input(hub_page(second))
    assert first_token != second_token
    # The cached form works for the second visitor: the language switcher accepts the token.
    response = second.post(
        "/i18n/setlang/",
        {"language": "en", "next": "/en/", "csrfmiddlewaretoken": second_token},
    )
    assert response.status_code == 302


def test_open_now_and_near_me_searches_are_never_cached(world: World) -> None:
    world_hubs(world)
    client = Client()
    for query in ("?open_now=on", "?lat=15.4&lon=-87.8&distance=25"):
        address = f"/es/directory/{query}"
        client.get(address)
        assert queries_of(partial(client.get, address)) > 0


def test_search_pages_are_cached_per_query_string(world: World) -> None:
    own, _other = world_hubs(world)
    make_service(hub=own, name={"es": "Asesoría legal", "en": "Legal advice"})
    client = Client()
    assert "Asesoría legal" in client.get("/es/directory/?q=asesoria").content.decode()
    assert "Asesoría legal" not in client.get("/es/directory/?q=vivienda").content.decode()


def test_commitments_list_and_feed_follow_moderation(
    world: World, django_assert_max_num_queries: Any
) -> None:
    build = CommitmentBuilder(world)
    commitment = build.verified(title="Ciudad acogedora para todas las personas")
    client = Client()
    for address in ("/es/commitments/", "/es/commitments/feed/"):
        assert "Ciudad acogedora" in client.get(address).content.decode()
        with django_assert_max_num_queries(0):
            client.get(address)
    commitment_services.commitment_update(
        commitment=commitment,
        content=content(
            title="Ciudad que acoge y protege",
            organisation=world.el_progreso_municipality,
        ),
        language="es",
    )
    for address in ("/es/commitments/", "/es/commitments/feed/"):
        page = client.get(address).content.decode()
        assert "Ciudad que acoge y protege" in page
        assert "Ciudad acogedora" not in page


def test_a_cached_figure_is_computed_once_until_its_module_changes(db: None) -> None:
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert public_cache.cached_figure(["learning"], "example", compute) == 1
    assert public_cache.cached_figure(["learning"], "example", compute) == 1
    public_cache.bump_sections(public_cache.sections_changed_by("core"))
    assert public_cache.cached_figure(["learning"], "example", compute) == 2


def test_changes_to_one_module_leave_the_others_cached(db: None) -> None:
    directory = public_cache.section_versions(["directory"])
    commitments = public_cache.section_versions(["commitments"])
    public_cache.bump_sections(public_cache.sections_changed_by("commitments"))
    assert public_cache.section_versions(["directory"]) == directory
    assert public_cache.section_versions(["commitments"]) != commitments


def test_signing_in_does_not_invalidate_public_pages(world: World) -> None:
    before = public_cache.section_versions(["directory"])
    Client().force_login(world.user("member"))  # a sign-in saves last_login
    user = world.user("member")
    user.save(update_fields=["last_login"])
    assert public_cache.section_versions(["directory"]) == before
    user.first_name = "Renamed"
    user.save()
    assert public_cache.section_versions(["directory"]) != before


# The API's public lists ----------------------------------------------------------------------


def service_names(response: Any) -> set[str]:
    return {service["name"] for service in response.json()["contents"]}


def test_a_public_api_list_is_served_from_the_cache_until_its_data_changes(
    world: World, django_assert_max_num_queries: Any
) -> None:
    hub, _other = world_hubs(world)
    make_service(hub=hub, name={"es": "Asesoría legal"})
    client = APIClient()
    first = client.get("/api/v1/services/", HTTP_ACCEPT_LANGUAGE="es")
    with django_assert_max_num_queries(0):
        again = client.get("/api/v1/services/", HTTP_ACCEPT_LANGUAGE="es")
    assert again.content == first.content
    assert again["Content-Type"] == "application/json"
    make_service(hub=hub, name={"es": "Clases de español"})
    fresh = client.get("/api/v1/services/", HTTP_ACCEPT_LANGUAGE="es")
    assert service_names(fresh) == service_names(first) | {"Clases de español"}


def test_signed_in_api_readers_are_never_served_from_the_cache(world: World) -> None:
    world_hubs(world)
    APIClient().get("/api/v1/hubs/")
    client = APIClient()
    client.force_authenticate(world.user("hub_staff"))
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/api/v1/hubs/").status_code == 200
    assert len(captured) > 0


def test_each_format_of_an_api_list_is_cached_on_its_own(world: World) -> None:
    world_hubs(world)
    client = APIClient()
    json_first = client.get("/api/v1/hubs/", HTTP_ACCEPT="application/json")
    html = client.get("/api/v1/hubs/", HTTP_ACCEPT="text/html")
    json_again = client.get("/api/v1/hubs/", HTTP_ACCEPT="application/json")
    assert html["Content-Type"].startswith("text/html")
    assert json_again["Content-Type"] == json_first["Content-Type"] == "application/json"
    assert json_again.json() == json_first.json()


def test_cached_api_lists_still_count_against_the_visitors_rate_limit(
    world: World, monkeypatch: Any
) -> None:
    world_hubs(world)
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": "9/minute"}
    )
    client = APIClient()
    statuses = [client.get("/api/v1/hubs/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_pages_and_the_api_are_compressed_for_clients_that_ask(world: World) -> None:
    """Weak connections: HTML and JSON go gzip-compressed, also when served from the cache."""
    world_hubs(world)
    client = Client()
    for address in (
        HUB_PAGE.format(language="es"),
        HUB_PAGE.format(language="es"),
        "/api/v1/hubs/",
    ):
        response = client.get(address, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200
        assert response["Content-Encoding"] == "gzip"
        assert len(gzip.decompress(response.content)) > len(response.content)
