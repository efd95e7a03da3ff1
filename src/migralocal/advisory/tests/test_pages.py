"""The technical assistance pages: who opens which, and an advisor's round of recommendations
answered by the government's counterpart, as they do it in the browser."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from migralocal.advisory.models import Recommendation
from migralocal.advisory.tests.builders import (
    a_theme,
    make_engagement,
    make_instrument,
    make_round,
    pdf,
)
from migralocal.core.tests.world import World

pytestmark = pytest.mark.django_db

READERS = ("admin", "trainer", "focal_point", "programme_manager", "reviewer")
OUTSIDERS = ("hub_staff", "other_hub_staff", "member", "mentor", "no_role")


def signed_in(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def test_each_role_sees_the_engagement_pages_it_takes_part_in(world: World) -> None:
    engagement = make_engagement(world)
    instrument = make_instrument(world, engagement)
    review_round = make_round(world, instrument, recommendations=1)
    version = review_round.version
    assert version is not None
    urls = [
        engagement.get_absolute_url(),
        instrument.get_absolute_url(),
        reverse("advisory:recommendations", args=[engagement.slug]),
        reverse("advisory:version", args=[version.pk]),
    ]
    for role in READERS:
        client = signed_in(world, role)
        for url in urls:
            assert client.get(url).status_code == 200, (role, url)
    for role in OUTSIDERS:
        client = signed_in(world, role)
        for url in urls:
            assert client.get(url).status_code == 404, (role, url)
        page = client.get(reverse("advisory:list")).content.decode()
        assert engagement.get_absolute_url() not in page
    assert Client().get(urls[0]).status_code == 302


def test_the_list_shows_an_engagement_to_those_who_take_part(world: World) -> None:
    engagement = make_engagement(world)
    for role in READERS:
        page = signed_in(world, role).get(reverse("advisory:list")).content.decode()
        assert engagement.get_absolute_url() in page, role


def test_an_advisor_records_a_round_and_the_counterpart_answers_it(world: World) -> None:
    engagement = make_engagement(world)
    advisor = signed_in(world, "trainer")
    response = advisor.post(
        reverse("advisory:instrument_create", args=[engagement.slug]),
        {
            "name_es": "Plan de Uso y Gestión del Suelo",
            "kind": "plan",
            "acronym": "PUGS",
            "stage": "drafting",
        },
    )
    instrument = engagement.instruments.get()
    assert response["Location"] == instrument.get_absolute_url()
    advisor.post(reverse("advisory:version_add", args=[instrument.pk]), {"file": pdf()})
    version = instrument.versions.get()
    advisor.post(reverse("advisory:round_add", args=[instrument.pk]), {"version": version.pk})
    review_round = instrument.rounds.get()
    advisor.post(
        reverse("advisory:recommendation_create", args=[review_round.pk]),
        {
            "text_es": "Incluir la movilidad humana en el diagnóstico.",
            "text_en": "Include human mobility in the diagnosis.",
            "priority": "high",
            "themes": [a_theme().pk],
        },
    )
    recommendation = review_round.recommendations.get()
    respond_url = reverse("advisory:recommendation_respond", args=[recommendation.pk])
    counterpart = signed_in(world, "focal_point")
    # Before the round is sent the counterpart's answer is refused, with the reason.
    early = counterpart.post(respond_url, {"response": "accepted", "evidence_section": "Art. 4"})
    assert "aún no fueron enviadas" in early.content.decode()
    advisor.post(reverse("advisory:round_send", args=[review_round.pk]))
    assert advisor.get(respond_url).status_code == 403
    answered = counterpart.post(
        respond_url,
        {
            "response": "partly_accepted",
            "evidence_section": "Art. 4",
            "evidence_version": version.pk,
        },
    )
    assert answered.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.response == Recommendation.Response.PARTLY_ACCEPTED
    assert recommendation.responded_by == world.user("focal_point")
    page = advisor.get(instrument.get_absolute_url()).content.decode()
    assert "Art. 4" in page


def test_only_advisors_and_managers_add_instruments_and_only_managers_edit(world: World) -> None:
    engagement = make_engagement(world)
    add = reverse("advisory:instrument_create", args=[engagement.slug])
    edit = reverse("advisory:edit", args=[engagement.slug])
    assert signed_in(world, "trainer").get(add).status_code == 200
    assert signed_in(world, "programme_manager").get(add).status_code == 200
    assert signed_in(world, "focal_point").get(add).status_code == 403
    assert signed_in(world, "reviewer").get(add).status_code == 403
    assert signed_in(world, "programme_manager").get(edit).status_code == 200
    assert signed_in(world, "trainer").get(edit).status_code == 403


def test_a_manager_starts_an_engagement_for_a_programme_they_manage(world: World) -> None:
    from migralocal.programmes.tests.builders import make_programme

    programme = make_programme(world, slug="gobernanza", is_public=False)
    manager = signed_in(world, "programme_manager")
    response = manager.post(
        reverse("advisory:create"),
        {
            "slug": "progreso-2026",
            "programmes": [programme.pk],
            "title_es": "Asesoría 2026",
            "organisation": world.el_progreso_municipality.pk,
            "requested_by": "Alcaldía",
            "starts_on": "2026-01-15",
            "status": "active",
            "advisors": [world.user("trainer").pk],
            "counterparts": [world.user("focal_point").pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert signed_in(world, "trainer").get(response["Location"]).status_code == 200
    assert signed_in(world, "trainer").get(reverse("advisory:create")).status_code == 403


def test_the_public_page_shows_only_adopted_recommendations_once_the_government_opts_in(
    world: World,
) -> None:
    engagement = make_engagement(world)
    instrument = make_instrument(world, engagement)
    adopted, refused = make_round(world, instrument, recommendations=2).recommendations.all()
    counterpart = signed_in(world, "focal_point")
    for recommendation, answer in (
        (adopted, {"response": "accepted", "evidence_section": "Capítulo 7"}),
        (refused, {"response": "not_accepted", "response_note": "Sin presupuesto."}),
    ):
        counterpart.post(
            reverse("advisory:recommendation_respond", args=[recommendation.pk]), answer
        )
    public = reverse("advisory:public", args=[engagement.slug])
    assert Client().get(public).status_code == 404
    assert (
        signed_in(world, "trainer")
        .post(reverse("advisory:publication", args=[engagement.slug]), {"publish": "yes"})
        .status_code
        == 403
    )
    counterpart.post(reverse("advisory:publication", args=[engagement.slug]), {"publish": "yes"})
    page = Client().get(public).content.decode()
    assert "Capítulo 7" in page
    assert "Sin presupuesto" not in page
    assert "Incluir a la población migrante (1)" not in page
    assert "/drafts/" not in page


def test_an_advisor_edits_a_recommendation_only_while_its_round_is_open(world: World) -> None:
    instrument = make_instrument(world, make_engagement(world))
    review_round = make_round(world, instrument, recommendations=1, sent=False)
    recommendation = review_round.recommendations.get()
    url = reverse("advisory:recommendation_edit", args=[recommendation.pk])
    advisor = signed_in(world, "trainer")
    assert signed_in(world, "focal_point").get(url).status_code == 403
    advisor.post(url, {"text_es": "Texto corregido", "priority": "low"})
    recommendation.refresh_from_db()
    assert (recommendation.text, recommendation.priority) == ("Texto corregido", "low")
    advisor.post(reverse("advisory:round_send", args=[review_round.pk]))
    late = advisor.post(url, {"text_es": "Otro texto", "priority": "high"})
    assert "ya no cambian" in late.content.decode()
    recommendation.refresh_from_db()
    assert recommendation.text == "Texto corregido"


def test_an_advisor_moves_an_instrument_to_its_next_stage(world: World) -> None:
    instrument = make_instrument(world, make_engagement(world))
    url = reverse("advisory:instrument_edit", args=[instrument.pk])
    assert signed_in(world, "reviewer").get(url).status_code == 403
    signed_in(world, "trainer").post(
        url,
        {"name_es": "Plan de desarrollo", "kind": "plan", "acronym": "PDM", "stage": "adopted"},
    )
    instrument.refresh_from_db()
    assert instrument.stage == "adopted"


def test_editing_keeps_an_advisor_who_holds_no_programme_role(world: World) -> None:
    from migralocal.advisory import services

    engagement = make_engagement(world)
    services.engagement_people_set(
        actor=world.user("admin"),
        engagement=engagement,
        advisors=[world.user("no_role")],
        counterparts=[world.user("focal_point")],
    )
    response = signed_in(world, "programme_manager").post(
        reverse("advisory:edit", args=[engagement.slug]),
        {
            "title_es": "Asesoría al plan",
            "organisation": world.el_progreso_municipality.pk,
            "requested_by": "Alcaldía",
            "starts_on": "2025-03-01",
            "status": "completed",
            "advisors": [world.user("no_role").pk],
            "counterparts": [world.user("focal_point").pk],
        },
    )
    assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.status == "completed"
    assert list(engagement.advisors.all()) == [world.user("no_role")]
