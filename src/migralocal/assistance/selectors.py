"""Reads of cash assistance: which programmes a person sees, and counts without names."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from migralocal.assistance.models import CashProgramme, DuplicatePair, Household, Member
from migralocal.assistance.permissions import assistance_roles
from migralocal.core.models import Actor


def programmes_visible_to(user: Actor) -> QuerySet[CashProgramme]:
    """Every programme for platform admins; those of their operators for assistance staff."""
    programmes = CashProgramme.objects.select_related("operator", "country")
    if user.is_authenticated and user.is_active and user.is_superuser:
        return programmes
    return programmes.filter(operator_id__in=list(assistance_roles(user)))


def programme_by_slug(slug: str) -> CashProgramme | None:
    return CashProgramme.objects.select_related("operator", "country").filter(slug=slug).first()


def programme_figures(programme: CashProgramme) -> dict[str, Any]:
    members = Member.objects.filter(programme=programme, status=Member.Status.ACTIVE)
    return {
        "households": Household.objects.filter(programme=programme).count(),
        "people": members.count(),
        "by_group": list(
            members.values("population_group").annotate(count=Count("pk")).order_by("-count")
        ),
        "pending_duplicates": DuplicatePair.objects.filter(
            programme=programme, decision=DuplicatePair.Decision.PENDING
        ).count(),
        "merged": Member.objects.filter(programme=programme, status=Member.Status.MERGED).count(),
    }


def households_of(programme: CashProgramme, *, text: str = "") -> QuerySet[Household]:
    """The programme's households, by reference (names are encrypted: not searchable)."""
    households = (
        Household.objects.filter(programme=programme)
        .select_related("municipality")
        .annotate(
            people=Count("members", filter=Q(members__status=Member.Status.ACTIVE)),
        )
        .order_by("household_ref")
    )
    if text:
        households = households.filter(
            Q(household_ref__icontains=text) | Q(members__person_ref__icontains=text)
        ).distinct()
    return households


def pending_pairs(programme: CashProgramme) -> QuerySet[DuplicatePair]:
    return DuplicatePair.objects.filter(
        programme=programme, decision=DuplicatePair.Decision.PENDING
    ).select_related("member_a__household", "member_b__household")


@dataclass(frozen=True)
class Step:
    label: str
    on: dt.datetime | None
    current: bool


def household_steps(household: Household) -> list[Step]:
    """The household's way through targeting, each step with the day it was reached (none yet:
    still ahead): registered, assessed eligible or not eligible, approved, enrolled."""
    status = Household.Status
    assessed = status.NOT_ELIGIBLE if household.status == status.NOT_ELIGIBLE else status.ELIGIBLE
    steps = [
        (status.REGISTERED, household.created_at),
        (assessed, household.assessed_at),
        (status.APPROVED, household.approved_at),
        (status.ENROLLED, household.enrolled_at),
    ]
    return [Step(str(step.label), on, step == household.status) for step, on in steps]
