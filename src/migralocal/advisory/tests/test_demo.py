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
    assert [one.slug for one in engagement.programmes.all()] == [
        "quito-asistencia-tecnica-y-formacion"
    ]
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


def test_demo_plan_links_the_three_trainings_of_quitos_agencies(demo_db: None) -> None:
    from migralocal.advisory import figures
    from migralocal.advisory.models import PlanActivity
    from migralocal.reports.selectors import DateRange, ReportScope

    engagement = Engagement.objects.get(slug="quito-pmdot-pugs")
    plan = selectors.plan_of(engagement)
    kinds = Counter(activity.kind for activity in plan["activities"])
    assert kinds[PlanActivity.Kind.REVIEW_MEETING] >= 2 and kinds[PlanActivity.Kind.WORKSHOP] >= 2
    attendance = {
        training.activity.event.slug: training.figures.attendees for training in plan["trainings"]
    }
    assert attendance == {
        "capacitacion-agencia-metropolitana-de-control": 210,
        "capacitacion-secretaria-de-territorio-habitat-y-vivienda": 50,
        "capacitacion-secretaria-de-inclusion-social": 32,
    }
    assert len(plan["timeline"]["bars"]) == len(plan["activities"])
    programme = engagement.programmes.get()
    scope = ReportScope(
        countries=(engagement.organisation.country,),
        period=DateRange(programme.starts_on, programme.ends_on),
        programme=programme,
    )
    raw = {one.key: one for one in figures.indicators(scope)}
    trained = raw["advisory_officials_trained"]
    assert trained.total == 292
    women = dict(zip(trained.series[0].keys, trained.series[0].counts, strict=True))["woman"]
    assert women == 149
    agencies = dict(zip(trained.series[1].keys, trained.series[1].counts, strict=True))
    assert agencies["Agencia Metropolitana de Control"] == 210
    assert raw["advisory_recommendations"].total >= 15
    page = Client()
    page.force_login(engagement.advisors.get())
    text = page.get(f"/es/advisory/{engagement.slug}/plan/").content.decode()
    assert "Agencia Metropolitana de Control" in text
