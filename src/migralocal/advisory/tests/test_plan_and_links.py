"""Technical assistance joined to the rest: an engagement of several programmes, its plan of
activities on the work plan's timeline with the trainings' attendance, recommendations that
become work-plan actions and actions that point to the engagement, its figures as report
indicators, and responses through the API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from migralocal.advisory import figures, selectors, services
from migralocal.advisory.models import Engagement, PlanActivity, Recommendation
from migralocal.advisory.tests.builders import make_engagement, make_instrument, make_round
from migralocal.advisory.tests.test_pages import OUTSIDERS, signed_in
from migralocal.assessments import services as assessment_services
from migralocal.assessments.models import Action, Assessment, Stage
from migralocal.assessments.tests.helpers import round_at
from migralocal.core.tests.api_helpers import client_for
from migralocal.core.tests.world import World
from migralocal.learning.models import Event, Registration
from migralocal.learning.tests.builders import make_event
from migralocal.programmes import selectors as programme_selectors
from migralocal.programmes import services as programme_services
from migralocal.programmes.models import KINDS_BY_CODE, model_of
from migralocal.programmes.tests.builders import make_programme
from migralocal.reports import presentation
from migralocal.reports.selectors import DateRange, ReportScope, indicators_by_country

pytestmark = pytest.mark.django_db

CONTROL = "Agencia Metropolitana de Control"


def _fields(world: World, slug: str = "x") -> services.EngagementFields:
    return services.EngagementFields(
        titles={"es": f"Asesoría {slug}"},
        scopes={},
        organisation=world.el_progreso_municipality,
        requested_by="Alcaldía",
        starts_on=dt.date(2025, 1, 1),
    )


# Several programmes ---------------------------------------------------------------------------


def test_an_engagement_of_two_programmes_is_kept_by_the_managers_of_either(world: World) -> None:
    other_manager = world.user("mentor")
    mine = make_programme(world, slug="mio", is_public=False)
    theirs = make_programme(world, slug="suyo", managers=[other_manager], is_public=False)
    engagement = services.engagement_create(
        actor=world.user("programme_manager"),
        programmes=[mine, theirs],
        slug="dos-programas",
        fields=_fields(world),
    )
    assert set(engagement.programmes.all()) == {mine, theirs}
    for user in (world.user("programme_manager"), other_manager):
        assert user.has_perm("advisory.change_engagement", engagement)
        assert engagement in selectors.visible_engagements(user)
    assert list(mine.advisory_engagements.all()) == [engagement]
    detail = client_for(world, "mentor").get("/api/v1/advisory/engagements/dos-programas/")
    assert sorted(detail.json()["programmes"]) == ["mio", "suyo"]


def test_starting_one_needs_a_managed_programme_covering_the_governments_country(
    world: World,
) -> None:
    foreign = make_programme(world, slug="ajeno", managers=[])
    elsewhere = make_programme(world, slug="mexico", countries=[world.mexico])
    with pytest.raises(PermissionDenied):
        services.engagement_create(
            actor=world.user("programme_manager"),
            programmes=[foreign],
            slug="a",
            fields=_fields(world),
        )
    with pytest.raises(ValidationError):
        services.engagement_create(
            actor=world.user("programme_manager"), programmes=[], slug="b", fields=_fields(world)
        )
    with pytest.raises(ValidationError):
        services.engagement_create(
            actor=world.user("programme_manager"),
            programmes=[elsewhere],
            slug="c",
            fields=_fields(world),
        )
    # The page refuses a choice of only programmes the manager does not manage.
    manager = signed_in(world, "programme_manager")
    response = manager.post(
        reverse("advisory:create"),
        {
            "slug": "d",
            "programmes": [foreign.pk],
            "title_es": "D",
            "organisation": world.el_progreso_municipality.pk,
            "requested_by": "Alcaldía",
            "starts_on": "2026-01-15",
            "status": "active",
        },
    )
    assert response.status_code == 200
    assert not Engagement.objects.filter(slug="d").exists()


def test_programme_managers_attach_engagements_on_the_programmes_pages(world: World) -> None:
    engagement = make_engagement(world)
    kind = KINDS_BY_CODE["advisory_engagements"]
    assert model_of(kind) is Engagement
    programme = make_programme(world, slug="otro-programa")
    assert engagement in programme_selectors.candidates(programme, kind, "El Progreso")
    programme_services.activities_attach(
        actor=world.user("programme_manager"),
        programme=programme,
        kind="advisory_engagements",
        activities=[engagement],
    )
    assert programme in engagement.programmes.all()
    page = signed_in(world, "programme_manager").get(
        reverse("programmes:activities", args=[programme.slug]) + "?kind=advisory_engagements"
    )
    assert page.status_code == 200
    assert "Asesoría al plan de El Progreso" in page.content.decode()
    belonging = {one.code: one for one in programme_selectors.what_belongs(programme)}
    assert belonging["advisory_engagements"].items == [engagement]


# The plan --------------------------------------------------------------------------------------


def _training_event(world: World) -> Event:
    event = make_event(
        world.honduras,
        slug="capacitacion-control",
        starts_at=dt.datetime(2025, 6, 10, 15, tzinfo=dt.UTC),
    )
    now = timezone.now()
    for number, (gender, mode) in enumerate(
        [("woman", "online"), ("woman", "in_person"), ("man", "in_person")]
    ):
        Registration.objects.create(
            event=event,
            email=f"p{number}@example.org",
            name=f"Persona {number}",
            gender=gender,
            role="municipal_official",
            organisation=world.el_progreso_municipality,
            department=CONTROL,
            attended_at=now,
            attendance_mode=mode,
        )
    Registration.objects.create(
        event=event,
        email="ausente@example.org",
        name="Ausente",
        gender="man",
        role="municipal_official",
        department=CONTROL,
    )
    return event


def _activity(
    world: World,
    engagement: Engagement,
    event: Event | None = None,
    actor: str = "trainer",
    **changes: object,
) -> PlanActivity:
    values: dict[str, object] = {
        "titles": {"es": "Capacitación de la agencia de control", "en": "Control agency training"},
        "kind": PlanActivity.Kind.TRAINING,
        "starts_on": dt.date(2025, 6, 10),
        "ends_on": dt.date(2025, 6, 10),
        "owners": "Asesoría, Agencia de Control",
        "event": event,
    }
    values.update(changes)
    return services.activity_create(
        actor=world.user(actor),
        engagement=engagement,
        fields=services.ActivityFields(**values),  # type: ignore[arg-type]
    )


def test_advisors_plan_activities_and_only_a_training_is_a_learning_event(world: World) -> None:
    engagement = make_engagement(world)
    event = _training_event(world)
    activity = _activity(world, engagement, event)
    assert activity.event == event
    with pytest.raises(ValidationError):
        _activity(world, engagement, event, kind=PlanActivity.Kind.WORKSHOP)
    with pytest.raises(ValidationError):
        _activity(world, engagement, make_event(world.mexico, slug="mx"))
    with pytest.raises(ValidationError):
        _activity(world, engagement, None, ends_on=dt.date(2025, 6, 1))
    for role in ("focal_point", "reviewer"):
        with pytest.raises(PermissionDenied):
            _activity(world, engagement, None, role, kind=PlanActivity.Kind.DOCUMENT)
    # The manager of its programme keeps the plan too.
    services.activity_update(
        actor=world.user("programme_manager"),
        activity=activity,
        fields=services.ActivityFields(
            titles={"es": "Capacitación"},
            kind=PlanActivity.Kind.TRAINING,
            starts_on=activity.starts_on,
            ends_on=activity.ends_on,
            owners="Asesoría",
            status=PlanActivity.Status.DONE,
            event=event,
        ),
    )
    activity.refresh_from_db()
    assert activity.status == PlanActivity.Status.DONE


def test_the_plan_page_shows_the_timeline_and_the_trainings_attendance(world: World) -> None:
    engagement = make_engagement(world)
    event = _training_event(world)
    training = _activity(world, engagement, event)
    late = _activity(
        world,
        engagement,
        None,
        titles={"es": "Reunión de revisión"},
        kind=PlanActivity.Kind.REVIEW_MEETING,
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2025, 1, 2),
    )
    plan = selectors.plan_of(engagement)
    bars = {bar.item: bar for bar in plan["timeline"]["bars"]}
    assert bars[late].offset == 0 and bars[late].overdue
    assert bars[training].offset == 100.0
    (figures_of_training,) = plan["trainings"]
    assert (figures_of_training.figures.registered, figures_of_training.figures.attendees) == (4, 3)
    label = f"{CONTROL} ({world.el_progreso_municipality.name})"
    row = figures_of_training.figures.departments.row(label)
    assert row.attendees == 3 and row.by_gender[:2] == [2, 1]
    url = reverse("advisory:plan", args=[engagement.slug])
    for role in ("trainer", "focal_point", "programme_manager", "reviewer"):
        page = signed_in(world, role).get(url)
        assert page.status_code == 200, role
        text = page.content.decode()
        assert "Reunión de revisión" in text and 'class="timeline"' in text, role
        assert label in text, role
    for role in OUTSIDERS:
        assert signed_in(world, role).get(url).status_code == 404, role


def test_an_advisor_adds_and_edits_an_activity_on_the_pages(world: World) -> None:
    engagement = make_engagement(world)
    event = _training_event(world)
    add = reverse("advisory:activity_create", args=[engagement.slug])
    assert signed_in(world, "focal_point").get(add).status_code == 403
    advisor = signed_in(world, "trainer")
    response = advisor.post(
        add,
        {
            "title_es": "Taller de validación",
            "kind": "training",
            "starts_on": "2025-06-10",
            "ends_on": "2025-06-10",
            "owners": "Asesoría",
            "status": "planned",
            "event": event.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = engagement.activities.get()
    assert activity.event == event
    edit = reverse("advisory:activity_edit", args=[activity.pk])
    assert signed_in(world, "reviewer").get(edit).status_code == 403
    response = advisor.post(
        edit,
        {
            "title_es": "Taller de validación",
            "kind": "workshop",
            "starts_on": "2025-06-10",
            "ends_on": "2025-06-11",
            "owners": "Asesoría",
            "status": "done",
            "event": event.pk,
        },
    )
    assert response.status_code == 200  # a workshop is no learning event
    activity.refresh_from_db()
    assert activity.kind == PlanActivity.Kind.TRAINING


# Joined to the work plan -----------------------------------------------------------------------


def _prioritised(world: World) -> Assessment:
    return round_at(world, Stage.PRIORITISED)


def test_a_recommendation_becomes_an_action_of_the_current_work_plan(world: World) -> None:
    engagement = make_engagement(world)
    review_round = make_round(world, make_instrument(world, engagement))
    recommendation = review_round.recommendations.order_by("number")[0]
    url = reverse("advisory:recommendation_action", args=[recommendation.pk])
    # No work plan yet: the page says so and goes back.
    assert signed_in(world, "focal_point").get(url).status_code == 302
    assessment = _prioritised(world)
    priority = assessment.priorities.get()
    indicator = priority.dimension.indicators.first()
    assert indicator is not None
    for role in ("reviewer", "programme_manager"):
        assert signed_in(world, role).get(url).status_code == 403, role
    counterpart = signed_in(world, "focal_point")
    assert counterpart.get(url).status_code == 200
    response = counterpart.post(
        url,
        {
            "priority": priority.pk,
            "indicator": indicator.pk,
            "title": "Incluir a la población migrante en el plan",
            "owner": "Planificación",
            "starts_on": "2026-06-01",
            "ends_on": "2026-12-31",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    action = Action.objects.get()
    assert (action.assessment, action.engagement, action.recommendation) == (
        assessment,
        engagement,
        recommendation,
    )
    assert response["Location"].endswith(f"#action-{action.pk}")
    work_plan = counterpart.get(reverse("assessments:work_plan", args=[assessment.pk]))
    text = work_plan.content.decode()
    assert engagement.get_absolute_url() in text
    assert f"#recommendation-{recommendation.pk}" in text
    instrument_page = counterpart.get(recommendation.review_round.instrument.get_absolute_url())
    assert f"#action-{action.pk}" in instrument_page.content.decode()
    detail = signed_in(world, "trainer").get(engagement.get_absolute_url()).content.decode()
    assert f"#action-{action.pk}" in detail


def test_a_recommendation_not_accepted_or_of_an_unsent_round_does_not_become_one(
    world: World,
) -> None:
    engagement = make_engagement(world)
    instrument = make_instrument(world, engagement)
    sent = make_round(world, instrument, recommendations=1).recommendations.get()
    unsent = make_round(world, instrument, recommendations=1, sent=False).recommendations.get()
    services.recommendation_respond(
        actor=world.user("focal_point"),
        recommendation=sent,
        fields=services.ResponseFields(response="not_accepted", note="Sin presupuesto."),
    )
    assessment = _prioritised(world)
    priority = assessment.priorities.get()
    fields = services.ActionFields(
        priority=priority,
        indicator=priority.dimension.indicators.first(),
        title="T",
        owner="O",
        starts_on=dt.date(2026, 6, 1),
        ends_on=dt.date(2026, 7, 1),
    )
    for recommendation in (sent, unsent):
        with pytest.raises(ValidationError):
            services.recommendation_to_action(
                actor=world.user("trainer"), recommendation=recommendation, fields=fields
            )
    assert not Action.objects.exists()


def test_a_work_plan_action_points_to_the_engagement_that_supports_it(world: World) -> None:
    engagement = make_engagement(world)
    assessment = _prioritised(world)
    priority = assessment.priorities.get()
    indicator = priority.dimension.indicators.first()
    assert indicator is not None
    focal = signed_in(world, "focal_point")
    url = reverse("assessments:work_plan", args=[assessment.pk])
    assert f'value="{engagement.pk}"' in focal.get(url).content.decode()
    response = focal.post(
        url,
        {
            "priority": priority.pk,
            "indicator": indicator.pk,
            "title": "Oficina de movilidad humana",
            "owner": "Desarrollo social",
            "starts_on": "2026-06-01",
            "ends_on": "2026-12-31",
            "status": "planned",
            "progress": "0",
            "engagement": engagement.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    action = Action.objects.get()
    assert action.engagement == engagement and action.recommendation is None
    assert engagement.get_absolute_url() in focal.get(url).content.decode()
    assert list(selectors.actions_supported(engagement)) == [action]
    # Technical assistance given to another government does not support this plan.
    with pytest.raises(ValidationError):
        assessment_services.action_save(
            assessment=assessment,
            user=world.user("focal_point"),
            priority=priority,
            indicator=indicator,
            title="T",
            owner="O",
            starts_on=dt.date(2026, 6, 1),
            ends_on=dt.date(2026, 7, 1),
            engagement=_engagement_elsewhere(world),
        )


def _engagement_elsewhere(world: World) -> Engagement:
    """An engagement with a government other than El Progreso's."""
    from migralocal.core.models import Organisation

    government = Organisation.objects.create(
        name="Municipalidad de San Pedro Sula",
        slug="san-pedro-sula",
        kind=Organisation.Kind.MUNICIPALITY,
        country=world.honduras,
    )
    return services.engagement_create(
        actor=world.user("admin"),
        programmes=[make_programme(world, slug="sps")],
        slug="sps",
        fields=services.EngagementFields(
            titles={"es": "San Pedro Sula"},
            scopes={},
            organisation=government,
            requested_by="X",
            starts_on=dt.date(2025, 1, 1),
        ),
    )


