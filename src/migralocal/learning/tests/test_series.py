"""Event series: the demo's virtual meetings and summits are series with a public page that
lists their events and offers the follow form; a series that is not public has no page."""

from __future__ import annotations

import pytest
from django.test import Client

from migralocal.core.tests.world import World
from migralocal.learning import series as series_services
from migralocal.learning.models import Event, EventSeries
from migralocal.learning.tests.builders import make_event


def test_the_demo_puts_its_virtual_meetings_and_summits_in_series(demo_db: None) -> None:
    meetings = EventSeries.objects.get(slug="encuentros-virtuales")
    summits = EventSeries.objects.get(slug="cumbres")
    assert meetings.events.count() == Event.objects.filter(kind="virtual_meeting").count() >= 21
    assert summits.events.count() == Event.objects.filter(kind="summit").count() >= 2
    page = Client().get("/es/learning/series/cumbres/").content.decode()
    assert "Cumbres de la comunidad" in page
    assert "Seguir esta serie por correo electrónico" in page
    english = Client().get("/en/learning/series/cumbres/").content.decode()
    assert "The community&#x27;s summits" in english


@pytest.mark.django_db
def test_a_series_that_is_not_public_has_no_page_and_lists_only_public_events(
    world: World,
) -> None:
    series = series_services.series_create(slug="internas", names={"es": "Reuniones internas"})
    public = make_event(world.honduras, slug="abierta")
    private = make_event(world.honduras, slug="cerrada", is_public=False)
    for event in (public, private):
        series_services.event_add_to_series(event=event, series=series)
    page = Client().get("/es/learning/series/internas/").content.decode()
    assert "Evento abierta" in page
    assert "Evento cerrada" not in page
    EventSeries.objects.filter(pk=series.pk).update(is_public=False)
    assert Client().get("/es/learning/series/internas/").status_code == 404


@pytest.mark.django_db
def test_an_event_page_links_to_its_series_while_the_series_is_public(world: World) -> None:
    series = series_services.series_create(slug="encuentros", names={"es": "Encuentros"})
    event = make_event(world.honduras, slug="encuentro-1")
    alone = make_event(world.honduras, slug="sin-serie")
    series_services.event_add_to_series(event=event, series=series)
    page = Client().get(event.get_absolute_url()).content.decode()
    assert "Forma parte de la serie" in page
    assert f'href="{series.get_absolute_url()}"' in page
    assert Client().get(series.get_absolute_url()).status_code == 200
    assert "Forma parte de la serie" not in Client().get(alone.get_absolute_url()).content.decode()
    EventSeries.objects.filter(pk=series.pk).update(is_public=False)
    assert "Forma parte de la serie" not in Client().get(event.get_absolute_url()).content.decode()
