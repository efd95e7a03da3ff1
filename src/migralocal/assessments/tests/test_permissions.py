"""Every role against every assessments permission, through has_perm and through the pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from migralocal.assessments.models import Answer, Assessment, Evidence, Question, Stage
from migralocal.assessments.tests.helpers import published_small_framework, round_at
from migralocal.core.tests.world import ROLE_NAMES, World

pytestmark = pytest.mark.django_db
EVERYONE = {*ROLE_NAMES, "anonymous"}


@dataclass
class Rounds:
    honduras: Assessment  # El Progreso, where focal_point works and reviewer reviews
    el_salvador: Assessment  # covered only by the programme manager


@pytest.fixture
def rounds(world: World) -> Rounds:
    honduras = round_at(world, Stage.SUBMITTED)
    el_salvador = Assessment.objects.create(
        organisation=world.san_salvador_municipality,
        country=world.el_salvador,
        framework=honduras.framework,
        year=2026,
        stage=Stage.SUBMITTED,
    )
    return Rounds(honduras, el_salvador)


def evidence_of(assessment: Assessment) -> Evidence:
    question = Question.objects.filter(indicator__dimension__framework=assessment.framework)[0]
    answer, _created = Answer.objects.get_or_create(assessment=assessment, question=question)
    return Evidence.objects.create(answer=answer, url="https://example.org/minutes.pdf")


TABLE: list[tuple[str, Callable[[World, Rounds], Any], set[str]]] = [
    (
        "assessments.browse_assessments",
        lambda w, r: None,
        {"admin", "focal_point", "reviewer", "programme_manager"},
    ),
    (
        "assessments.apply_for_certification",
        lambda w, r: w.el_progreso_municipality,
        {"admin", "focal_point"},
    ),
    ("assessments.apply_for_certification", lambda w, r: w.san_salvador_municipality, {"admin"}),
    (
        "assessments.view_assessment",
        lambda w, r: r.honduras,
        {"admin", "focal_point", "reviewer", "programme_manager"},
    ),
    ("assessments.view_assessment", lambda w, r: r.el_salvador, {"admin", "programme_manager"}),
    ("assessments.answer_assessment", lambda w, r: r.honduras, {"admin", "focal_point"}),
    ("assessments.answer_assessment", lambda w, r: r.el_salvador, {"admin"}),
    ("assessments.plan_assessment", lambda w, r: r.honduras, {"admin", "focal_point"}),
    ("assessments.decide_application", lambda w, r: r.honduras, {"admin", "reviewer"}),
    ("assessments.decide_application", lambda w, r: r.el_salvador, {"admin"}),
    ("assessments.review_assessment", lambda w, r: r.honduras, {"admin", "reviewer"}),
    ("assessments.review_assessment", lambda w, r: r.el_salvador, {"admin"}),
    ("assessments.record_workshop", lambda w, r: r.honduras, {"admin", "reviewer", "focal_point"}),
    ("assessments.approve_work_plan", lambda w, r: r.honduras, {"admin", "reviewer"}),
    ("assessments.award_certificate", lambda w, r: r.honduras, {"admin", "reviewer"}),
    ("assessments.award_certificate", lambda w, r: r.el_salvador, {"admin"}),
    ("assessments.manage_frameworks", lambda w, r: None, {"admin"}),
    # Evidence follows the rule of its round.
    (
        "assessments.view_evidence",
        lambda w, r: evidence_of(r.honduras),
        {"admin", "focal_point", "reviewer", "programme_manager"},
    ),
    (
        "assessments.view_evidence",
        lambda w, r: evidence_of(r.el_salvador),
        {"admin", "programme_manager"},
    ),
    ("assessments.remove_evidence", lambda w, r: evidence_of(r.honduras), {"admin", "focal_point"}),
    ("assessments.remove_evidence", lambda w, r: evidence_of(r.el_salvador), {"admin"}),
]


def as_user(world: World, role: str) -> Any:
    return AnonymousUser() if role == "anonymous" else world.user(role)


def client_for(world: World, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.user(role))
    return client


@pytest.mark.parametrize(
    ("permission", "target", "allowed"), TABLE, ids=[f"{row[0]}#{i}" for i, row in enumerate(TABLE)]
)
def test_permission_is_granted_exactly_to_the_listed_roles(
    world: World,
    rounds: Rounds,
    permission: str,
    target: Callable[[World, Rounds], Any],
    allowed: set[str],
) -> None:
    obj = target(world, rounds)
    granted = {role for role in sorted(EVERYONE) if as_user(world, role).has_perm(permission, obj)}
    assert granted == allowed


def test_table_covers_every_assessments_permission() -> None:
    import rules

    names = {name for name in rules.permissions.permissions if name.startswith("assessments.")}
    assert names == {row[0] for row in TABLE}


def expected_status(role: str, allowed: set[str], denied_status: int) -> int:
    if role == "anonymous":
        return 302
    return 200 if role in allowed else denied_status


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_pages_answer_each_role_as_its_permissions_say(
    world: World, rounds: Rounds, role: str
) -> None:
    client = client_for(world, role)
    pk = rounds.honduras.pk
    viewers = {"admin", "focal_point", "reviewer", "programme_manager"}
    pages = [
        ("/es/assessments/", viewers, 403),
        ("/es/assessments/apply/municipalidad-el-progreso/", {"admin", "focal_point"}, 403),
        (f"/es/assessments/{pk}/", viewers, 404),
        (f"/es/assessments/{pk}/results/", viewers, 404),
        (f"/es/assessments/{pk}/sections/institutions/", viewers, 404),
        (f"/es/assessments/{pk}/workshop/", viewers, 404),
        (f"/es/assessments/{pk}/plan/", viewers, 404),
        (f"/es/assessments/{pk}/letter/", viewers, 404),
        (f"/es/assessments/{rounds.el_salvador.pk}/", {"admin", "programme_manager"}, 404),
    ]
    for url, allowed, denied in pages:
        response = client.get(url)
        assert response.status_code == expected_status(role, allowed, denied), url
    for url in ("/es/assessments/certified/", "/en/assessments/certified/"):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_only_the_reviewer_and_admin_can_validate_through_the_page(
    world: World, rounds: Rounds, role: str
) -> None:
    client = client_for(world, role)
    response = client.post(f"/es/assessments/{rounds.honduras.pk}/do/validate/")
    rounds.honduras.refresh_from_db()
    if role in {"admin", "reviewer"}:
        assert response.status_code == 302
        assert rounds.honduras.stage == Stage.VALIDATED
    else:
        assert response.status_code in {302, 403, 404}
        assert rounds.honduras.stage == Stage.SUBMITTED


def test_frameworks_admin_is_read_only_once_published(world: World) -> None:
    framework = published_small_framework()
    client = client_for(world, "admin")
    page = client.get(f"/admin/assessments/framework/{framework.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    response = client.post(
        f"/admin/assessments/framework/{framework.pk}/change/", {"code": "changed"}
    )
    assert response.status_code == 403
    framework.refresh_from_db()
    assert framework.code == "small"
    assert client.get("/admin/assessments/question/").status_code == 200
