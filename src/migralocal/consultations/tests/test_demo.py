from __future__ import annotations

from io import StringIO

import pytest

from migralocal.consultations import demo
from migralocal.consultations.models import Consultation, Referral

pytestmark = pytest.mark.django_db


def test_demo_generates_a_deterministic_year_of_consultations(world, hubs, listings) -> None:
    own, _other = hubs
    count = demo.generate_for_hub(own, days=30)
    first = list(Consultation.objects.values_list("date", "channel", "gender", "age_band"))
    Consultation.objects.all().delete()
    assert demo.generate_for_hub(own, days=30) == count
    assert list(Consultation.objects.values_list("date", "channel", "gender", "age_band")) == first
    assert count >= 40  # at least two a day from Monday to Friday
    assert Referral.objects.filter(consultation__hub=own).exists()
    assert not Consultation.objects.filter(topics__isnull=True).exists()


def test_loading_the_demo_twice_changes_nothing(world, hubs, listings, monkeypatch) -> None:
    monkeypatch.setattr(demo, "DAYS", 20)
    monkeypatch.setattr(
        demo.generate_for_hub, "__kwdefaults__", {"days": 20, "seed": demo.SEED, "today": None}
    )
    demo.load(StringIO())
    counts = (Consultation.objects.count(), Referral.objects.count())
    demo.load(StringIO())
    assert (Consultation.objects.count(), Referral.objects.count()) == counts
    assert counts[0] > 0


def test_the_demo_says_when_there_are_no_hubs(db) -> None:
    out = StringIO()
    demo.load(out)
    assert "no hubs" in out.getvalue()
