"""The cycle as a state machine: every transition, allowed and refused, by role and by stage."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone, translation

from migralocal.assessments import selectors, services
from migralocal.assessments.models import STAGE_ORDER, Assessment, PriorityRating, Stage
from migralocal.assessments.tests.helpers import (
    GOOD_ANSWERS,
    answer_all,
    letter,
    question,
    round_at,
)
from migralocal.core.models import User
from migralocal.core.tests.files import image_bytes
from migralocal.core.tests.world import ROLE_NAMES, World
from migralocal.learning.models import Enrolment
from migralocal.learning.tests.builders import make_course

pytestmark = pytest.mark.django_db
EVERYONE = [*ROLE_NAMES, "anonymous"]


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages are matched in English (the tests' default language is Spanish)."""
    with translation.override("en"):
        yield


def as_user(world: World, role: str) -> Any:
    return AnonymousUser() if role == "anonymous" else world.user(role)


def apply(world: World, user: User, year: int = 2027) -> Assessment:
    return services.application_submit(
        organisation=world.el_progreso_municipality,
        user=user,
        year=year,
        population=1,
        migrant_population=None,
        current_work="x",
        motivation="y",
        mayor_name="z",
        letter=letter(),
    )


def first_action(a: Assessment) -> Any:
    return a.actions.get()


# name → (stage the round is in, the call, roles allowed besides platform admins)
TRANSITIONS: dict[str, tuple[str | None, Callable[[Assessment, Any], Any], set[str]]] = {
    "accept": (
        Stage.APPLIED,
        lambda a, u: services.application_accept(assessment=a, user=u),
        {"reviewer"},
    ),
    "decline": (
        Stage.APPLIED,
        lambda a, u: services.application_decline(assessment=a, user=u, note="No."),
        {"reviewer"},
    ),
    "record official": (
        Stage.TRAINING,
        lambda a, u: services.official_record(
            assessment=a, user=u, position="Jefa", gender="woman", modules_completed=4
        ),
        {"focal_point"},
    ),
    "answer": (
        Stage.SELF_ASSESSMENT,
        lambda a, u: services.answer_save(
            assessment=a,
            question=question(a.framework, "q1"),
            user=u,
            expected_version=0,
            choice="yes",
        ),
        {"focal_point"},
    ),
    "comment": (
        Stage.SUBMITTED,
        lambda a, u: services.review_comment_add(
            answer=a.answers.all()[0], user=u, text="Revisar."
        ),
        {"reviewer"},
    ),
    "return": (
        Stage.SUBMITTED,
        lambda a, u: services.assessment_return(assessment=a, user=u, note="Revisar."),
        {"reviewer"},
    ),
    "validate": (
        Stage.SUBMITTED,
        lambda a, u: services.assessment_validate(assessment=a, user=u),
        {"reviewer"},
    ),
    "workshop": (
        Stage.VALIDATED,
        lambda a, u: services.workshop_record(
            assessment=a,
            user=u,
            held_on=datetime.date(2026, 5, 1),
            facilitators="F",
            findings="H",
            participants=[{"role": "R", "organisation": "O", "gender": "woman"}],
        ),
        {"reviewer", "focal_point"},
    ),
    "rate": (
        Stage.WORKSHOP,
        lambda a, u: services.priority_rate(
            assessment=a,
            user=u,
            participant=a.workshop.participants.all()[0],
            dimension=services.areas_with_potential(a)[0],
            impact=5,
            feasibility=3,
        ),
        {"focal_point"},
    ),
    "select priorities": (
        Stage.WORKSHOP,
        lambda a, u: services.priorities_select(
            assessment=a, user=u, dimensions=services.areas_with_potential(a)
        ),
        {"focal_point"},
    ),
    "add action": (
        Stage.PRIORITISED,
        lambda a, u: services.action_save(
            assessment=a,
            user=u,
            priority=a.priorities.get(),
            indicator=a.priorities.get().dimension.indicators.first(),
            title="T",
            owner="O",
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2026, 2, 1),
        ),
        {"focal_point"},
    ),
    "approve plan": (
        Stage.PLAN_SUBMITTED,
        lambda a, u: services.work_plan_approve(assessment=a, user=u),
        {"reviewer"},
    ),
    "return plan": (
        Stage.PLAN_SUBMITTED,
        lambda a, u: services.work_plan_return(assessment=a, user=u, note="Más."),
        {"reviewer"},
    ),
    "report progress": (
        Stage.MONITORING,
        lambda a, u: services.progress_report(
            action=first_action(a), user=u, status="in_progress", progress=40, note="Bien."
        ),
        {"focal_point"},
    ),
    "certify": (
        Stage.MONITORING,
        lambda a, u: services.certificate_award(assessment=a, user=u),
        {"reviewer"},
    ),
    "renew": (
        Stage.CERTIFIED,
        lambda a, u: services.renewal_start(assessment=a, user=u, year=2027),
        {"focal_point"},
    ),
}


