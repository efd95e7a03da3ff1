"""The engagements and their recommendations through the API, as each role reads them on the
pages: those who take part, manage or review read them; nobody else learns they exist."""

from __future__ import annotations

import pytest

from migralocal.advisory import services
from migralocal.advisory.models import Recommendation
from migralocal.advisory.tests.builders import make_engagement, make_instrument, make_round
from migralocal.advisory.tests.test_pages import OUTSIDERS, READERS
from migralocal.core.tests.api_helpers import client_for
from migralocal.core.tests.world import World

pytestmark = pytest.mark.django_db

ENGAGEMENTS = "/api/v1/advisory/engagements/"
RECOMMENDATIONS = "/api/v1/advisory/recommendations/"


@pytest.fixture
def answered(world: World) -> World:
    """An engagement with one instrument, a sent round of two recommendations, one accepted."""
    engagement = make_engagement(world)
    review_round = make_round(world, make_instrument(world, engagement))
    first = review_round.recommendations.order_by("number")[0]
    services.recommendation_respond(
        actor=world.user("focal_point"),
        recommendation=first,
        fields=services.ResponseFields(
            response=Recommendation.Response.ACCEPTED, section="Artículo 4"
        ),
    )
    return world


def test_those_who_take_part_read_the_engagement_with_its_figures(answered: World) -> None:
    for role in READERS:
        client = client_for(answered, role)
        listing = client.get(ENGAGEMENTS)
        assert listing.status_code == 200, role
        assert [row["slug"] for row in listing.json()["results"]] == ["el-progreso-plan"], role
        detail = client.get(f"{ENGAGEMENTS}el-progreso-plan/").json()
        assert detail["organisation"] == answered.el_progreso_municipality.slug
        assert detail["instruments"][0]["acronym"] == "PDM"
        assert detail["figures"] == {
            "instruments": 1,
            "recommendations": 2,
            "answered": 1,
            "adopted": 1,
            "share_adopted": 100,
        }
        assert "no-store" in listing["Cache-Control"], role


def test_nobody_else_learns_the_engagement_exists(answered: World) -> None:
    for role in OUTSIDERS:
        client = client_for(answered, role)
        assert client.get(ENGAGEMENTS).json()["results"] == [], role
        assert client.get(f"{ENGAGEMENTS}el-progreso-plan/").status_code == 404, role
        assert client.get(RECOMMENDATIONS).json()["results"] == [], role
    assert client_for(answered, "anonymous").get(ENGAGEMENTS).status_code in {401, 403}


def test_recommendations_come_with_the_governments_response_and_filter(answered: World) -> None:
    client = client_for(answered, "reviewer")
    everything = client.get(RECOMMENDATIONS, {"engagement": "el-progreso-plan"}).json()
    assert [row["number"] for row in everything["results"]] == [1, 2]
    accepted = client.get(RECOMMENDATIONS, {"response": "accepted"}).json()["results"]
    assert len(accepted) == 1
    assert accepted[0]["evidence_section"] == "Artículo 4"
    assert accepted[0]["translations"]["es"]["text"].startswith("Incluir a la población")
    assert accepted[0]["round"] == 1 and accepted[0]["sent_on"] is not None
