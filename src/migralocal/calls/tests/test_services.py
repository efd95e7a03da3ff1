"""Calls' rules: who opens and decides, applying within the deadline, and accepting into the
cohort with the municipality's round for the call's year."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from migralocal.assessments.models import Assessment, Stage
from migralocal.assessments.tests.helpers import round_at
from migralocal.calls import services
from migralocal.calls.models import CallApplication
from migralocal.calls.tests.builders import AFTER, BEFORE, DEADLINE, apply, make_call
from migralocal.core.tests.world import World
from migralocal.programmes.tests.builders import make_programme

pytestmark = pytest.mark.django_db


def test_a_call_is_open_until_the_end_of_its_deadline_day(world: World) -> None:
    call = make_call(world)
    last_evening = datetime.datetime.combine(DEADLINE, datetime.time(23, 0), tzinfo=datetime.UTC)
    assert call.is_open(BEFORE)
    assert call.is_open(last_evening)
    assert not call.is_open(AFTER)


def test_only_the_programmes_managers_and_admins_open_a_call(world: World) -> None:
    programme = make_programme(world)
    for role in ("reviewer", "focal_point", "trainer"):
        with pytest.raises(PermissionDenied):
            services.call_open(
                actor=world.user(role),
                programme=programme,
                fields=services.CallFields(
                    titles={"es": "X"},
                    descriptions={},
                    framework=make_call(world, programme=programme).framework,
                    year=2026,
                    deadline=DEADLINE,
                ),
            )


def test_a_focal_point_applies_within_the_deadline(world: World) -> None:
    call = make_call(world)
    application = apply(world, call)
    assert application.status == CallApplication.Status.PENDING
    assert application.submitted_by == world.user("focal_point")
    assert application.assessment is None


def test_an_application_after_the_deadline_is_refused_with_a_translated_error(
    world: World,
) -> None:
    call = make_call(world)
    with translation.override("es"), pytest.raises(ValidationError) as refused:
        services.call_apply(
            call=call,
            municipality=world.el_progreso_municipality,
            user=world.user("focal_point"),
            motivation="Tarde.",
            now=AFTER,
        )
    assert "ya no se aceptan postulaciones" in " ".join(refused.value.messages)
    assert not CallApplication.objects.exists()


def test_a_focal_point_applies_only_for_their_own_municipality_once(world: World) -> None:
    call = make_call(world)
    with pytest.raises(PermissionDenied):
        services.call_apply(
            call=call,
            municipality=world.san_salvador_municipality,
            user=world.user("focal_point"),
            motivation="No es mío.",
            now=BEFORE,
        )
    apply(world, call)
    with pytest.raises(ValidationError):
        apply(world, call)


def test_a_municipality_outside_the_programmes_countries_cannot_apply(world: World) -> None:
    call = make_call(world, programme=make_programme(world, countries=[world.el_salvador]))
    with pytest.raises(ValidationError):
        apply(world, call)


def test_accepting_starts_the_round_at_training_and_it_belongs_to_the_programme(
    world: World,
) -> None:
    call = make_call(world)
    application = services.application_accept(
        application=apply(world, call), user=world.user("programme_manager")
    )
    assessment = application.assessment
    assert application.status == CallApplication.Status.ACCEPTED
    assert assessment is not None
    assert (assessment.organisation, assessment.year) == (world.el_progreso_municipality, 2026)
    assert assessment.stage == Stage.TRAINING
    assert assessment.framework == call.framework
    assert call.programme.assessments.filter(pk=assessment.pk).exists()


def test_accepting_attaches_the_round_the_municipality_already_has(world: World) -> None:
    existing = round_at(world, Stage.SUBMITTED)
    call = make_call(world)
    application = services.application_accept(
        application=apply(world, call), user=world.user("programme_manager")
    )
    assert application.assessment == existing
    assert Assessment.objects.count() == 1
    existing.refresh_from_db()
    assert existing.stage == Stage.SUBMITTED
    assert call.programme.assessments.filter(pk=existing.pk).exists()


def test_a_declined_round_of_the_year_cannot_join(world: World) -> None:
    round_at(world, Stage.DECLINED)
    call = make_call(world)
    application = apply(world, call)
    with pytest.raises(ValidationError):
        services.application_accept(application=application, user=world.user("programme_manager"))
    application.refresh_from_db()
    assert application.status == CallApplication.Status.PENDING


@pytest.mark.parametrize("role", ["reviewer", "focal_point", "trainer", "no_role"])
def test_only_the_programmes_managers_decide(world: World, role: str) -> None:
    call = make_call(world)
    application = apply(world, call)
    with pytest.raises(PermissionDenied):
        services.application_accept(application=application, user=world.user(role))
    with pytest.raises(PermissionDenied):
        services.application_decline(application=application, user=world.user(role), note="No.")


def test_a_manager_of_another_programme_does_not_decide(world: World) -> None:
    call = make_call(world)
    other = make_programme(world, slug="otro", managers=[world.user("reviewer")])
    assert other.managers.filter(pk=world.user("reviewer").pk).exists()
    with pytest.raises(PermissionDenied):
        services.application_accept(application=apply(world, call), user=world.user("reviewer"))


def test_declining_needs_a_reason_and_decides_once(world: World) -> None:
    call = make_call(world)
    application = apply(world, call)
    manager = world.user("programme_manager")
    with pytest.raises(ValidationError):
        services.application_decline(application=application, user=manager, note=" ")
    services.application_decline(application=application, user=manager, note="Fuera de plazo.")
    assert application.status == CallApplication.Status.DECLINED
    assert not Assessment.objects.exists()
    with pytest.raises(ValidationError):
        services.application_accept(application=application, user=manager)


def test_decisions_may_come_after_the_deadline(world: World) -> None:
    call = make_call(world, deadline=datetime.date(2020, 1, 31))
    application = CallApplication.objects.create(
        call=call, municipality=world.el_progreso_municipality, motivation="Antes."
    )
    assert not call.is_open()
    services.application_accept(application=application, user=world.user("programme_manager"))
    assert application.status == CallApplication.Status.ACCEPTED


def test_once_the_cohort_has_members_the_framework_and_year_stay(world: World) -> None:
    call = make_call(world)
    manager = world.user("programme_manager")
    services.application_accept(application=apply(world, call), user=manager)
    fields = services.CallFields(
        titles={"es": "Otro título"},
        descriptions={},
        framework=call.framework,
        year=2027,
        deadline=DEADLINE,
    )
    with pytest.raises(ValidationError):
        services.call_update(actor=manager, call=call, fields=fields)
    fields.year = 2026
    services.call_update(actor=manager, call=call, fields=fields)
    call.refresh_from_db()
    assert str(call) == "Otro título"
