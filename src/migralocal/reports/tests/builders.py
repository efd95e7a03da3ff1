"""A small, hand-counted programme for the indicator tests (counts written in `HONDURAS_2026`).

Honduras, 2026: one workshop in March with six attendances (three women municipal officials in
person, two men civil-society staff online, one woman national official in person with no
country, so counted in the event's country) and one registration not attended; a course completed
in July by a learner of El Progreso's municipality. El Salvador: one man at the same workshop.
2025: an event in Honduras that 2026 must not count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from migralocal.assessments.models import Action, Assessment, Priority, Stage
from migralocal.assessments.tests.helpers import published_small_framework
from migralocal.commitments.models import Commitment
from migralocal.commitments.tests.builders import CommitmentBuilder
from migralocal.consultations.models import Referral
from migralocal.consultations.tests.helpers import record
from migralocal.core.models import Country
from migralocal.core.tests.factories import UserFactory
from migralocal.core.tests.world import World
from migralocal.directory.tests.helpers import make_service, world_hubs
from migralocal.learning.models import Enrolment, MentoringEngagement, Registration
from migralocal.learning.tests.builders import make_course, make_event

MARCH = dt.datetime(2026, 3, 5, 15, 0, tzinfo=dt.UTC)


def attend(
    event: Any,
    number: int,
    *,
    gender: str,
    role: str,
    mode: str,
    country: Country | None,
    attended: bool = True,
) -> None:
    Registration.objects.create(
        event=event,
        email=f"p{event.pk}-{number}@example.org",
        name=f"Persona {number}",
        gender=gender,
        role=role,
        country=country,
        status=Registration.Status.CONFIRMED,
        attended_at=MARCH if attended else None,
        attendance_mode=mode if attended else "",
    )


@dataclass
class Programme:
    world: World


def build_programme(world: World) -> Programme:
    honduras, el_salvador = world.honduras, world.el_salvador
    workshop = make_event(honduras, "taller-2026", starts_at=MARCH)
    number = 0
    for gender, role, mode, country, times in (
        ("woman", "municipal_official", "in_person", honduras, 3),
        ("man", "civil_society", "online", honduras, 2),
        ("woman", "national_official", "in_person", None, 1),
        ("man", "hub_staff", "in_person", el_salvador, 1),
    ):
        for _time in range(times):
            number += 1
            attend(workshop, number, gender=gender, role=role, mode=mode, country=country)
    attend(workshop, 99, gender="woman", role="other", mode="", country=honduras, attended=False)
    old = make_event(honduras, "taller-2025", starts_at=dt.datetime(2025, 6, 1, tzinfo=dt.UTC))
    attend(old, 1, gender="woman", role="other", mode="online", country=honduras)

    course = make_course(honduras, "modulo-1")
    learner = UserFactory.create(email="learner@example.org")
    Enrolment.objects.create(
        user=learner,
        course=course,
        organisation=world.el_progreso_municipality,
        completed_at=dt.datetime(2026, 7, 10, 15, tzinfo=dt.UTC),
    )
    Enrolment.objects.create(
        user=UserFactory.create(email="unfinished@example.org"),
        course=course,
        organisation=world.el_progreso_municipality,
    )

    MentoringEngagement.objects.create(
        mentor=world.user("mentor"),
        organisation=world.private_cso,
        started_on=dt.date(2026, 2, 1),
    )
    MentoringEngagement.objects.create(
        mentor=world.user("mentor"), organisation=world.mexican_cso, started_on=dt.date(2026, 2, 1)
    )

    own, other = world_hubs(world)
    job = make_service(hub=own, name={"es": "Orientación laboral", "en": "Job guidance"})
    staff = world.user("hub_staff")
    day = dt.date(2026, 4, 2)
    record(own, staff, on=day, referrals=(job,))
    record(own, staff, on=day, referrals=(job,))
    record(own, staff, on=day, topics=("documents", "health"))
    Referral.objects.filter(pk=Referral.objects.order_by("pk").values("pk")[:1]).update(
        status=Referral.Status.ATTENDED
    )
    record(other, world.user("other_hub_staff"), on=day)

    framework = published_small_framework()
    certified = Assessment.objects.create(
        organisation=world.el_progreso_municipality,
        country=honduras,
        framework=framework,
        year=2026,
        stage=Stage.CERTIFIED,
    )
    Assessment.objects.create(
        organisation=world.san_salvador_municipality,
        country=el_salvador,
        framework=framework,
        year=2026,
        stage=Stage.SELF_ASSESSMENT,
    )
    dimension = framework.dimensions.first()
    assert dimension is not None
    priority = Priority.objects.create(assessment=certified, dimension=dimension, position=1)
    indicator = dimension.indicators.first()
    for title, status, ends in (
        ("Protocolo", Action.Status.DONE, dt.date(2026, 5, 1)),
        ("Ventanilla", Action.Status.IN_PROGRESS, dt.date(2026, 11, 1)),
        ("Antes", Action.Status.DONE, dt.date(2025, 11, 1)),
    ):
        Action.objects.create(
            assessment=certified,
            priority=priority,
            indicator=indicator,
            title=title,
            owner="Alcaldía",
            starts_on=dt.date(2025, 1, 1),
            ends_on=ends,
            status=status,
        )

    build = CommitmentBuilder(world)
    build.verified(title="Plan de acogida")
    build.pending(title="Mesa de movilidad")
    build.anonymous(title="Sin confirmar")
    Commitment.objects.update(
        published_at=dt.datetime(2026, 5, 1, 12, tzinfo=dt.UTC),
    )
    return Programme(world)


def give_records_to(programme: Any, world: World) -> Any:
    """After `build_programme`: the programme owns the 2026 workshop, the older event, the hub of
    El Progreso, the certified round, the private organisation's mentoring engagement and one
    commitment; the course, the other hub, round, engagement and commitments are not its own."""
    from migralocal.assessments.models import Assessment as Round
    from migralocal.directory.models import Hub
    from migralocal.learning.models import Event
    from migralocal.programmes import services as programme_services

    owned = {
        "events": list(Event.objects.filter(slug__in=["taller-2026", "taller-2025"])),
        "hubs": [Hub.objects.get(slug="ventanilla-el-progreso")],
        "assessments": list(Round.objects.filter(stage="certified")),
        "mentoring_engagements": list(
            MentoringEngagement.objects.filter(organisation=world.private_cso)
        ),
        "commitments": list(
            Commitment.objects.filter(translations__title="Plan de acogida").distinct()
        ),
    }
    for kind, activities in owned.items():
        programme_services.activities_attach(
            actor=world.user("admin"), programme=programme, kind=kind, activities=activities
        )
    return programme
