"""The test world with work waiting for each role: a hub with follow-ups due, a self-assessment
half answered, a round waiting for review, an event coming up. For the tests of the person's
page (what to do next) and of the links each role is shown."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from migralocal.assessments import services as assessment_services
from migralocal.assessments.models import Assessment, Stage
from migralocal.assessments.tests.helpers import published_small_framework, question
from migralocal.consultations.models import Referral
from migralocal.consultations.tests.helpers import record
from migralocal.core.models import Organisation
from migralocal.core.tests.factories import OrganisationFactory
from migralocal.core.tests.world import World
from migralocal.directory.models import Hub
from migralocal.directory.tests.helpers import make_service, world_hubs
from migralocal.learning.models import Event
from migralocal.learning.tests.builders import make_event


@dataclass
class Field:
    world: World
    hub: Hub
    own_round: Assessment
    waiting_round: Assessment
    event: Event


def build_field(world: World) -> Field:
    hub, _other = world_hubs(world)
    job = make_service(hub=hub, name={"es": "Orientación laboral", "en": "Job guidance"})
    today = timezone.localdate()
    record(hub, world.user("hub_staff"), on=today - dt.timedelta(days=3), referrals=(job, job))
    first, second = Referral.objects.order_by("pk")
    Referral.objects.filter(pk=first.pk).update(follow_up_on=today - dt.timedelta(days=1))
    Referral.objects.filter(pk=second.pk).update(follow_up_on=today + dt.timedelta(days=2))

    framework = published_small_framework()
    own_round = Assessment.objects.create(
        organisation=world.el_progreso_municipality,
        country=world.honduras,
        framework=framework,
        year=today.year,
        stage=Stage.SELF_ASSESSMENT,
    )
    assessment_services.answer_save(
        assessment=own_round,
        question=question(framework, "q1"),
        user=world.user("focal_point"),
        expected_version=0,
        choice="partly",
    )
    san_pedro = OrganisationFactory.create(
        name="Municipalidad de San Pedro Sula",
        slug="municipalidad-san-pedro-sula",
        kind=Organisation.Kind.MUNICIPALITY,
        country=world.honduras,
    )
    waiting_round = Assessment.objects.create(
        organisation=san_pedro,
        country=world.honduras,
        framework=framework,
        year=today.year,
        stage=Stage.SUBMITTED,
    )
    event = make_event(
        world.honduras,
        "taller-proximo",
        starts_at=timezone.now() + dt.timedelta(days=10),
        title="Taller de gobernanza local",
    )
    return Field(world, hub, own_round, waiting_round, event)
