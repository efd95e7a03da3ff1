"""An organisation asks for mentoring; a mentor or programme manager accepts it (starting the
engagement) or declines it with a reason. Permissions for every role of the world."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from migralocal.core.tests.world import ROLE_NAMES, World
from migralocal.learning import services
from migralocal.learning.models import MentoringEngagement, MentoringRequest
from migralocal.learning.tests.builders import area

pytestmark = pytest.mark.django_db

EVERYONE = {*ROLE_NAMES, "anonymous"}


def ask(world: World, **goals: str) -> MentoringRequest:
    """The Mexican organisation's member asks (the world's mentor covers Mexico)."""
    goals = goals or {"financial-sustainability": "Un presupuesto anual con dos donantes"}
    return services.mentoring_request_submit(
        organisation=world.mexican_cso,
        user=world.user("member"),
        goals={area(code.replace("_", "-")): text for code, text in goals.items()},
    )


def as_user(world: World, role: str) -> Any:
    return AnonymousUser() if role == "anonymous" else world.user(role)


def client_for(world: World, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.user(role))
    return client


# ---------------------------------------------------------------- services


def test_a_member_asks_with_a_goal_per_area(world: World) -> None:
    asked = ask(
        world,
        financial_sustainability="Un presupuesto anual",
        digital_transformation="  ",
        organisational_adaptability="Un plan de continuidad",
    )
    assert asked.status == MentoringRequest.Status.PENDING
    assert asked.requested_by == world.user("member")
    assert set(asked.areas.values_list("code", flat=True)) == {
        "financial-sustainability",
        "organisational-adaptability",
    }
    assert asked.goals["organisational-adaptability"] == "Un plan de continuidad"


def test_a_request_needs_a_goal_and_only_one_waits_at_a_time(world: World) -> None:
    with pytest.raises(ValidationError):
        ask(world, financial_sustainability="   ")
    ask(world)
    with pytest.raises(ValidationError):
        ask(world)


def test_someone_outside_the_organisation_cannot_ask_for_it(world: World) -> None:
    for role in ("hub_staff", "mentor", "no_role"):
        with pytest.raises(PermissionDenied):
            services.mentoring_request_submit(
                organisation=world.mexican_cso,
                user=world.user(role),
                goals={area("financial-sustainability"): "x"},
            )


def test_the_mentor_accepts_and_the_engagement_starts_with_the_goals(
    world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    asked = ask(world)
    with django_capture_on_commit_callbacks(execute=True):
        engagement = services.mentoring_request_accept(
            request=asked, decided_by=world.user("mentor"), started_on=dt.date(2026, 11, 2)
        )
    asked.refresh_from_db()
    assert asked.status == MentoringRequest.Status.ACCEPTED
    assert asked.engagement == engagement and asked.decided_by == world.user("mentor")
    assert engagement.mentor == world.user("mentor")
    assert engagement.organisation == world.mexican_cso
    assert list(engagement.goals.values_list("description", flat=True)) == [
        "Un presupuesto anual con dos donantes"
    ]
    (message,) = mail.outbox
    assert message.to == [world.user("member").email]
    assert engagement.get_absolute_url().split("/", 2)[2] in str(message.body)


def test_a_programme_manager_accepts_by_naming_a_mentor_of_the_country(world: World) -> None:
    world.mexican_cso.country = world.honduras  # the manager covers Honduras
    world.mexican_cso.save()
    asked = ask(world)
    with pytest.raises(ValidationError):
        services.mentoring_request_accept(
            request=asked, decided_by=world.user("programme_manager"), mentor=world.user("member")
        )
    engagement = services.mentoring_request_accept(
        request=asked, decided_by=world.user("programme_manager")
    )
    assert engagement.mentor == world.user("programme_manager")


def test_declining_needs_a_reason_and_an_answered_request_stays_answered(
    world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    asked = ask(world)
    with pytest.raises(ValidationError):
        services.mentoring_request_decline(
            request=asked, decided_by=world.user("mentor"), reason="  "
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.mentoring_request_decline(
            request=asked, decided_by=world.user("mentor"), reason="Sin cupo este semestre"
        )
    asked.refresh_from_db()
    assert asked.status == MentoringRequest.Status.DECLINED
    assert "Sin cupo este semestre" in str(mail.outbox[0].body)
    with pytest.raises(ValidationError):
        services.mentoring_request_accept(request=asked, decided_by=world.user("mentor"))
    assert not MentoringEngagement.objects.exists()


def test_a_mentor_of_another_country_cannot_answer(world: World) -> None:
    world.mexican_cso.country = world.el_salvador
    world.mexican_cso.save()
    asked = ask(world)
    with pytest.raises(PermissionDenied):
        services.mentoring_request_accept(request=asked, decided_by=world.user("mentor"))


# ---------------------------------------------------------------- permissions


TABLE: list[tuple[str, Callable[[World, MentoringRequest], Any], set[str]]] = [
    ("learning.request_mentoring", lambda w, r: w.mexican_cso, {"admin", "member"}),
    (
        "learning.request_mentoring",
        lambda w, r: w.el_progreso_municipality,
        {"admin", "focal_point"},
    ),
    ("learning.view_mentoring_request", lambda w, r: r, {"admin", "member", "mentor"}),
    ("learning.answer_mentoring_request", lambda w, r: r, {"admin", "mentor"}),
    ("learning.follow_path", lambda w, r: None, set(ROLE_NAMES)),
]


@pytest.mark.parametrize(
    ("permission", "target", "allowed"), TABLE, ids=[f"{r[0]}#{i}" for i, r in enumerate(TABLE)]
)
def test_permission_table(world: World, permission: str, target: Any, allowed: set[str]) -> None:
    obj = target(world, ask(world))
    for role in sorted(EVERYONE):
        assert as_user(world, role).has_perm(permission, obj) is (role in allowed), role


def test_pages_answer_each_role_as_the_rules_say(world: World) -> None:
    asked = ask(world)
    pages = [
        (
            reverse("learning:mentoring_request_create", args=[world.mexican_cso.slug]),
            {"admin", "member"},
        ),
        (asked.get_absolute_url(), {"admin", "member", "mentor"}),
        (
            reverse("learning:mentoring_request_list"),
            {"admin", "mentor", "programme_manager", "hub_staff", "other_hub_staff"}
            | {"focal_point", "member"},
        ),
    ]
    for url, allowed in pages:
        for role in sorted(EVERYONE):
            status = client_for(world, role).get(url).status_code
            if role in allowed:
                assert status == 200, (url, role, status)
            else:
                assert status in {302, 403, 404}, (url, role, status)


def test_the_request_list_shows_each_role_what_it_may_see(world: World) -> None:
    ask(world)
    url = reverse("learning:mentoring_request_list")
    for role, sees in (("member", True), ("mentor", True), ("hub_staff", False)):
        page = client_for(world, role).get(url).content.decode()
        assert ("Colectivo Caminos" in page) is sees, role


def test_a_member_asks_on_the_page_and_the_mentor_accepts_on_the_page(
    world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    member = client_for(world, "member")
    url = reverse("learning:mentoring_request_create", args=[world.mexican_cso.slug])
    empty = member.post(url, {})
    assert "Escriba un objetivo para al menos un área." in empty.content.decode()
    response = member.post(url, {"goal_digital-transformation": "Un sitio web accesible"})
    asked = MentoringRequest.objects.get()
    assert response["Location"] == asked.get_absolute_url()
    # The member sees the request but not the answer form.
    assert 'name="decision"' not in member.get(asked.get_absolute_url()).content.decode()
    assert member.post(asked.get_absolute_url(), {"decision": "accept"}).status_code == 403

    mentor = client_for(world, "mentor")
    no_reason = mentor.post(asked.get_absolute_url(), {"decision": "decline", "reason": ""})
    assert "Indique por qué se rechaza la solicitud." in no_reason.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        accepted = mentor.post(asked.get_absolute_url(), {"decision": "accept"})
    engagement = MentoringEngagement.objects.get()
    assert accepted["Location"] == engagement.get_absolute_url()
    assert "Un sitio web accesible" in member.get(engagement.get_absolute_url()).content.decode()
    assert len(mail.outbox) == 1
