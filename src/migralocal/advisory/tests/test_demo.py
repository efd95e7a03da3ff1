"""The demo's Quito engagement: PMDOT and PUGS reviewed in rounds, twenty recommendations with
a mix of responses, the adopted ones published (loading twice is checked for every table in
core's demo tests)."""

from __future__ import annotations

from collections import Counter

from django.test import Client

from migralocal.advisory import selectors
from migralocal.advisory.models import Engagement, Recommendation


def test_demo_has_quitos_pmdot_and_pugs_with_twenty_answered_recommendations(
    demo_db: None,
) -> None:
    engagement = Engagement.objects.get(slug="quito-pmdot-pugs")
    assert engagement.organisation.slug == "municipio-del-distrito-metropolitano-de-quito"
    assert engagement.programme.slug == "quito-asistencia-tecnica-y-formacion"
    assert sorted(engagement.instruments.values_list("acronym", flat=True)) == ["PMDOT", "PUGS"]
    rows = Recommendation.objects.filter(review_round__instrument__engagement=engagement)
    assert rows.count() == 20
    responses = Counter(rows.values_list("response", flat=True))
    assert set(responses) == set(Recommendation.Response.values)
    assert all(row.themes.exists() for row in rows)
    counterpart = engagement.counterparts.get()
    assert counterpart.memberships.filter(organisation=engagement.organisation).exists()
    assert not rows.exclude(response="pending").exclude(responded_by=counterpart).exists()
    figures = selectors.figures_of(engagement)
    assert (figures.instruments, figures.recommendations) == (2, 20)


def test_the_demo_public_page_shows_what_quito_adopted(demo_db: None) -> None:
    page = Client().get("/es/advisory/public/quito-pmdot-pugs/").content.decode()
    assert "Artículo 42, vivienda de interés social" in page
    assert "El catastro no recoge" not in page
