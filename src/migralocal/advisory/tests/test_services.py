"""Technical assistance services: who may do what, and the rules each write keeps."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from migralocal.advisory import selectors, services
from migralocal.advisory.models import Recommendation
from migralocal.advisory.tests.builders import (
    a_theme,
    make_engagement,
    make_instrument,
    make_round,
    pdf,
)
from migralocal.core.models import TaxonomyTerm
from migralocal.core.tests.world import World
from migralocal.programmes.tests.builders import make_programme

pytestmark = pytest.mark.django_db

SEES = ("admin", "trainer", "focal_point", "programme_manager", "reviewer")
DOES_NOT_SEE = ("hub_staff", "other_hub_staff", "member", "mentor", "no_role")


@pytest.mark.parametrize("role", SEES)
def test_advisors_counterparts_managers_and_reviewers_see_the_engagement(
    world: World, role: str
) -> None:
    engagement = make_engagement(world)
    assert world.user(role).has_perm("advisory.view_engagement", engagement)
    assert engagement in selectors.visible_engagements(world.user(role))


@pytest.mark.parametrize("role", DOES_NOT_SEE)
def test_nobody_else_sees_it_not_even_other_members_of_the_government(
    world: World, role: str
) -> None:
    engagement = make_engagement(world)
    assert not world.user(role).has_perm("advisory.view_engagement", engagement)
    assert engagement not in selectors.visible_engagements(world.user(role))


def test_only_managers_of_the_programme_start_engagements(world: World) -> None:
    programme = make_programme(world, slug="otro", managers=[])
    with pytest.raises(PermissionDenied):
        services.engagement_create(
            actor=world.user("programme_manager"),
            programmes=[programme],
            slug="x",
            fields=services.EngagementFields(
                titles={"es": "X"},
                scopes={},
                organisation=world.el_progreso_municipality,
                requested_by="Alcaldía",
                starts_on=programme.starts_on,
            ),
        )


def test_an_engagement_is_with_a_government_and_its_counterparts_are_its_members(
    world: World,
) -> None:
    engagement = make_engagement(world)
    fields = services.EngagementFields(
        titles={"es": "Asesoría"},
        scopes={},
        organisation=world.mexican_cso,
        requested_by="Colectivo",
        starts_on=engagement.starts_on,
    )
    with pytest.raises(ValidationError):
        services.engagement_update(actor=world.user("admin"), engagement=engagement, fields=fields)
    with pytest.raises(ValidationError):
        services.engagement_people_set(
            actor=world.user("programme_manager"),
            engagement=engagement,
            advisors=[world.user("trainer")],
            counterparts=[world.user("member")],
        )
    with pytest.raises(ValidationError):
        services.engagement_people_set(
            actor=world.user("programme_manager"),
            engagement=engagement,
            advisors=[world.user("hub_staff")],
            counterparts=[],
        )


def test_advisors_keep_instruments_counterparts_do_not(world: World) -> None:
    engagement = make_engagement(world)
    instrument = make_instrument(world, engagement)
    assert str(instrument) == "PDM — Plan de desarrollo municipal"
    for role in ("focal_point", "reviewer", "hub_staff"):
        with pytest.raises(PermissionDenied):
            services.version_upload(actor=world.user(role), instrument=instrument, file=pdf())


def test_a_draft_must_be_what_its_name_says(world: World) -> None:
    instrument = make_instrument(world, make_engagement(world))
    fake = SimpleUploadedFile("borrador.pdf", b"not a pdf at all")
    with pytest.raises(ValidationError):
        services.version_upload(actor=world.user("trainer"), instrument=instrument, file=fake)
    script = SimpleUploadedFile("borrador.exe", b"MZ")
    with pytest.raises(ValidationError):
        services.version_upload(actor=world.user("trainer"), instrument=instrument, file=script)
    first = services.version_upload(actor=world.user("trainer"), instrument=instrument, file=pdf())
    second = services.version_upload(actor=world.user("trainer"), instrument=instrument, file=pdf())
    assert (first.number, second.number) == (1, 2)


def test_recommendations_are_numbered_and_frozen_once_the_round_is_sent(world: World) -> None:
    instrument = make_instrument(world, make_engagement(world))
    review_round = make_round(world, instrument, recommendations=2, sent=False)
    assert [r.code for r in review_round.recommendations.all()] == ["1.1", "1.2"]
    services.round_send(actor=world.user("trainer"), review_round=review_round)
    with pytest.raises(ValidationError):
        services.recommendation_add(
            actor=world.user("trainer"), review_round=review_round, texts={"es": "Otra"}
        )
    with pytest.raises(ValidationError):
        services.round_send(actor=world.user("trainer"), review_round=review_round)


def test_a_recommendation_is_written_in_spanish_with_shared_themes(world: World) -> None:
    instrument = make_instrument(world, make_engagement(world))
    review_round = make_round(world, instrument, recommendations=0, sent=False)
    with pytest.raises(ValidationError):
        services.recommendation_add(
            actor=world.user("trainer"), review_round=review_round, texts={"en": "Only English"}
        )
    other_theme = TaxonomyTerm.objects.exclude(
        taxonomy__code__in=("areas-of-work", "gcm-objectives", "migof-domains")
    ).first()
    assert other_theme is not None
    with pytest.raises(ValidationError):
        services.recommendation_add(
            actor=world.user("trainer"),
            review_round=review_round,
            texts={"es": "Texto"},
            themes=[other_theme],
        )
    with pytest.raises(ValidationError):
        services.round_send(actor=world.user("trainer"), review_round=review_round)


def test_only_a_counterpart_answers_and_only_once_the_round_is_sent(world: World) -> None:
    instrument = make_instrument(world, make_engagement(world))
    draft_round = make_round(world, instrument, recommendations=1, sent=False)
    waiting = draft_round.recommendations.get()
    answer = services.ResponseFields(response="accepted", section="Art. 12")
    with pytest.raises(ValidationError):
        services.recommendation_respond(
            actor=world.user("focal_point"), recommendation=waiting, fields=answer
        )
    services.round_send(actor=world.user("trainer"), review_round=draft_round)
    for role in ("trainer", "programme_manager", "reviewer", "hub_staff"):
        with pytest.raises(PermissionDenied):
            services.recommendation_respond(
                actor=world.user(role), recommendation=waiting, fields=answer
            )
    answered = services.recommendation_respond(
        actor=world.user("focal_point"), recommendation=waiting, fields=answer
    )
    assert answered.response == Recommendation.Response.ACCEPTED
    assert answered.responded_by == world.user("focal_point")
    assert answered.evidence_section == "Art. 12"


def test_an_adopted_recommendation_says_where_a_refused_one_says_why(world: World) -> None:
    instrument = make_instrument(world, make_engagement(world))
    recommendation = make_round(world, instrument, recommendations=1).recommendations.get()
    focal_point = world.user("focal_point")
    with pytest.raises(ValidationError):
        services.recommendation_respond(
            actor=focal_point,
            recommendation=recommendation,
            fields=services.ResponseFields(response="partly_accepted"),
        )
    with pytest.raises(ValidationError):
        services.recommendation_respond(
            actor=focal_point,
            recommendation=recommendation,
            fields=services.ResponseFields(response="not_accepted"),
        )
    other = make_instrument(world, recommendation.engagement)
    other_draft = services.version_upload(actor=world.user("trainer"), instrument=other, file=pdf())
    with pytest.raises(ValidationError):
        services.recommendation_respond(
            actor=focal_point,
            recommendation=recommendation,
            fields=services.ResponseFields(response="accepted", version=other_draft),
        )
    services.recommendation_respond(
        actor=focal_point,
        recommendation=recommendation,
        fields=services.ResponseFields(response="not_accepted", note="Fuera del alcance."),
    )
    recommendation.refresh_from_db()
    assert recommendation.response == "not_accepted"
    assert recommendation.evidence_section == ""


def test_figures_and_the_public_list_follow_the_governments_choice(world: World) -> None:
    engagement = make_engagement(world)
    instrument = make_instrument(world, engagement)
    first, second = make_round(world, instrument, recommendations=2).recommendations.all()
    services.recommendation_respond(
        actor=world.user("focal_point"),
        recommendation=first,
        fields=services.ResponseFields(response="accepted", link="https://example.org/plan"),
    )
    figures = selectors.figures_of(engagement)
    assert (figures.instruments, figures.recommendations, figures.answered, figures.adopted) == (
        1,
        2,
        1,
        1,
    )
    assert figures.share_adopted == 100
    assert list(selectors.adopted_recommendations(engagement)) == []
    with pytest.raises(PermissionDenied):
        services.engagement_publication_set(
            actor=world.user("trainer"), engagement=engagement, publish=True
        )
    services.engagement_publication_set(
        actor=world.user("focal_point"), engagement=engagement, publish=True
    )
    assert list(selectors.adopted_recommendations(engagement)) == [first]
    assert second not in selectors.adopted_recommendations(engagement)


def test_filters_choose_recommendations_by_response_priority_and_theme(world: World) -> None:
    engagement = make_engagement(world)
    first, _second = make_round(
        world, make_instrument(world, engagement), recommendations=2
    ).recommendations.all()
    services.recommendation_respond(
        actor=world.user("focal_point"),
        recommendation=first,
        fields=services.ResponseFields(response="accepted", section="Cap. 3"),
    )
    chosen = selectors.RecommendationFilter
    assert list(selectors.recommendations_of(engagement, chosen(response="accepted"))) == [first]
    assert selectors.recommendations_of(engagement, chosen(priority="low")).count() == 0
    assert selectors.recommendations_of(engagement, chosen(theme=a_theme().pk)).count() == 2
