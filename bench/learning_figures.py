"""How long the disaggregated attendance figures and the trainer's progress summary take.

Builds a synthetic set of events and registrations in a fresh in-memory SQLite database and
prints timings. Size: LEARNING_BENCH_REGISTRATIONS (default 20000), e.g.
`LEARNING_BENCH_REGISTRATIONS=2000 .venv/bin/python bench/learning_figures.py`.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ["DATABASE_URL"] = "sqlite://"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "migralocal.settings_test")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

SIZE = int(os.environ.get("LEARNING_BENCH_REGISTRATIONS", "20000"))


def main() -> None:
    call_command("migrate", verbosity=0)
    from migralocal.core.models import Country
    from migralocal.learning import selectors
    from migralocal.learning.models import Event, Registration

    country, _created = Country.objects.get_or_create(code="HN", defaults={"iso3": "HND"})
    start = dt.datetime(2026, 1, 1, 15, tzinfo=dt.UTC)
    events = [
        Event.objects.create(
            slug=f"e{n}",
            kind="workshop",
            format="hybrid",
            country=country,
            starts_at=start + dt.timedelta(days=n),
            ends_at=start + dt.timedelta(days=n, hours=2),
        )
        for n in range(50)
    ]
    genders, modes = ["woman", "man", "non_binary"], ["online", "in_person"]
    Registration.objects.bulk_create(
        Registration(
            event=events[n % len(events)],
            email=f"p{n}@example.org",
            name=f"P {n}",
            gender=genders[n % 3],
            role="civil_society",
            country=country,
            attended_at=start,
            attendance_mode=modes[n % 2],
        )
        for n in range(SIZE)
    )
    began = time.perf_counter()
    figures = selectors.attendance_figures(Registration.objects.all())
    elapsed = time.perf_counter() - began
    print(
        f"learning: attendance figures over {figures.attendees} attendees in "
        f"{len(events)} events: {elapsed * 1000:.0f} ms"
    )
    began = time.perf_counter()
    one = selectors.attendance_figures(events[0].registrations.all())
    print(
        f"learning: figures for one event ({one.attendees} attendees): "
        f"{(time.perf_counter() - began) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
