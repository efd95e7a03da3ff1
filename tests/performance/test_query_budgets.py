"""Query budgets: no list or dashboard page runs more queries when it shows more rows.

Each row of PAGES names a page, who opens it, and how to add rows that the page shows. The test
opens the page once to warm the per-process caches (content types, taxonomies), counts its
queries with a few rows, adds several more rows, and counts again: the second count may not be
higher (a cache may save some), and the first must stay within the page's budget — under 15 for the
main list pages. A page that fails here has an N+1 query: fix it in the app's selector with
select_related/prefetch_related, not by raising the budget.

| page                               | who               | rows that grow                         |
|------------------------------------|-------------------|----------------------------------------|
| core:home                          | anonymous         | organisations (counted on the page)    |
| core:landing (My page)             | member            | memberships                            |
| core:organisation_list             | anonymous         | organisations                          |
| core:programme_organisations       | programme_manager | organisations                          |
| directory:search                   | anonymous         | hubs and services                      |
| directory:hub_detail               | anonymous         | services of the hub                    |
| directory:manage                   | hub_staff         | hubs kept                              |
| directory:pathway_list             | anonymous         | pathways with steps and services       |
| consultations:home                 | hub_staff         | consultations with referrals           |
| consultations:hub                  | hub_staff         | consultations with referrals           |
| consultations:follow_ups           | hub_staff         | referrals due                          |
| consultations:hub_dashboard        | hub_staff         | consultations                          |
| consultations:area_dashboard       | programme_manager | consultations                          |
| assessments:assessment_list        | reviewer          | rounds of other municipalities         |
| assessments:certified_list         | anonymous         | certified municipalities               |
| learning:catalogue                 | anonymous         | published courses                      |
| learning:my_learning               | member            | enrolments                             |
| learning:training_progress         | trainer           | enrolments                             |
| learning:event_list                | anonymous         | public events                          |
| learning:event_report              | trainer           | events with attendees                  |
| learning:event_series              | anonymous         | public events of the series            |
| learning:mentoring_list            | mentor            | mentoring engagements                  |
| learning:mentoring_figures         | programme_manager | mentoring engagements                  |
| learning:community                 | anonymous         | community profiles                     |
| commitments:list                   | anonymous         | verified commitments                   |
| commitments:queue                  | reviewer          | commitments waiting for review         |
| /api/v1/services/, hubs/           | anonymous         | hubs and services                      |
| /api/v1/pathways/                  | anonymous         | pathways                               |
| /api/v1/commitments/               | anonymous         | verified commitments                   |
| /api/v1/organisations/             | anonymous         | organisations                          |
| reports:dashboard                  | programme_manager | consultations                          |
| reports:public                     | anonymous         | consultations                          |

Pages that show one record (a hub's detail, an assessment's results) are in the table when the
rows under that record grow; assessments:results is bounded by the framework and checked by its
budget alone (test_results_page_stays_within_budget).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from migralocal.assessments.models import Assessment, Certificate, Stage
from migralocal.assessments.tests.helpers import published_small_framework, round_at
from migralocal.commitments.tests.builders import CommitmentBuilder
from migralocal.consultations.tests.helpers import record
from migralocal.core.models import Organisation
from migralocal.core.roles import OrganisationRole
from migralocal.core.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from migralocal.core.tests.world import World
from migralocal.directory.models import Hub, ReferralPathway
from migralocal.directory.tests.helpers import make_hub, make_service, world_hubs
from migralocal.learning.models import (
    CommunityProfile,
    Enrolment,
    Event,
    EventSeries,
    MentoringEngagement,
    Registration,
)
from migralocal.learning.tests.builders import make_course, make_event

MAIN_LIST_BUDGET = 14  # the issue asks for "under 15"
# The menu's count of incoming referrals waiting for hub staff: one query a page, not per row
# (kept in the shared cache between changes, which the test settings turn off).
MENU_COUNT = 1
# Dashboards run one GROUP BY per breakdown (twelve on the consultation figures) plus their
# filter menus: constant, but more than a list.
DASHBOARD_BUDGET = 35
# The programme dashboard counts twenty indicators across seven modules, one grouped query each
# (sign-ups, officials by department, technical assistance and cash assistance added ten).
REPORTS_BUDGET = 65
HONDURAS = "HN"
THIS_YEAR = timezone.localdate().year
# The HSDS service document nests every related table (contacts, phones, locations, schedules,
# languages, costs…): one prefetch query each, whatever the page size.
HSDS_DOCUMENT_BUDGET = 32
FEW, MORE = 2, 8
_serial = itertools.count(1)


@dataclass
class Scene:
    """The named world plus the two hubs of world_hubs and a service to refer to."""

    world: World
    hub: Hub
    other_hub: Hub

    def next(self) -> int:
        return next(_serial)


# ------------------------------------------------------------------ rows that pages show


def add_organisations(scene: Scene, count: int) -> None:
    for _ in range(count):
        n = scene.next()
        OrganisationFactory.create(
            name=f"Organización {n}", slug=f"org-{n}", country=scene.world.honduras
        )


def add_memberships(scene: Scene, count: int) -> None:
    member = scene.world.user("member")
    for _ in range(count):
        n = scene.next()
        organisation = OrganisationFactory.create(
            name=f"Red {n}", slug=f"red-{n}", country=scene.world.mexico
        )
        MembershipFactory.create(
            user=member, organisation=organisation, role=OrganisationRole.ORGANISATION_MEMBER
        )


def add_hubs_with_services(scene: Scene, count: int) -> None:
    world = scene.world
    for _ in range(count):
        n = scene.next()
        hub = make_hub(
            operator=world.el_progreso_municipality,
            municipality=world.el_progreso,
            slug=f"ventanilla-{n}",
        )
        make_service(hub=hub, name={"es": f"Orientación {n}", "en": f"Guidance {n}"})


def add_services_to_the_hub(scene: Scene, count: int) -> None:
    for _ in range(count):
        n = scene.next()
        make_service(hub=scene.hub, name={"es": f"Servicio {n}", "en": f"Service {n}"})


def add_pathways(scene: Scene, count: int) -> None:
    service = make_service(hub=scene.hub, name={"es": "Asesoría", "en": "Advice"})
    for _ in range(count):
        n = scene.next()
        pathway = ReferralPathway(slug=f"ruta-{n}", country=scene.world.honduras, is_published=True)
        pathway.set_current_language("es")
        pathway.title = f"Ruta {n}"
        pathway.save()
        step = pathway.steps.create(position=1, phone="+504 2222-0000")
        step.set_current_language("es")
        step.title = "Acuda a la ventanilla"
        step.save()
        step.services.set([service])


def add_consultations(scene: Scene, count: int) -> None:
    service = make_service(hub=scene.hub, name={"es": "Empleo", "en": "Jobs"})
    staff = scene.world.user("hub_staff")
    today = timezone.localdate()
    for index in range(count):
        record(
            scene.hub,
            staff,
            on=today - dt.timedelta(days=index % 20),
            topics=("documents", "health") if index % 2 else ("documents",),
            referrals=(service,),
        )


def add_rounds(scene: Scene, count: int, *, certified: bool = False) -> None:
    """Rounds of new Honduran municipalities, certified or waiting for review."""
    from migralocal.assessments.models import Framework

    framework = Framework.objects.filter(status=Framework.Status.PUBLISHED).first()
    framework = framework or published_small_framework()
    world = scene.world
    for _ in range(count):
        n = scene.next()
        organisation = OrganisationFactory.create(
            name=f"Municipio {n}",
            slug=f"municipio-{n}",
            kind=Organisation.Kind.MUNICIPALITY,
            country=world.honduras,
            municipality=world.el_progreso,
        )
        assessment = Assessment.objects.create(
            organisation=organisation,
            country=world.honduras,
            framework=framework,
            year=2026,
            stage=Stage.CERTIFIED if certified else Stage.SUBMITTED,
        )
        if certified:
            Certificate.objects.create(
                assessment=assessment,
                number=f"CERT-{n}",
                verification_code=f"code-{n}",
                year=2026,
                issued_on=dt.date(2026, 6, 1),
                valid_until=dt.date(2027, 6, 1),
            )


def add_certified_rounds(scene: Scene, count: int) -> None:
    add_rounds(scene, count, certified=True)


def add_courses(scene: Scene, count: int) -> None:
    for _ in range(count):
        make_course(scene.world.honduras, f"curso-{scene.next()}", lessons=1)


def add_own_enrolments(scene: Scene, count: int) -> None:
    member = scene.world.user("member")
    for _ in range(count):
        course = make_course(scene.world.mexico, f"curso-{scene.next()}", lessons=1)
        Enrolment.objects.create(user=member, course=course, organisation=scene.world.mexican_cso)


def add_learners(scene: Scene, count: int) -> None:
    course = make_course(scene.world.honduras, f"curso-{scene.next()}", lessons=1)
    for _ in range(count):
        n = scene.next()
        learner = UserFactory.create(email=f"learner-{n}@example.org")
        organisation = OrganisationFactory.create(
            name=f"Org {n}", slug=f"org-{n}", country=scene.world.honduras
        )
        Enrolment.objects.create(user=learner, course=course, organisation=organisation)


def add_series_events(scene: Scene, count: int) -> None:
    series, _created = EventSeries.objects.get_or_create(slug="encuentros")
    for _ in range(count):
        event = make_event(scene.world.honduras, f"encuentro-{scene.next()}", is_public=True)
        Event.objects.filter(pk=event.pk).update(series=series)


def add_events(scene: Scene, count: int) -> None:
    for _ in range(count):
        n = scene.next()
        event = make_event(scene.world.honduras, f"taller-{n}", is_public=True)
        Registration.objects.create(
            event=event,
            email=f"p{n}@example.org",
            name=f"Participante {n}",
            gender="woman",
            role="civil_society",
            country=scene.world.honduras,
            attended_at=event.starts_at,
            attendance_mode="in_person",
        )


def add_mentoring(scene: Scene, count: int) -> None:
    mentor = scene.world.user("mentor")
    for _ in range(count):
        n = scene.next()
        organisation = OrganisationFactory.create(
            name=f"Colectivo {n}", slug=f"colectivo-{n}", country=scene.world.mexico
        )
        MentoringEngagement.objects.create(
            mentor=mentor, organisation=organisation, started_on=dt.date(2026, 1, 1)
        )


def add_mentoring_in_honduras(scene: Scene, count: int) -> None:
    mentor = scene.world.user("mentor")
    for _ in range(count):
        n = scene.next()
        organisation = OrganisationFactory.create(
            name=f"Colectivo {n}", slug=f"colectivo-{n}", country=scene.world.honduras
        )
        MentoringEngagement.objects.create(
            mentor=mentor, organisation=organisation, started_on=dt.date(2026, 1, 1)
        )


def add_community_profiles(scene: Scene, count: int) -> None:
    for _ in range(count):
        n = scene.next()
        organisation = OrganisationFactory.create(
            name=f"Asociación {n}", slug=f"asociacion-{n}", country=scene.world.mexico
        )
        CommunityProfile.objects.create(organisation=organisation, joined_on=dt.date(2025, 1, 1))


def add_verified_commitments(scene: Scene, count: int) -> None:
    build = CommitmentBuilder(scene.world)
    for _ in range(count):
        build.verified()


def add_pending_commitments(scene: Scene, count: int) -> None:
    build = CommitmentBuilder(scene.world)
    for _ in range(count):
        build.pending()


# ------------------------------------------------------------------ the table


Grow = Callable[[Scene, int], None]


@dataclass(frozen=True)
class Page:
    name: str
    who: str | None
    grow: Grow
    url: Callable[[Scene], str]
    budget: int = MAIN_LIST_BUDGET

    def __str__(self) -> str:
        return self.name


def named(name: str, *args: object, query: str = "") -> Callable[[Scene], str]:
    def url(_scene: Scene) -> str:
        return reverse(name, args=args) + query

    return url


def of_hub(name: str, query: str = "") -> Callable[[Scene], str]:
    def url(scene: Scene) -> str:
        return reverse(name, args=[scene.hub.slug]) + query

    return url


def fixed(path: str) -> Callable[[Scene], str]:
    return lambda _scene: path


def this_year() -> str:
    return f"?year={timezone.localdate().year}"


def area_query(scene: Scene) -> str:
    country = scene.world.honduras.pk
    return reverse("consultations:area_dashboard") + f"{this_year()}&country={country}"


PAGES = [
    Page("core:home", None, add_organisations, named("core:home")),
    Page("core:landing", "member", add_memberships, named("core:landing")),
    Page("core:organisation_list", None, add_organisations, named("core:organisation_list")),
    Page(
        "core:programme_organisations",
        "programme_manager",
        add_organisations,
        named("core:programme_organisations"),
    ),
    Page("directory:search", None, add_hubs_with_services, named("directory:search")),
    Page("directory:hub_detail", None, add_services_to_the_hub, of_hub("directory:hub_detail")),
    Page("directory:manage", "hub_staff", add_hubs_with_services, named("directory:manage")),
    Page("directory:pathway_list", None, add_pathways, named("directory:pathway_list")),
    Page("consultations:home", "hub_staff", add_consultations, named("consultations:home")),
    Page(
        "consultations:hub",
        "hub_staff",
        add_consultations,
        of_hub("consultations:hub"),
        budget=MAIN_LIST_BUDGET + MENU_COUNT,
    ),
    Page(
        "consultations:follow_ups",
        "hub_staff",
        add_consultations,
        of_hub("consultations:follow_ups"),
    ),
    Page(
        "consultations:hub_dashboard",
        "hub_staff",
        add_consultations,
        of_hub("consultations:hub_dashboard", this_year()),
        DASHBOARD_BUDGET,
    ),
    Page(
        "consultations:area_dashboard",
        "programme_manager",
        add_consultations,
        area_query,
        DASHBOARD_BUDGET,
    ),
    Page(
        "assessments:assessment_list",
        "reviewer",
        add_rounds,
        named("assessments:assessment_list"),
    ),
    Page(
        "assessments:certified_list",
        None,
        add_certified_rounds,
        named("assessments:certified_list"),
    ),
    Page("learning:catalogue", None, add_courses, named("learning:catalogue")),
    Page("learning:my_learning", "member", add_own_enrolments, named("learning:my_learning")),
    Page(
        "learning:training_progress",
        "trainer",
        add_learners,
        named("learning:training_progress"),
    ),
    Page("learning:event_list", None, add_events, named("learning:event_list")),
    Page(
        "learning:event_series",
        None,
        add_series_events,
        named("learning:event_series", "encuentros"),
    ),
    Page(
        "learning:event_report",
        "trainer",
        add_events,
        named("learning:event_report"),
        DASHBOARD_BUDGET,
    ),
    Page("learning:mentoring_list", "mentor", add_mentoring, named("learning:mentoring_list")),
    Page(
        "learning:mentoring_figures",
        "programme_manager",
        add_mentoring_in_honduras,
        named("learning:mentoring_figures"),
        DASHBOARD_BUDGET,
    ),
    Page("learning:community", None, add_community_profiles, named("learning:community")),
    Page("commitments:list", None, add_verified_commitments, named("commitments:list")),
    Page("commitments:queue", "reviewer", add_pending_commitments, named("commitments:queue")),
    Page(
        "api services",
        None,
        add_hubs_with_services,
        fixed("/api/v1/services/"),
        HSDS_DOCUMENT_BUDGET,
    ),
    Page("api hubs", None, add_hubs_with_services, fixed("/api/v1/hubs/")),
    Page("api pathways", None, add_pathways, fixed("/api/v1/pathways/")),
    Page("api commitments", None, add_verified_commitments, fixed("/api/v1/commitments/")),
    Page("api organisations", None, add_organisations, fixed("/api/v1/organisations/")),
    Page(
        "reports:dashboard",
        "programme_manager",
        add_consultations,
        named("reports:dashboard", query=f"?country={HONDURAS}&year={THIS_YEAR}"),
        REPORTS_BUDGET,
    ),
    Page(
        "reports:public",
        None,
        add_consultations,
        named("reports:public", query=f"?country={HONDURAS}&year={THIS_YEAR}"),
        REPORTS_BUDGET,
    ),
]


# ------------------------------------------------------------------ the test


@pytest.fixture
def scene(world: World, settings: object, tmp_path: object) -> Scene:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    # Budgets are for building a page; serving it from the public cache is tested on its own.
    settings.PUBLIC_CACHE_SECONDS = 0  # type: ignore[attr-defined]
    hub, other = world_hubs(world)
    return Scene(world=world, hub=hub, other_hub=other)


def client_for(scene: Scene, who: str | None) -> Client:
    client = Client()
    if who is not None:
        client.force_login(scene.world.user(who))
    return client


def queries_to_open(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(captured)


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_queries_do_not_grow_with_its_rows(scene: Scene, page: Page) -> None:
    client = client_for(scene, page.who)
    page.grow(scene, FEW)
    url = page.url(scene)
    queries_to_open(client, url)  # fills the per-process caches
    with_few = queries_to_open(client, url)
    page.grow(scene, MORE)
    queries_to_open(client, url)  # the new rows changed roles or data: the caches fill again
    with_more = queries_to_open(client, url)
    assert with_more <= with_few, f"{page}: {with_few} queries with {FEW} rows, {with_more} after"
    assert with_few <= page.budget, f"{page}: {with_few} queries, budget {page.budget}"


def test_results_page_stays_within_budget(world: World, settings: object, tmp_path: object) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    assessment = round_at(world, Stage.CERTIFIED)
    client = Client()
    client.force_login(world.user("focal_point"))
    url = reverse("assessments:results", args=[assessment.pk])
    queries_to_open(client, url)
    assert queries_to_open(client, url) <= DASHBOARD_BUDGET
