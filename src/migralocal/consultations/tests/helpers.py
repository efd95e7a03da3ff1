"""Consultation records for tests, built through the same services the pages use."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from typing import Any

from migralocal.consultations import services
from migralocal.consultations.models import Consultation
from migralocal.core.models import TaxonomyTerm, User
from migralocal.directory.models import Hub, Service


def topic(code: str) -> TaxonomyTerm:
    return TaxonomyTerm.objects.of("consultation-topics").get(code=code)


def situation(code: str) -> TaxonomyTerm:
    return TaxonomyTerm.objects.of("migration-situations").get(code=code)


def record(
    hub: Hub,
    user: User,
    *,
    on: date | None = None,
    topics: tuple[str, ...] = ("documents",),
    referrals: tuple[Service, ...] = (),
    channel: str = "in_person",
    **extra: Any,
) -> Consultation:
    return services.consultation_record(
        hub=hub,
        user=user,
        date=on,
        channel=channel,
        topics=[topic(code) for code in topics],
        profile=extra.pop("profile", services.Profile(gender="female", age_band="18-29")),
        referrals=list(referrals),
        **extra,
    )


def counts_shown(html: str) -> list[str]:
    """Every count in the figure tables of a page, as shown ("15", "<5")."""
    return [unescape(value) for value in re.findall(r"<td>([^<]+)</td>", html)]


def headline_count(html: str, label: str) -> str:
    """The headline figure shown beside `label` (e.g. "consultas")."""
    found = re.search(
        r'<span class="stat-number">([^<]*)</span> <span class="stat-label">' + re.escape(label),
        html,
    )
    assert found, f"no headline figure labelled {label!r}"
    return unescape(found[1])