# Figures as indicators -------------------------------------------------------------------------


def test_the_engagements_figures_are_report_indicators_of_its_programmes(world: World) -> None:
    programme = make_programme(world, slug="asistencia", is_public=False)
    engagement = make_engagement(world, programme=programme)
    instrument = make_instrument(world, engagement)
    review_round = make_round(world, instrument, recommendations=3)
    accepted, partly, refused = review_round.recommendations.order_by("number")
    for recommendation, response in ((accepted, "accepted"), (partly, "partly_accepted")):
        services.recommendation_respond(
            actor=world.user("focal_point"),
            recommendation=recommendation,
            fields=services.ResponseFields(response=response, section="Art. 1"),
        )
    services.recommendation_respond(
        actor=world.user("focal_point"),
        recommendation=refused,
        fields=services.ResponseFields(response="not_accepted", note="No."),
    )
    _activity(world, engagement, _training_event(world))
    today = timezone.localdate()
    period = DateRange(dt.date(2025, 1, 1), today)
    scope = ReportScope(countries=(world.honduras,), period=period, programme=programme)
    raw = {one.key: one for one in figures.indicators(scope)}
    assert raw["advisory_instruments"].total == 1
    assert raw["advisory_recommendations"].total == 3
    assert raw["advisory_adopted"].total == 3
    assert raw["advisory_adopted"].series[0].counts == [2, 1]
    trained = raw["advisory_officials_trained"]
    assert trained.total == 3
    assert dict(zip(trained.series[0].keys, trained.series[0].counts, strict=True))["woman"] == 2
    assert trained.series[1].keys == [CONTROL] and trained.series[1].counts == [3]
    report = presentation.report(scope, suppressed=False)
    assert report.indicator("advisory_adopted").headline is not None
    # Counted for every country apart in one pass, each figure stays in the government's country.
    both = ReportScope(
        countries=(world.honduras, world.el_salvador), period=period, programme=programme
    )
    every, by_country = indicators_by_country(both, suppressed=False)
    for counted, expected in (
        (every, (1, 3, 3, 3)),
        (by_country[world.honduras.pk], (1, 3, 3, 3)),
        (by_country[world.el_salvador.pk], (0, 0, 0, 0)),
    ):
        totals = {one.key: one.total for one in counted}
        assert (
            totals["advisory_instruments"],
            totals["advisory_recommendations"],
            totals["advisory_adopted"],
            totals["advisory_officials_trained"],
        ) == expected
    hn_trained = next(
        one for one in by_country[world.honduras.pk] if one.key == "advisory_officials_trained"
    )
    assert hn_trained.series[1].counts == [3]
    # Another programme, or another country, counts none of it.
    other = make_programme(world, slug="ninguno")
    for empty in (
        ReportScope(countries=(world.honduras,), period=period, programme=other),
        ReportScope(countries=(world.el_salvador,), period=period),
    ):
        assert all(one.total == 0 for one in figures.indicators(empty))
    assert Recommendation.objects.count() == 3