def _submit(a: Assessment, u: Any) -> Any:
    return services.assessment_submit(assessment=a, user=u)


def _prepare(name: str, assessment: Assessment, world: World) -> None:
    if name == "submit":
        answer_all(assessment, world.user("focal_point"))


TRANSITIONS["submit"] = (Stage.SELF_ASSESSMENT, _submit, {"focal_point"})  # answers come first
CASES = [
    (name, role)
    for name, (_s, _c, allowed) in TRANSITIONS.items()
    for role in sorted({"admin", *allowed})
]


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_transition_is_allowed_to_its_roles(world: World, name: str, role: str) -> None:
    stage, call, _allowed = TRANSITIONS[name]
    assessment = round_at(world, stage or Stage.APPLIED)
    _prepare(name, assessment, world)
    call(assessment, world.user(role))


@pytest.mark.parametrize("name", list(TRANSITIONS))
def test_transition_is_refused_to_every_other_role(world: World, name: str) -> None:
    stage, call, allowed = TRANSITIONS[name]
    assessment = round_at(world, stage or Stage.APPLIED)
    _prepare(name, assessment, world)
    for role in EVERYONE:
        if role in allowed or role == "admin":
            continue
        with pytest.raises(PermissionDenied):
            call(assessment, as_user(world, role))
        assessment.refresh_from_db()
        assert assessment.stage == stage, role


def test_application_is_refused_to_everyone_but_the_focal_point_and_admin(world: World) -> None:
    from migralocal.assessments.tests.helpers import published_small_framework

    published_small_framework()
    for role in EVERYONE:
        if role in {"admin", "focal_point"}:
            assert (
                apply(world, as_user(world, role), year=2030 + EVERYONE.index(role)).stage
                == Stage.APPLIED
            )
        else:
            with pytest.raises(PermissionDenied):
                apply(world, as_user(world, role))
    assert Assessment.objects.count() == 2


# Each transition's allowed stages; it is refused at every other stage.
ALLOWED_STAGES = {
    "accept": {Stage.APPLIED},
    "decline": {Stage.APPLIED},
    "confirm training": {Stage.TRAINING},
    "submit": {Stage.SELF_ASSESSMENT, Stage.RETURNED},
    "return": {Stage.SUBMITTED},
    "validate": {Stage.SUBMITTED},
    "approve plan": {Stage.PLAN_SUBMITTED},
    "return plan": {Stage.PLAN_SUBMITTED},
    "submit plan": {Stage.PRIORITISED},
    "certify": {Stage.MONITORING},
    "renew": {Stage.CERTIFIED},
}
STAGE_CALLS: dict[str, Callable[[Assessment, Any], Any]] = {
    "accept": TRANSITIONS["accept"][1],
    "decline": TRANSITIONS["decline"][1],
    "confirm training": lambda a, u: services.training_confirm(assessment=a, user=u),
    "submit": _submit,
    "return": TRANSITIONS["return"][1],
    "validate": TRANSITIONS["validate"][1],
    "approve plan": TRANSITIONS["approve plan"][1],
    "return plan": TRANSITIONS["return plan"][1],
    "submit plan": lambda a, u: services.work_plan_submit(assessment=a, user=u),
    "certify": TRANSITIONS["certify"][1],
    "renew": lambda a, u: services.renewal_start(assessment=a, user=u, year=2040),
}


def test_every_transition_is_refused_at_every_other_stage(world: World) -> None:
    rounds = {stage: round_at(world, stage, year=2000 + index) for index, stage in enumerate(Stage)}
    admin = world.user("admin")
    for name, allowed in ALLOWED_STAGES.items():
        for stage, assessment in rounds.items():
            if stage in allowed:
                continue
            with pytest.raises(services.TransitionRefused):
                STAGE_CALLS[name](assessment, admin)
            assessment.refresh_from_db()
            assert assessment.stage == stage, (name, stage)


def test_answers_are_refused_outside_the_self_assessment(world: World) -> None:
    assessment = round_at(world, Stage.SUBMITTED)
    with pytest.raises(services.TransitionRefused):
        TRANSITIONS["answer"][1](assessment, world.user("focal_point"))


