from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from migralocal.core.models import TaxonomyTerm
from migralocal.core.tests.world import World
from migralocal.directory import selectors
from migralocal.directory.selectors import Place, SearchCriteria
from migralocal.directory.tests.helpers import make_service, open_weekdays, world_hubs


@pytest.fixture
def listings(world: World):
    own, other = world_hubs(world)
    labour = TaxonomyTerm.objects.get(taxonomy__code="service-categories", code="labour-employment")
    health = TaxonomyTerm.objects.get(
        taxonomy__code="service-categories", code="mental-health-psychosocial"
    )
    work = make_service(
        hub=own,
        name={"es": "Orientación para trabajo en el extranjero", "en": "Guidance on work abroad"},
        description={"es": "Atención sobre contratación justa.", "en": "Fair recruitment."},
        needs=[labour],
        languages=["es", "en"],
    )
    care = make_service(
        hub=other,
        name={"es": "Primeros auxilios psicológicos", "en": "Psychological first aid"},
        needs=[health],
        languages=["es"],
    )
    return {"own": own, "other": other, "work": work, "care": care, "labour": labour}


def found(criteria: SearchCriteria, now: datetime | None = None) -> set[str]:
    return {str(service) for service in selectors.service_search(criteria, now)}


@pytest.mark.django_db
def test_text_search_ignores_accents_and_case(listings) -> None:
    work = {"Orientación para trabajo en el extranjero"}
    assert found(SearchCriteria(text="atencion")) == work
    assert found(SearchCriteria(text="ORIENTACIÓN")) == work
    assert found(SearchCriteria(text="psicologicos")) == {"Primeros auxilios psicológicos"}


@pytest.mark.django_db
def test_text_search_reads_both_languages(listings) -> None:
    assert found(SearchCriteria(text="first aid")) == {"Primeros auxilios psicológicos"}
    # The need's label counts too: "trabajo" is in "Trabajo y empleo".
    assert "Orientación para trabajo en el extranjero" in found(SearchCriteria(text="empleo"))


@pytest.mark.django_db
def test_search_by_need_country_municipality_and_language(listings, world: World) -> None:
    assert found(SearchCriteria(need=listings["labour"])) == {
        "Orientación para trabajo en el extranjero"
    }
    assert found(SearchCriteria(country=world.el_salvador)) == {"Primeros auxilios psicológicos"}
    assert found(SearchCriteria(municipality=world.el_progreso)) == {
        "Orientación para trabajo en el extranjero"
    }
    assert found(SearchCriteria(language="en")) == {"Orientación para trabajo en el extranjero"}


@pytest.mark.django_db
def test_near_me_orders_by_distance_and_limits_the_radius(listings) -> None:
    near_progreso = Place(15.41, -87.80, 25)
    results = list(selectors.service_search(SearchCriteria(near=near_progreso)))
    assert [str(s) for s in results] == ["Orientación para trabajo en el extranjero"]
    assert results[0].distance_km < 2
    everywhere = Place(15.41, -87.80, 500)
    ordered = [str(s) for s in selectors.service_search(SearchCriteria(near=everywhere))]
    assert ordered == [
        "Orientación para trabajo en el extranjero",
        "Primeros auxilios psicológicos",
    ]
    hubs = list(selectors.hub_search(SearchCriteria(near=everywhere)))
    assert [hub.slug for hub in hubs] == ["ventanilla-el-progreso", "punto-san-salvador"]


@pytest.mark.django_db
def test_open_now_reads_each_hubs_own_time_zone(listings) -> None:
    open_weekdays(listings["own"], time(8), time(16))
    open_weekdays(listings["other"], time(8), time(16))
    # Wednesday 15:30 in Honduras (UTC-6) is 21:30 UTC; El Salvador is also UTC-6.
    wednesday_afternoon = datetime(2025, 1, 8, 21, 30, tzinfo=UTC)
    assert len(found(SearchCriteria(open_now=True), wednesday_afternoon)) == 2
    saturday = wednesday_afternoon + timedelta(days=3)
    assert found(SearchCriteria(open_now=True), saturday) == set()
    evening = datetime(2025, 1, 9, 1, 0, tzinfo=UTC)  # Wednesday 19:00 local
    assert found(SearchCriteria(open_now=True), evening) == set()


@pytest.mark.django_db
def test_open_now_leaves_out_rules_no_longer_or_not_yet_in_force(listings) -> None:
    open_weekdays(listings["own"], time(8), time(16))
    open_weekdays(listings["other"], time(8), time(16))
    wednesday_afternoon = datetime(2025, 1, 8, 21, 30, tzinfo=UTC)
    listings["own"].schedules.update(valid_to=date(2024, 12, 31))  # last year's timetable
    listings["other"].schedules.update(valid_from=date(2025, 2, 1))  # from next month
    assert found(SearchCriteria(open_now=True), wednesday_afternoon) == set()
    listings["other"].schedules.update(valid_from=date(2025, 1, 8), valid_to=date(2025, 1, 8))
    assert len(found(SearchCriteria(open_now=True), wednesday_afternoon)) == 1
    listings["other"].schedules.update(freq="MONTHLY")  # shown as text, never computed
    assert found(SearchCriteria(open_now=True), wednesday_afternoon) == set()


@pytest.mark.django_db
def test_closed_hubs_and_defunct_services_stay_out_of_the_public_search(listings) -> None:
    listings["other"].status = "closed"
    listings["other"].save()
    assert found(SearchCriteria()) == {"Orientación para trabajo en el extranjero"}


@pytest.mark.django_db
def test_search_page_takes_the_text_as_q_and_filters(listings, client: Client) -> None:
    response = client.get("/es/directory/", {"q": "atencion"})
    assert response.status_code == 200
    assert "Orientación para trabajo en el extranjero" in response.content.decode()
    assert "Primeros auxilios" not in response.content.decode()
    near = client.get("/es/directory/", {"lat": "13.70", "lon": "-89.20", "distance": "10"})
    body = near.content.decode()
    assert "Primeros auxilios psicológicos" in body and "Orientación para trabajo" not in body
    assert client.get("/es/directory/", {"need": "labour-employment"}).status_code == 200


@pytest.mark.django_db
def test_search_page_lists_hubs_for_the_map_and_works_without_it(listings, client: Client) -> None:
    listing = client.get("/es/directory/").content.decode()
    assert "Ventanilla Municipal de Atención al Migrante" in listing
    assert 'id="map-points"' not in listing and "leaflet" not in listing  # the map on request
    body = client.get("/es/directory/", {"map": "1"}).content.decode()
    assert 'id="map-points"' in body and "ventanilla-el-progreso" in body
    assert "/static/directory/vendor/leaflet/leaflet.js" in body


@pytest.mark.django_db
def test_stale_listings_show_a_notice(listings, client: Client) -> None:
    work = listings["work"]
    work.assured_date = timezone.localdate() - timedelta(days=200)
    work.save()
    body = client.get(f"/es/directory/services/{work.pk}/").content.decode()
    assert "hace más de seis meses" in body
    fresh = client.get(f"/es/directory/services/{listings['care'].pk}/").content.decode()
    assert "hace más de seis meses" not in fresh