# Responses through the API ---------------------------------------------------------------------


def test_a_counterpart_records_a_response_through_the_api(world: World) -> None:
    engagement = make_engagement(world)
    review_round = make_round(world, make_instrument(world, engagement), recommendations=1)
    recommendation = review_round.recommendations.get()
    url = f"/api/v1/advisory/recommendations/{recommendation.pk}/respond/"
    body = {
        "response": "accepted",
        "evidence_section": "Artículo 12",
        "evidence_link": "https://example.org/plan",
    }
    for role in ("trainer", "programme_manager", "reviewer"):
        assert client_for(world, role).post(url, body, format="json").status_code == 403, role
    for role in OUTSIDERS:
        assert client_for(world, role).post(url, body, format="json").status_code == 404, role
    counterpart = client_for(world, "focal_point", language="es")
    refused = counterpart.post(url, {"response": "accepted"}, format="json")
    assert refused.status_code == 400
    assert refused["Content-Type"].startswith("application/problem+json")
    problem = refused.json()
    assert problem["errors"]["evidence_section"] == [
        "Indique dónde se incorporó: una sección o artículo, un documento o un enlace."
    ]
    wrong = counterpart.post(url, {"response": "maybe"}, format="json")
    assert wrong.status_code == 400 and "response" in wrong.json()["errors"]
    answered = counterpart.post(url, body, format="json")
    assert answered.status_code == 200, answered.content
    assert answered.json()["response"] == "accepted"
    assert answered.json()["evidence_section"] == "Artículo 12"
    recommendation.refresh_from_db()
    assert recommendation.responded_by == world.user("focal_point")
    assert "no-store" in answered["Cache-Control"]
