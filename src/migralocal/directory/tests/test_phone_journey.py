"""The migrant's journey on the pages: need, place, a hub card to call, open now, empty results
that say why, a map only when asked for, and a language switch that a stale cookie cannot block."""

from __future__ import annotations

from datetime import time

import pytest
from django.test import Client, override_settings
from freezegun import freeze_time

from migralocal.core.models import TaxonomyTerm
from migralocal.core.tests.world import World
from migralocal.directory.tests.helpers import make_hub, make_service, open_weekdays, world_hubs
from migralocal.directory.views import HUB_PAGE_SIZE

# 2026-12-05 is a Saturday; 16:00 UTC is 10:00 in Honduras and El Salvador.
SATURDAY_MORNING = "2026-12-05 16:00:00+00:00"
FRIDAY_MORNING = "2026-12-04 16:00:00+00:00"


@pytest.fixture
def legal_aid_hubs(world: World):
    own, other = world_hubs(world)
    legal = TaxonomyTerm.objects.get(taxonomy__code="service-categories", code="legal-aid")
    make_service(hub=own, name={"es": "Asesoría migratoria gratuita"}, needs=[legal])
    make_service(hub=other, name={"es": "Consultorio jurídico"}, needs=[legal])
    open_weekdays(own, time(8), time(16))
    open_weekdays(other, time(8), time(16))
    return {"own": own, "other": other, "legal": legal}


@pytest.mark.django_db
def test_the_home_page_offers_one_button_per_need(legal_aid_hubs) -> None:
    page = Client().get("/es/").content.decode()
    assert 'href="/es/directory/?need=legal-aid"' in page
    assert "Asesoría jurídica" in page
    assert "htmx" not in page  # the journey's pages make no partial update


@pytest.mark.django_db
def test_a_need_then_a_place_lead_to_hub_cards_with_a_call_button(
    legal_aid_hubs, world: World
) -> None:
    client = Client()
    with freeze_time(FRIDAY_MORNING):
        chosen = client.get("/es/directory/", {"need": "legal-aid"})
        places = {area.name: query for area, _count, query in chosen.context["place_choices"]}
        assert set(places) == {world.el_progreso.name, world.san_salvador.name}
        results = client.get("/es/directory/" + places[world.el_progreso.name])
    page = results.content.decode()
    assert results.context["place_choices"] is None
    assert [hub.slug for hub in results.context["hub_page"]] == ["ventanilla-el-progreso"]
    assert 'href="tel:+50426470000"' in page
    assert "Llamar al +504 2647-0000" in page
    assert "Abierto ahora, hasta las 16:00" in page
    # The filters fold away once a search has run.
    assert '<details class="search-panel">' in page


@pytest.mark.django_db
def test_cards_and_hub_pages_say_when_a_closed_hub_opens_next(legal_aid_hubs) -> None:
    with freeze_time(SATURDAY_MORNING):
        search = Client().get("/es/directory/", {"need": "legal-aid"}).content.decode()
        hub = Client().get("/es/directory/hubs/ventanilla-el-progreso/").content.decode()
        english = Client().get("/en/directory/hubs/ventanilla-el-progreso/").content.decode()
    assert "Cerrado. Abre el lunes a las 8:00" in search
    assert "Cerrado. Abre el lunes a las 8:00" in hub
    assert "Closed. Opens on Monday at 8:00" in english


@pytest.mark.django_db
def test_a_page_saying_open_now_is_not_cached_past_closing_time(legal_aid_hubs) -> None:
    with freeze_time("2026-12-04 21:58:00+00:00"):  # 15:58 in Honduras: it closes at 16:00
        response = Client().get("/es/directory/", {"need": "legal-aid"})
    assert "private" in response["Cache-Control"]
    with freeze_time("2026-12-04 16:00:00+00:00"):
        response = Client().get("/es/directory/", {"need": "legal-aid", "q": "asesoria"})
    assert "private" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_nothing_open_now_says_why_when_it_opens_and_links_to_the_same_search(
    legal_aid_hubs,
) -> None:
    with freeze_time(SATURDAY_MORNING):
        response = Client().get("/es/directory/", {"need": "legal-aid", "open_now": "on"})
    page = response.content.decode()
    assert "Ningún centro que coincida con su búsqueda está abierto ahora." in page
    assert "Abre el lunes a las 8:00" in page
    assert 'href="?need=legal-aid"' in page  # the same search without "open now"
    assert "Ver los 2 centros, abiertos o cerrados" in page
    assert "menos palabras" not in page


@pytest.mark.django_db
def test_an_empty_search_offers_each_filter_that_emptied_it(legal_aid_hubs, world: World) -> None:
    health = TaxonomyTerm.objects.get(taxonomy__code="service-categories", code="health-care")
    response = Client().get(
        "/es/directory/", {"need": health.code, "municipality": world.el_progreso.pk}
    )
    page = response.content.decode()
    assert f'href="?municipality={world.el_progreso.pk}"' in page  # without the need
    assert "Ver 1 centro para cualquier necesidad" in page
    assert "menos palabras" not in page
    typed = Client().get("/es/directory/", {"q": "zzzz"}).content.decode()
    assert "Intente con menos palabras" in typed or "menos palabras" in typed


@pytest.mark.django_db
@pytest.mark.parametrize("tiles", ["", "https://tiles.example.org/{z}/{x}/{y}.png"])
def test_no_map_code_is_sent_unless_the_map_is_asked_for_and_tiles_exist(
    legal_aid_hubs, tiles: str
) -> None:
    with override_settings(MAP_TILE_URL=tiles):
        listing = Client().get("/es/directory/", {"need": "legal-aid"}).content.decode()
        with_map = Client().get("/es/directory/", {"need": "legal-aid", "map": "1"})
        hub = Client().get("/es/directory/hubs/ventanilla-el-progreso/").content.decode()
    assert "leaflet" not in listing and "leaflet" not in hub
    if tiles:
        assert "Ver en el mapa" in listing
        assert "leaflet.js" in with_map.content.decode()
    else:
        assert "El mapa no está disponible" in listing and "El mapa no está disponible" in hub
        assert "leaflet" not in with_map.content.decode()


@pytest.mark.django_db
def test_the_language_switch_works_with_a_stale_csrf_cookie(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "stale" * 6
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/es/directory/?need=legal-aid"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/directory/?need=legal-aid"


@pytest.mark.django_db
def test_hubs_beyond_the_first_page_are_counted_and_paged(world: World) -> None:
    for n in range(HUB_PAGE_SIZE + 1):
        make_hub(
            operator=world.el_progreso_municipality,
            municipality=world.el_progreso,
            slug=f"v-{n:02}",
        )
    first = Client().get("/es/directory/")
    assert first.context["hub_page"].paginator.count == HUB_PAGE_SIZE + 1
    assert len(first.context["hub_page"].object_list) == HUB_PAGE_SIZE
    assert "hubs_page=2" in first.content.decode()
    second = Client().get("/es/directory/", {"hubs_page": "2"})
    assert [hub.slug for hub in second.context["hub_page"]] == [f"v-{HUB_PAGE_SIZE:02}"]
