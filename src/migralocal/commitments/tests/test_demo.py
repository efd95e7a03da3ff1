from __future__ import annotations

import io

from django.core.management import call_command

from migralocal.commitments.models import Commitment, ModerationDecision, ProgressUpdate
from migralocal.commitments.selectors import moderation_queue_for
from migralocal.core.models import User


def test_demo_loads_the_registry_and_loading_twice_changes_nothing(db: None) -> None:
    call_command("demo", stdout=io.StringIO())
    counts = (
        Commitment.objects.count(),
        ProgressUpdate.objects.count(),
        ModerationDecision.objects.count(),
    )
    stamps = list(Commitment.objects.order_by("pk").values_list("updated_at", flat=True))
    call_command("demo", stdout=io.StringIO())
    assert counts == (
        Commitment.objects.count(),
        ProgressUpdate.objects.count(),
        ModerationDecision.objects.count(),
    )
    assert stamps == list(Commitment.objects.order_by("pk").values_list("updated_at", flat=True))
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
