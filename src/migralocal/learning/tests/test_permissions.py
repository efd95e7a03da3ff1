"""Every role in the world against every Learning permission, through has_perm and pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from migralocal.core.tests.world import ROLE_NAMES, World
from migralocal.learning import services
from migralocal.learning.models import Certificate, MentoringEngagement, SelfAssessment
from migralocal.learning.tests.builders import area, make_course, make_event

EVERYONE = {*ROLE_NAMES, "anonymous"}
SIGNED_IN = set(ROLE_NAMES)
MEMBERS = {"hub_staff", "other_hub_staff", "focal_point", "member"}


class Things:
    def __init__(self, world: World) -> None:
        self.course_mx = make_course(world.mexico, "mx")
        self.draft_sv = make_course(world.el_salvador, "draft-sv", is_published=False)
        self.public_event_hn = make_event(world.honduras, "public-hn")
        self.members_event_sv = make_event(world.el_salvador, "members-sv", is_public=False)
        self.engagement_mx = services.mentoring_start(
            mentor=world.user("mentor"),
            organisation=world.mexican_cso,
            areas=[area("financial-sustainability")],
            started_on=dt.date(2026, 1, 10),
        )
        self.assessment_mx = SelfAssessment.objects.create(organisation=world.mexican_cso)
        enrolment = services.course_enrol(course=self.course_mx, user=world.user("member"))
        enrolment.completed_at = dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
        enrolment.save()
        self.certificate = services.certificate_issue(enrolment=enrolment)


TABLE: list[tuple[str, Callable[[World, Things], Any], set[str]]] = [
    ("learning.view_course", lambda w, t: t.course_mx, EVERYONE),
    ("learning.view_course", lambda w, t: t.draft_sv, {"admin"}),
    ("learning.enrol_in_course", lambda w, t: t.course_mx, SIGNED_IN),
    ("learning.enrol_in_course", lambda w, t: t.draft_sv, {"admin"}),
    ("learning.follow_own_learning", lambda w, t: None, SIGNED_IN),
    ("learning.manage_course", lambda w, t: t.course_mx, {"admin", "trainer"}),
    ("learning.manage_course", lambda w, t: t.draft_sv, {"admin"}),
    ("learning.view_course_progress", lambda w, t: t.course_mx, {"admin", "trainer"}),
    (
        "learning.view_course_progress",
        lambda w, t: t.draft_sv,
        {"admin", "programme_manager"},
    ),
    (
        "learning.view_training_progress",
        lambda w, t: None,
        {"admin", "trainer", "programme_manager"},
    ),
    ("learning.download_certificate", lambda w, t: t.certificate, {"admin", "member", "trainer"}),
    ("learning.assess_organisation_capacity", lambda w, t: w.mexican_cso, {"admin", "member"}),
    (
        "learning.assess_organisation_capacity",
        lambda w, t: w.el_progreso_municipality,
        {"admin", "focal_point"},
    ),
    (
        "learning.take_capacity_self_assessment",
        lambda w, t: None,
        {"admin", "focal_point", "member"},
    ),
    (
        "learning.view_capacity_self_assessment",
        lambda w, t: t.assessment_mx,
        {"admin", "member", "trainer", "mentor"},
    ),
    ("learning.view_event", lambda w, t: t.public_event_hn, EVERYONE),
    ("learning.view_event", lambda w, t: t.members_event_sv, SIGNED_IN),
    ("learning.register_for_event", lambda w, t: t.public_event_hn, EVERYONE),
    ("learning.register_for_event", lambda w, t: t.members_event_sv, {"admin", *MEMBERS}),
    ("learning.manage_event", lambda w, t: t.public_event_hn, {"admin", "trainer"}),
    ("learning.manage_event", lambda w, t: t.members_event_sv, {"admin"}),
    (
        "learning.view_event_figures",
        lambda w, t: t.public_event_hn,
        {"admin", "trainer", "programme_manager"},
    ),
    (
        "learning.view_event_figures",
        lambda w, t: t.members_event_sv,
        {"admin", "programme_manager"},
    ),
    ("learning.view_event_reports", lambda w, t: None, {"admin", "trainer", "programme_manager"}),
    ("learning.view_mentoring", lambda w, t: t.engagement_mx, {"admin", "mentor", "member"}),
    ("learning.keep_mentoring_record", lambda w, t: t.engagement_mx, {"admin", "mentor"}),
    ("learning.start_mentoring", lambda w, t: w.mexican_cso, {"admin", "mentor"}),
    (
        "learning.start_mentoring",
        lambda w, t: w.el_progreso_municipality,
        {"admin", "programme_manager"},
    ),
    (
        "learning.browse_mentoring",
        lambda w, t: None,
        {"admin", "mentor", "programme_manager", *MEMBERS},
    ),
    (
        "learning.view_mentoring_figures",
        lambda w, t: None,
        {"admin", "mentor", "programme_manager"},
    ),
]


def as_user(world: World, role: str) -> Any:
    return AnonymousUser() if role == "anonymous" else world.user(role)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("permission", "target", "allowed"), TABLE, ids=[f"{r[0]}#{i}" for i, r in enumerate(TABLE)]
)
def test_permission_table(world: World, permission: str, target: Any, allowed: set[str]) -> None:
    things = Things(world)
    obj = target(world, things)
    for role in sorted(EVERYONE):
        expected = role in allowed
        assert as_user(world, role).has_perm(permission, obj) is expected, (role, permission)


def client_for(world: World, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.user(role))  # sign-in itself: core/tests/test_accounts.py
    return client


def status_of(world: World, role: str, url: str) -> int:
    return client_for(world, role).get(url).status_code


@pytest.mark.django_db
def test_pages_answer_each_role_as_the_rules_say(world: World) -> None:
    things = Things(world)
    engagement = things.engagement_mx
    pages: list[tuple[str, set[str]]] = [
        (reverse("learning:catalogue"), EVERYONE),
        (reverse("learning:community"), EVERYONE),
        (reverse("learning:event_list"), EVERYONE),
        (things.course_mx.get_absolute_url(), EVERYONE),
        (things.public_event_hn.get_absolute_url(), EVERYONE),
        (
            reverse("learning:certificate_verify", args=[things.certificate.verification_code]),
            EVERYONE,
        ),
        (reverse("learning:my_learning"), SIGNED_IN),
        (reverse("learning:training_progress"), {"admin", "trainer", "programme_manager"}),
        (reverse("learning:event_report"), {"admin", "trainer", "programme_manager"}),
        (
            reverse("learning:event_attendance", args=[things.public_event_hn.slug]),
            {"admin", "trainer"},
        ),
        (
            reverse("learning:event_figures", args=[things.public_event_hn.slug]),
            {"admin", "trainer", "programme_manager"},
        ),
        (engagement.get_absolute_url(), {"admin", "mentor", "member"}),
        (reverse("learning:mentoring_figures"), {"admin", "mentor", "programme_manager"}),
        (
            reverse("learning:certificate_pdf", args=[things.certificate.number]),
            {"admin", "member", "trainer"},
        ),
        (
            reverse("learning:self_assessment", args=[world.mexican_cso.slug]),
            {"admin", "member"},
        ),
    ]
    for url, allowed in pages:
        for role in sorted(EVERYONE):
            status = status_of(world, role, url)
            if role in allowed:
                assert status == 200, (url, role, status)
            else:
                assert status in {302, 403, 404}, (url, role, status)
                if role == "anonymous":
                    assert status in {302, 404}, (url, status)


@pytest.mark.django_db
def test_mentoring_notes_are_seen_by_the_pair_and_the_programme_only(world: World) -> None:
    things = Things(world)
    services.mentoring_session_record(
        engagement=things.engagement_mx,
        held_on=dt.date(2026, 2, 1),
        duration_minutes=90,
        notes="Presupuesto anual revisado",
    )
    url = things.engagement_mx.get_absolute_url()
    for role in ("mentor", "member", "admin"):
        assert "Presupuesto anual revisado" in client_for(world, role).get(url).content.decode()
    for role in ("trainer", "programme_manager", "focal_point", "no_role"):
        response = client_for(world, role).get(url)
        assert "Presupuesto anual revisado" not in response.content.decode(), role
    # A programme manager in the organisation's country sees them.
    world.mexican_cso.country = world.honduras
    world.mexican_cso.save()
    assert "Presupuesto" in client_for(world, "programme_manager").get(url).content.decode()


@pytest.mark.django_db
def test_trainer_sees_progress_only_of_courses_in_their_countries(world: World) -> None:
    things = Things(world)
    other = make_course(world.el_salvador, "sv-open")
    services.course_enrol(course=other, user=world.user("other_hub_staff"))
    page = client_for(world, "trainer").get(reverse("learning:training_progress")).content.decode()
    assert "member@example.org" in page or "Test" in page
    assert "other_hub_staff@example.org" not in page
    export = client_for(world, "trainer").get(reverse("learning:training_progress") + "?format=csv")
    text = export.content.decode("utf-8-sig")
    assert "member@example.org" in text and "other_hub_staff@example.org" not in text
    manager = client_for(world, "programme_manager")
    text = manager.get(reverse("learning:training_progress") + "?format=csv").content.decode()
    assert "other_hub_staff@example.org" in text and "member@example.org" not in text
    assert things.course_mx


@pytest.mark.django_db
def test_member_cannot_keep_the_mentoring_record(world: World) -> None:
    things = Things(world)
    response = client_for(world, "member").post(
        things.engagement_mx.get_absolute_url(),
        {"action": "session", "held_on": "2026-02-01", "duration_minutes": "30", "notes": "x"},
    )
    assert response.status_code == 403
    assert not MentoringEngagement.objects.get().sessions.exists()
    assert Certificate.objects.count() == 1
