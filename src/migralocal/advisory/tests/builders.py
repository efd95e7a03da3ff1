"""Technical assistance for tests, built through the services the pages use: an engagement
with El Progreso's municipality, advised by the trainer, answered by the focal point, in a
programme the programme manager manages."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from migralocal.advisory import services
from migralocal.advisory.models import Engagement, Instrument, Recommendation, ReviewRound
from migralocal.core.models import TaxonomyTerm
from migralocal.core.tests.world import World
from migralocal.programmes.models import Programme
from migralocal.programmes.tests.builders import make_programme


def pdf(name: str = "borrador.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 draft", content_type="application/pdf")


def make_engagement(
    world: World, *, slug: str = "el-progreso-plan", programme: Programme | None = None
) -> Engagement:
    programme = programme or make_programme(world, slug=f"programa-{slug}", is_public=False)
    return services.engagement_create(
        actor=world.user("admin"),
        programmes=[programme],
        slug=slug,
        fields=services.EngagementFields(
            titles={"es": "Asesoría al plan de El Progreso", "en": "Advice on El Progreso's plan"},
            scopes={"es": "Movilidad humana en el plan.", "en": ""},
            organisation=world.el_progreso_municipality,
            requested_by="Alcaldía, oficio 12/2025",
            starts_on=dt.date(2025, 3, 1),
            department="Planificación",
            status=Engagement.Status.ACTIVE,
        ),
        advisors=[world.user("trainer")],
        counterparts=[world.user("focal_point")],
    )


def make_instrument(world: World, engagement: Engagement) -> Instrument:
    return services.instrument_create(
        actor=world.user("trainer"),
        engagement=engagement,
        fields=services.InstrumentFields(
            names={"es": "Plan de desarrollo municipal", "en": "Municipal development plan"},
            kind=Instrument.Kind.PLAN,
            acronym="PDM",
            owner_department="Planificación",
        ),
    )


def a_theme() -> TaxonomyTerm:
    return TaxonomyTerm.objects.filter(taxonomy__code="migof-domains").order_by("pk")[0]


def make_round(
    world: World, instrument: Instrument, *, recommendations: int = 2, sent: bool = True
) -> ReviewRound:
    advisor = world.user("trainer")
    version = services.version_upload(actor=advisor, instrument=instrument, file=pdf())
    review_round = services.round_open(actor=advisor, instrument=instrument, version=version)
    for index in range(recommendations):
        services.recommendation_add(
            actor=advisor,
            review_round=review_round,
            texts={"es": f"Incluir a la población migrante ({index})", "en": f"Include ({index})"},
            priority=Recommendation.Priority.HIGH,
            themes=[a_theme()],
        )
    if sent:
        services.round_send(actor=advisor, review_round=review_round)
    return review_round
