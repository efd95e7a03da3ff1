"""Signed links sent by e-mail: confirm a submission, edit it after a reviewer asked for changes.

The tokens are signed with SECRET_KEY (django.core.signing), name the entry, expire, and the edit
token also names the reviewer's request, so an older link stops working after a new decision.
"""

from __future__ import annotations

from django.core import signing

from migralocal.commitments.models import Commitment, ModerationDecision, ModerationState

CONFIRM_SALT = "migralocal.commitments.confirm-email"
EDIT_SALT = "migralocal.commitments.edit-after-review"
CONFIRM_MAX_AGE = 7 * 24 * 3600
EDIT_MAX_AGE = 30 * 24 * 3600


def confirmation_token(commitment: Commitment) -> str:
    return signing.dumps({"c": commitment.pk}, salt=CONFIRM_SALT)


def commitment_from_confirmation_token(token: str) -> Commitment | None:
    """The entry waiting for this confirmation, or None if the link is bad, old or used."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    return Commitment.objects.filter(pk=data.get("c")).first()


def edit_token(commitment: Commitment, decision: ModerationDecision) -> str:
    return signing.dumps({"c": commitment.pk, "d": decision.pk}, salt=EDIT_SALT)


def commitment_from_edit_token(token: str) -> Commitment | None:
    """The entry this link may edit: only while the reviewer's request it was sent for stands."""
    try:
        data = signing.loads(token, salt=EDIT_SALT, max_age=EDIT_MAX_AGE)
    except signing.BadSignature:
        return None
    commitment = Commitment.objects.filter(pk=data.get("c")).first()
    if commitment is None or commitment.moderation_state != ModerationState.CHANGES_REQUESTED:
        return None
    latest_request = (
        commitment.decisions.filter(action=ModerationDecision.Action.CHANGES_REQUESTED)
        .order_by("-created_at", "-pk")
        .first()
    )
    if latest_request is None or latest_request.pk != data.get("d"):
        return None
    return commitment
