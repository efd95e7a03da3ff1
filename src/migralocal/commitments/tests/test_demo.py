from __future__ import annotations

from migralocal.commitments.models import Commitment, ModerationDecision, ProgressUpdate
from migralocal.commitments.selectors import moderation_queue_for
from migralocal.core.models import User


def test_demo_loads_the_registry_with_updates_and_moderation(demo_db: None) -> None:
    """(Loading the demo twice is checked for every table in core's demo tests.)"""
    assert ProgressUpdate.objects.exists()
    assert ModerationDecision.objects.exists()
    assert Commitment.objects.filter(slug__startswith="maipu", moderation_state="verified").exists()
    anonymous_unverified = (
        Commitment.objects.published()
        .filter(submitted_by=None, moderation_state="pending")
        .exclude(submitter_email="")
    )
    assert anonymous_unverified.count() >= 2
    reviewer = User.objects.get(email="reviewer@demo.migralocal.org")
    queue_countries = {c.country.code for c in moderation_queue_for(reviewer)}
    assert queue_countries == {"HN", "MX", "SV"}
