"""Background work of the commitments module: thin tasks that load by id and call a function."""

from __future__ import annotations

from django_tasks import task

from migralocal.commitments import emails
from migralocal.commitments.models import Commitment, ModerationDecision


@task()
def send_commitment_email(
    *, kind: str, commitment_id: int, site_url: str, decision_id: int | None = None
) -> None:
    commitment = Commitment.objects.filter(pk=commitment_id).first()
    if commitment is None:
        return
    decision = ModerationDecision.objects.filter(pk=decision_id).first() if decision_id else None
    emails.send_commitment_email(
        kind=kind, commitment=commitment, site_url=site_url, decision=decision
    )
