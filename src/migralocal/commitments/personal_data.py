"""What Commitments holds about a person, for `core.person_requests`: the entries they
submitted (by account or by the e-mail given when submitting) and the flags they raised."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Q, QuerySet

from migralocal.commitments.models import Commitment, Flag
from migralocal.core.models import User


def _submitted(user: User | None, email: str) -> QuerySet[Commitment]:
    wanted = Q(submitter_email__iexact=email)
    if user is not None:
        wanted |= Q(submitted_by=user)
    return Commitment.objects.filter(wanted)


def export_person(*, user: User | None, email: str, references: Sequence[str]) -> dict[str, Any]:
    return {
        "commitments_submitted": [
            {
                "slug": commitment.slug,
                "title": str(commitment),
                "submitter_email": commitment.submitter_email,
                "moderation_state": commitment.moderation_state,
            }
            for commitment in _submitted(user, email)
        ],
        "flags_raised": [
            {"commitment": flag.commitment.slug, "reason": flag.reason, "comment": flag.comment}
            for flag in Flag.objects.filter(reporter=user).select_related("commitment")
        ]
        if user
        else [],
    }


def erase_person(*, user: User | None, email: str, references: Sequence[str]) -> dict[str, int]:
    """The entries describe a city's or organisation's work and stay; who submitted them goes."""
    counts = {"commitments": _submitted(user, email).update(submitter_email="", submitted_by=None)}
    if user is not None:
        counts["flags"] = Flag.objects.filter(reporter=user).update(reporter=None, comment="")
    return counts