def test_a_returned_assessment_can_be_fixed_and_submitted_again(world: World) -> None:
    assessment = round_at(world, Stage.RETURNED)
    focal = world.user("focal_point")
    q3 = question(assessment.framework, "q3")
    version = assessment.answers.get(question=q3).version
    services.answer_save(
        assessment=assessment, question=q3, user=focal, expected_version=version, number=Decimal(8)
    )
    services.assessment_submit(assessment=assessment, user=focal)
    assert assessment.stage == Stage.SUBMITTED


def test_training_must_be_completed_before_the_self_assessment(world: World) -> None:
    assessment = round_at(world, Stage.TRAINING)
    focal = world.user("focal_point")
    services.official_record(
        assessment=assessment, user=focal, position="P", gender="man", modules_completed=3
    )
    with pytest.raises(services.TransitionRefused, match="four training modules"):
        services.training_confirm(assessment=assessment, user=focal)


def test_training_completed_on_the_platforms_courses_opens_the_self_assessment(
    world: World,
) -> None:
    """No official recorded by hand: the four certification courses, finished by an official of
    the municipality in Learning, are enough."""
    assessment = round_at(world, Stage.TRAINING)
    focal = world.user("focal_point")
    courses = [
        make_course(world.honduras, f"modulo-{number}", certification_module=number)
        for number in range(1, 5)
    ]
    assert not services.training_completed(assessment)
    for course in courses[:3]:
        Enrolment.objects.create(course=course, user=focal, completed_at=timezone.now())
    assert not services.training_completed(assessment)
    Enrolment.objects.create(course=courses[3], user=focal, completed_at=timezone.now())
    assert services.training_completed(assessment)
    services.training_confirm(assessment=assessment, user=focal)
    assert assessment.stage == Stage.SELF_ASSESSMENT


def test_submission_needs_every_answer_and_the_required_evidence(world: World) -> None:
    assessment = round_at(world, Stage.SELF_ASSESSMENT)
    focal = world.user("focal_point")
    with pytest.raises(services.TransitionRefused, match="6 questions without an answer"):
        services.assessment_submit(assessment=assessment, user=focal)
    for code, values in GOOD_ANSWERS.items():
        services.answer_save(
            assessment=assessment,
            question=question(assessment.framework, code),
            user=focal,
            expected_version=0,
            **values,
        )
    with pytest.raises(services.TransitionRefused, match="1 without the evidence"):
        services.assessment_submit(assessment=assessment, user=focal)


def test_concurrent_edit_of_one_answer_is_detected_not_overwritten(world: World) -> None:
    assessment = round_at(world, Stage.SELF_ASSESSMENT)
    focal, admin = world.user("focal_point"), world.user("admin")
    q1 = question(assessment.framework, "q1")
    first = services.answer_save(
        assessment=assessment, question=q1, user=focal, expected_version=0, choice="yes"
    )
    assert first.version == 1
    # A second official opened the answer at version 0 too, and saves a different value.
    with pytest.raises(services.AnswerConflict) as raised:
        services.answer_save(
            assessment=assessment, question=q1, user=admin, expected_version=0, choice="no"
        )
    assert raised.value.current.choice == "yes"
    first.refresh_from_db()
    assert (first.choice, first.version) == ("yes", 1)
    # Saving the value that is already stored is not a conflict.
    services.answer_save(
        assessment=assessment, question=q1, user=admin, expected_version=0, choice="yes"
    )
    # Having seen the newer version, the change goes through.
    second = services.answer_save(
        assessment=assessment, question=q1, user=admin, expected_version=1, choice="no"
    )
    assert (second.choice, second.version) == ("no", 2)


def test_not_applicable_only_where_the_question_allows_it(world: World) -> None:
    assessment = round_at(world, Stage.SELF_ASSESSMENT)
    focal = world.user("focal_point")
    with pytest.raises(ValidationError):
        services.answer_save(
            assessment=assessment,
            question=question(assessment.framework, "q1"),
            user=focal,
            expected_version=0,
            not_applicable=True,
        )
    answer = services.answer_save(
        assessment=assessment,
        question=question(assessment.framework, "q2"),
        user=focal,
        expected_version=0,
        not_applicable=True,
    )
    assert answer.not_applicable and answer.is_given


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("acta.pdf", b"%PDF-1.7 real", True),
        ("foto.png", image_bytes("PNG"), True),
        ("foto.jpg", image_bytes("JPEG"), True),
        ("foto.png", b"\x89PNG\r\n\x1a\n but not an image", False),
        ("acta.pdf", b"MZ\x90\x00 an executable", False),
        ("script.exe", b"%PDF-1.7", False),
        ("informe.docx", b"PK\x03\x04 not a real zip", False),
    ],
)
def test_evidence_files_are_checked_by_content(
    world: World, name: str, content: bytes, accepted: bool
) -> None:
    assessment = round_at(world, Stage.SELF_ASSESSMENT)
    focal = world.user("focal_point")
    answer = services.answer_save(
        assessment=assessment,
        question=question(assessment.framework, "q1"),
        user=focal,
        expected_version=0,
        choice="yes",
    )
    upload = SimpleUploadedFile(name, content)
    if accepted:
        assert services.evidence_add(answer=answer, user=focal, file=upload).original_name == name
    else:
        with pytest.raises(ValidationError):
            services.evidence_add(answer=answer, user=focal, file=upload)
        assert not answer.evidence.exists()


