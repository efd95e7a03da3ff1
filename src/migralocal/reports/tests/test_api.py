"""The results figures through the API: public ones for anyone, the dashboard's with a token and
the page's rules."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from migralocal.consultations.suppression import TOTAL, cell_identity, rounded_count
from migralocal.core import services
from migralocal.core.tests.world import ROLE_NAMES, World
from migralocal.reports.tests.builders import build_programme

pytestmark = pytest.mark.django_db

PUBLIC = "/api/v1/reports/public/"
DASHBOARD = "/api/v1/reports/dashboard/"
READERS = {"admin", "reviewer", "programme_manager"}


def token_client(world: World, role: str | None) -> APIClient:
    client = APIClient()
    if role is not None:
        key = services.api_token_create(user=world.user(role)).key
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def indicator(body: dict, key: str) -> dict:
    return next(item for item in body["indicators"] if item["key"] == key)


def test_who_may_read_the_dashboard_and_the_public_figures(world: World) -> None:
    for role in [None, *ROLE_NAMES]:
        client = token_client(world, role)
        response = client.get(DASHBOARD, {"year": "2026"})
        if role in READERS:
            assert response.status_code == 200, role
            # The whole region is read in full only by whoever covers all of it.
            assert response.json()["suppressed"] is (role != "admin"), role
            own = client.get(DASHBOARD, {"country": "HN", "year": "2026"})
            assert own.json()["suppressed"] is False, role
        else:
            assert response.status_code in {401, 403}, role
            assert response["Content-Type"] == "application/problem+json"
        public = client.get(PUBLIC, {"year": "2026"})
        assert public.status_code == 200, role
        assert public.json()["suppressed"] is True


def test_the_dashboard_figures_match_the_page_and_keep_to_the_readers_countries(
    world: World,
) -> None:
    build_programme(world)
    reviewer = token_client(world, "reviewer")  # Honduras only
    body = reviewer.get(DASHBOARD, {"country": "HN", "year": "2026"}).json()
    trained = indicator(body, "people_trained")
    assert trained["total"] == {"value": 7, "display": "7", "rounded": False}
    gender = {row["label"]: row["count"]["value"] for row in trained["breakdowns"][0]["rows"]}
    assert gender["Mujer"] == 4
    assert indicator(body, "referrals")["share"] == 50.0
    refused = reviewer.get(DASHBOARD, {"country": "SV", "year": "2026"})
    assert refused.status_code == 400
    # The whole region is the same region as on the public figures, protected for a reader who
    # does not cover all of it.
    region = reviewer.get(DASHBOARD, {"year": "2026"}).json()
    public = APIClient().get(PUBLIC, {"year": "2026"}).json()
    assert region["countries"] == public["countries"] == ["HN", "MX", "SV"]
    assert region["suppressed"] is True
    assert indicator(region, "consultations") == indicator(public, "consultations")


def test_the_public_figures_hide_small_counts_and_round_the_rest(world: World) -> None:
    build_programme(world)
    body = APIClient().get(PUBLIC, {"country": "HN", "year": "2026", "quarter": "1"}).json()
    trained = indicator(body, "people_trained")
    published = rounded_count(6, cell_identity("reports.people_trained", TOTAL))
    assert published in {5, 10}
    assert trained["total"] == {"value": published, "display": str(published), "rounded": True}
    gender = {row["label"]: row["count"] for row in trained["breakdowns"][0]["rows"]}
    assert gender["Hombre"] == {"value": None, "display": "<5", "rounded": False}
    assert body["start"] == "2026-01-01" and body["end"] == "2026-03-31"


def test_a_bad_query_is_a_problem_not_an_error(world: World) -> None:
    response = APIClient().get(PUBLIC, {"year": "nineteen", "quarter": 9})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
