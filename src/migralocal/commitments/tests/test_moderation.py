"""The moderation state machine: who may take which decision, from which state, with what record."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from migralocal.commitments import services, tokens
from migralocal.commitments.models import Commitment, ModerationDecision, ModerationState
from migralocal.commitments.tests.builders import CommitmentBuilder
from migralocal.core.no_store import NO_STORE
from migralocal.core.tests.world import ROLE_NAMES, World

State = ModerationState
Action = ModerationDecision.Action


def decide(decision: str, commitment: Commitment, reviewer) -> Commitment:
    if decision == "verify":
        return services.commitment_verify(commitment=commitment, reviewer=reviewer)
    if decision == "request_changes":
        return services.commitment_request_changes(
            commitment=commitment, reviewer=reviewer, message="Añada las fechas."
        )
    if decision == "reject":
        return services.commitment_reject(
            commitment=commitment, reviewer=reviewer, reason="No es un compromiso."
        )
    return services.commitment_dismiss_flags(commitment=commitment, reviewer=reviewer)


# (decision, from state) -> resulting state, or None when the transition is refused.
TRANSITIONS: dict[tuple[str, str], str | None] = {
    ("verify", State.AWAITING_CONFIRMATION): None,
    ("verify", State.PENDING): State.VERIFIED,
    ("verify", State.VERIFIED): None,
    ("verify", State.CHANGES_REQUESTED): None,
    ("verify", State.REJECTED): None,
    ("request_changes", State.AWAITING_CONFIRMATION): None,
    ("request_changes", State.PENDING): State.CHANGES_REQUESTED,
    ("request_changes", State.VERIFIED): State.CHANGES_REQUESTED,
    ("request_changes", State.CHANGES_REQUESTED): None,
    ("request_changes", State.REJECTED): None,
    ("reject", State.AWAITING_CONFIRMATION): None,
    ("reject", State.PENDING): State.REJECTED,
    ("reject", State.VERIFIED): State.REJECTED,
    ("reject", State.CHANGES_REQUESTED): State.REJECTED,
    ("reject", State.REJECTED): None,
}


@pytest.mark.parametrize(("decision", "from_state"), list(TRANSITIONS))
def test_moderation_state_machine(
    decision: str, from_state: str, world: World, build: CommitmentBuilder
) -> None:
    commitment = build.in_state(from_state)
    expected = TRANSITIONS[(decision, from_state)]
    if expected is None:
        with pytest.raises(ValidationError):
            decide(decision, commitment, world.user("reviewer"))
        commitment.refresh_from_db()
        assert commitment.moderation_state == from_state
    else:
        decided = decide(decision, commitment, world.user("reviewer"))
        assert decided.moderation_state == expected
        last = decided.decisions.first()
        assert last is not None
        assert (last.from_state, last.to_state, last.actor) == (
            from_state,
            expected,
            world.user("reviewer"),
        )


@pytest.mark.parametrize("role", [role for role in ROLE_NAMES if role not in {"admin", "reviewer"}])
@pytest.mark.parametrize("decision", ["verify", "request_changes", "reject"])
def test_only_reviewers_in_the_country_and_admins_can_decide(
    role: str, decision: str, world: World, build: CommitmentBuilder
) -> None:
    commitment = build.pending()
    with pytest.raises(PermissionDenied):
        decide(decision, commitment, world.user(role))
    commitment.refresh_from_db()
    assert commitment.moderation_state == State.PENDING
    assert not commitment.decisions.filter(actor=world.user(role)).exists()


def test_reviewer_cannot_moderate_an_entry_outside_their_countries(
    world: World, build: CommitmentBuilder
) -> None:
    salvadoran = build.pending(organisation=world.san_salvador_municipality)
    with pytest.raises(PermissionDenied):
        services.commitment_verify(commitment=salvadoran, reviewer=world.user("reviewer"))
    assert services.commitment_verify(
        commitment=salvadoran, reviewer=world.user("admin")
    ).is_verified


def test_request_changes_needs_a_message_and_reject_needs_a_reason(
    world: World, build: CommitmentBuilder
) -> None:
    commitment = build.pending()
    reviewer = world.user("reviewer")
    with pytest.raises(ValidationError):
        services.commitment_request_changes(commitment=commitment, reviewer=reviewer, message=" ")
    with pytest.raises(ValidationError):
        services.commitment_reject(commitment=commitment, reviewer=reviewer, reason="")


def test_request_changes_emails_the_message_and_a_working_edit_link(
    world: World, build: CommitmentBuilder, client: Client
) -> None:
    commitment = build.pending(email="autora@example.org")
    mail.outbox.clear()
    services.commitment_request_changes(
        commitment=commitment,
        reviewer=world.user("reviewer"),
        message="Indique el presupuesto.",
        site_url="https://migralocal.example",
    )
    (message,) = mail.outbox
    assert message.to == ["autora@example.org"]
    assert "Indique el presupuesto." in message.body
    link = next(line for line in message.body.splitlines() if "/edit/" in line).strip()
    assert link.startswith("https://migralocal.example/es/commitments/edit/")
    response = client.get(link.removeprefix("https://migralocal.example"))
    assert response.status_code == 200
    assert "Indique el presupuesto." in response.content.decode()


def test_submitter_edit_through_the_link_sends_the_entry_back_to_the_queue(
    world: World, build: CommitmentBuilder, client: Client
) -> None:
    commitment = build.in_state(State.CHANGES_REQUESTED)
    request = commitment.decisions.get(action=Action.CHANGES_REQUESTED)
    url = reverse("commitments:edit_with_link", args=[tokens.edit_token(commitment, request)])
    data = {
        "organisation": world.el_progreso_municipality.pk,
        "kind": "commitment",
        "title": "Título corregido",
        "summary": "Resumen con fechas.",
        "status": "planned",
        "objectives": [o.pk for o in commitment.objectives.all()],
    }
    response = client.post(url, data)
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.moderation_state == State.PENDING
    assert commitment.safe_translation_getter("title", language_code="es") == "Título corregido"
    assert commitment.decisions.first().action == Action.RESUBMITTED
    # The link was for that request only: it stops working once used.
    assert client.get(url).status_code == 400


def test_an_old_edit_link_stops_working_after_a_new_request(
    world: World, build: CommitmentBuilder
) -> None:
    commitment = build.in_state(State.CHANGES_REQUESTED)
    first = commitment.decisions.get(action=Action.CHANGES_REQUESTED)
    old_token = tokens.edit_token(commitment, first)
    services.commitment_update(
        commitment=commitment,
        content=_same_content(commitment),
        language="es",
    )
    services.commitment_request_changes(
        commitment=commitment, reviewer=world.user("reviewer"), message="Otra cosa."
    )
    assert tokens.commitment_from_edit_token(old_token) is None
    assert tokens.commitment_from_edit_token("tampered" + old_token) is None


def _same_content(commitment: Commitment) -> services.CommitmentContent:
    return services.CommitmentContent(
        kind=commitment.kind,
        status=commitment.status,
        texts={"es": services.CommitmentText("Nuevo título", "Nuevo resumen")},
        objectives=list(commitment.objectives.all()),
        organisation=commitment.organisation,
    )


def test_rejected_entries_cannot_be_edited(world: World, build: CommitmentBuilder) -> None:
    commitment = build.in_state(State.REJECTED)
    with pytest.raises(ValidationError):
        services.commitment_update(
            commitment=commitment, content=_same_content(commitment), language="es"
        )


def test_every_decision_is_recorded_and_audited(world: World, build: CommitmentBuilder) -> None:
    commitment = build.pending()
    services.commitment_request_changes(
        commitment=commitment, reviewer=world.user("reviewer"), message="Más detalles."
    )
    actions = list(commitment.decisions.order_by("pk").values_list("action", flat=True))
    assert actions == [Action.SUBMITTED, Action.CONFIRMED, Action.CHANGES_REQUESTED]
    audited = LogEntry.objects.get_for_object(commitment)
    assert any("changes_requested" in str(entry.changes) for entry in audited)
    assert LogEntry.objects.get_for_objects(ModerationDecision.objects.all()).count() == 3


def test_reviewer_decides_through_the_page(
    world: World, build: CommitmentBuilder, client: Client
) -> None:
    commitment = build.pending()
    client.force_login(world.user("reviewer"))
    url = reverse("commitments:moderate", args=[commitment.slug])
    response = client.post(url, {"decision": "reject", "message": ""})
    assert response.status_code == 200
    assert "Indique el motivo para rechazar esta entrada." in response.content.decode()
    assert response["Cache-Control"] == NO_STORE  # the page names who submitted it
    response = client.post(url, {"decision": "verify", "message": ""})
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.is_verified


def test_queue_lists_only_the_reviewers_countries(
    world: World, build: CommitmentBuilder, client: Client
) -> None:
    honduran = build.pending(title="Compromiso hondureño")
    salvadoran = build.pending(
        title="Compromiso salvadoreño", organisation=world.san_salvador_municipality
    )
    client.force_login(world.user("reviewer"))
    page = client.get(reverse("commitments:queue")).content.decode()
    assert str(honduran) in page
    assert str(salvadoran) not in page
    client.force_login(world.user("admin"))
    page = client.get(reverse("commitments:queue")).content.decode()
    assert str(honduran) in page and str(salvadoran) in page