def test_a_real_office_document_is_accepted_and_large_files_are_not(
    world: World, tmp_path: Any
) -> None:
    from openpyxl import Workbook

    assessment = round_at(world, Stage.SELF_ASSESSMENT)
    focal = world.user("focal_point")
    answer = services.answer_save(
        assessment=assessment,
        question=question(assessment.framework, "q1"),
        user=focal,
        expected_version=0,
        choice="yes",
    )
    path = tmp_path / "datos.xlsx"
    Workbook().save(path)
    services.evidence_add(
        answer=answer, user=focal, file=SimpleUploadedFile("datos.xlsx", path.read_bytes())
    )
    with (
        override_settings(ASSESSMENTS_MAX_UPLOAD_MB=0),
        pytest.raises(ValidationError, match="larger"),
    ):
        services.evidence_add(
            answer=answer, user=focal, file=SimpleUploadedFile("a.pdf", b"%PDF-1.4")
        )


def test_the_letter_of_intent_is_checked_by_content(world: World) -> None:
    from migralocal.assessments.tests.helpers import published_small_framework

    published_small_framework()
    with pytest.raises(ValidationError, match="does not match"):
        services.application_submit(
            organisation=world.el_progreso_municipality,
            user=world.user("focal_point"),
            year=2026,
            population=1,
            migrant_population=None,
            current_work="x",
            motivation="y",
            mayor_name="z",
            letter=letter("carta.pdf", b"<html>not a pdf</html>"),
        )
    assert not Assessment.objects.exists()


def test_ratings_rank_the_areas_with_potential(world: World) -> None:
    assessment = round_at(world, Stage.WORKSHOP)
    focal = world.user("focal_point")
    area = services.areas_with_potential(assessment)[0]
    for participant, (impact, feasibility) in zip(
        assessment.workshop.participants.all(), [(5, 4), (3, 2)], strict=True
    ):
        services.priority_rate(
            assessment=assessment,
            user=focal,
            participant=participant,
            dimension=area,
            impact=impact,
            feasibility=feasibility,
        )
    ranked = selectors.ranked_areas(assessment)
    assert ranked[0].dimension == area
    assert (ranked[0].impact, ranked[0].feasibility, ranked[0].ratings) == (4.0, 3.0, 2)
    assert ranked[0].priority_index == 12.0
    well_developed = assessment.framework.dimensions.get(code="health")
    with pytest.raises(ValidationError):
        services.priority_rate(
            assessment=assessment,
            user=focal,
            participant=assessment.workshop.participants.all()[0],
            dimension=well_developed,
            impact=1,
            feasibility=1,
        )


def test_a_rating_sheet_with_one_wrong_area_saves_no_rating(world: World) -> None:
    assessment = round_at(world, Stage.WORKSHOP)
    participant = assessment.workshop.participants.all()[0]
    area = services.areas_with_potential(assessment)[0]
    well_developed = assessment.framework.dimensions.get(code="health")
    with pytest.raises(ValidationError):
        services.participant_ratings_record(
            assessment=assessment,
            user=world.user("focal_point"),
            participant=participant,
            ratings={area: (4, 4), well_developed: (2, 2)},
        )
    assert not PriorityRating.objects.filter(assessment=assessment).exists()
    with pytest.raises(ValidationError):
        services.participant_ratings_record(
            assessment=assessment,
            user=world.user("focal_point"),
            participant=participant,
            ratings={area: (4, 9)},  # feasibility runs from 1 to 5
        )
    assert not PriorityRating.objects.filter(assessment=assessment).exists()
    saved = services.participant_ratings_record(
        assessment=assessment,
        user=world.user("focal_point"),
        participant=participant,
        ratings={area: (4, 3)},
    )
    assert [(rating.impact, rating.feasibility) for rating in saved] == [(4, 3)]


def test_gender_balance_of_workshop_participants(world: World) -> None:
    assessment = round_at(world, Stage.WORKSHOP)
    balance = {
        row["label"]: (row["count"], row["percent"])
        for row in selectors.gender_balance(selectors.participants_of(assessment))
    }
    assert balance["Woman"] == (1, 50) and balance["Man"] == (1, 50)


def test_work_plan_actions_must_move_an_indicator_of_their_priority(world: World) -> None:
    assessment = round_at(world, Stage.PRIORITISED)
    other = assessment.framework.dimensions.get(code="health").indicators.first()
    with pytest.raises(ValidationError):
        services.action_save(
            assessment=assessment,
            user=world.user("focal_point"),
            priority=assessment.priorities.get(),
            indicator=other,
            title="T",
            owner="O",
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2026, 2, 1),
        )
    with pytest.raises(services.TransitionRefused, match="at least one action"):
        services.work_plan_submit(assessment=assessment, user=world.user("focal_point"))


def test_overdue_actions_are_flagged(world: World) -> None:
    assessment = round_at(world, Stage.MONITORING)
    action = assessment.actions.get()
    assert action.is_overdue(datetime.date(2027, 1, 1))
    assert not action.is_overdue(datetime.date(2026, 12, 31))
    action.status = "done"
    assert not action.is_overdue(datetime.date(2027, 1, 1))


def test_certificate_needs_every_condition_and_they_are_configurable(world: World) -> None:
    assessment = round_at(world, Stage.MONITORING)
    assessment.officials.update(modules_completed=2)
    reviewer = world.user("reviewer")
    with pytest.raises(services.TransitionRefused, match="training modules"):
        services.certificate_award(assessment=assessment, user=reviewer)
    conditions = ("assessment_validated", "work_plan_approved")
    with override_settings(ASSESSMENTS_CERTIFICATION_CONDITIONS=conditions):
        certificate = services.certificate_award(
            assessment=assessment, user=reviewer, today=datetime.date(2026, 11, 1)
        )
    assert certificate.number == f"ML-2026-{certificate.pk:05d}"
    assert certificate.valid_until == datetime.date(2026, 12, 31)
    assert certificate.is_valid(datetime.date(2026, 12, 31)) and not certificate.is_valid(
        datetime.date(2027, 1, 1)
    )
    assert assessment.stage == Stage.CERTIFIED


def test_renewal_is_compared_with_the_last_round_and_needs_progress_reports(world: World) -> None:
    first = round_at(world, Stage.CERTIFIED)
    focal, reviewer = world.user("focal_point"), world.user("reviewer")
    renewal = services.renewal_start(assessment=first, user=focal, year=2027)
    assert (renewal.stage, renewal.previous) == (Stage.SELF_ASSESSMENT, first)
    better = {**GOOD_ANSWERS, "q1": {"choice": "yes"}, "q3": {"number": Decimal(10)}}
    answer_all(renewal, focal, better)
    services.assessment_submit(assessment=renewal, user=focal)
    services.assessment_validate(assessment=renewal, user=reviewer)
    comparison = selectors.comparison_with_previous(renewal, selectors.results_of(renewal))
    institutions = comparison[0]
    assert institutions.previous == 54.2 and institutions.current == 100.0
    assert institutions.change == 45.8
    renewal.stage = Stage.MONITORING
    renewal.save()
    with pytest.raises(services.TransitionRefused, match="previous work plan"):
        services.certificate_award(assessment=renewal, user=reviewer)


def test_the_stage_order_is_the_path_of_a_round_without_its_detours() -> None:
    assert [stage.value for stage in STAGE_ORDER] == [
        "applied",
        "training",
        "self_assessment",
        "submitted",
        "validated",
        "workshop",
        "prioritised",
        "plan_submitted",
        "monitoring",
        "certified",
    ]


@pytest.mark.parametrize(
    ("stage", "reached", "not_reached"),
    [
        (Stage.DECLINED, Stage.APPLIED, Stage.TRAINING),
        (Stage.RETURNED, Stage.SELF_ASSESSMENT, Stage.SUBMITTED),
        (Stage.VALIDATED, Stage.VALIDATED, Stage.WORKSHOP),
        (Stage.CERTIFIED, Stage.CERTIFIED, None),
    ],
)
def test_a_detour_stands_where_it_left_the_path(
    stage: Stage, reached: Stage, not_reached: Stage | None
) -> None:
    assessment = Assessment(stage=stage)
    assert assessment.has_reached(reached)
    assert not_reached is None or not assessment.has_reached(not_reached)
