"""Who may see and keep technical assistance: the engagement's advisors and the government's
counterparts see it; so do the managers of any of its programmes and the reviewers who cover the
government's country. Nobody else sees drafts, recommendations or responses, except the
adopted recommendations a government chose to publish (`publishes_adopted`).

Advisors and the programme's managers keep the instruments, drafts, rounds and
recommendations; only the counterparts answer for the government and choose to publish."""

from __future__ import annotations

from typing import Any

import rules

from migralocal.core.models import Actor
from migralocal.core.permissions import has_programme_role_in_country, is_platform_admin
from migralocal.core.roles import ProgrammeRole
from migralocal.programmes.models import Programme

_reviews_in_country = has_programme_role_in_country(ProgrammeRole.REVIEWER)


def _engagement(obj: Any) -> Any:
    """The engagement a record belongs to (an engagement, instrument, draft, round…)."""
    return getattr(obj, "engagement", None) if obj is not None else None


@rules.predicate
def advises(user: Actor, obj: Any) -> bool:
    engagement = _engagement(obj)
    if engagement is None or not user.is_authenticated:
        return False
    return engagement.advisors.filter(pk=user.pk).exists()


@rules.predicate
def is_counterpart(user: Actor, obj: Any) -> bool:
    engagement = _engagement(obj)
    if engagement is None or not user.is_authenticated:
        return False
    return engagement.counterparts.filter(pk=user.pk).exists()


@rules.predicate
def manages_its_programme(user: Actor, obj: Any) -> bool:
    engagement = _engagement(obj)
    if engagement is None or not user.is_authenticated:
        return False
    return engagement.programmes.filter(managers=user.pk).exists()


@rules.predicate
def reviews_its_country(user: Actor, obj: Any) -> bool:
    engagement = _engagement(obj)
    return engagement is not None and bool(_reviews_in_country(user, engagement))


@rules.predicate
def manages_programme(user: Actor, programme: Any) -> bool:
    if programme is None or not user.is_authenticated:
        return False
    return programme.managers.filter(pk=user.pk).exists()


@rules.predicate
def manages_a_programme(user: Actor) -> bool:
    return bool(user.is_authenticated and Programme.objects.filter(managers=user).exists())


@rules.predicate
def publishes_adopted(user: Actor, obj: Any) -> bool:
    engagement = _engagement(obj)
    return bool(engagement is not None and engagement.publishes_adopted)


keeps = is_platform_admin | manages_its_programme | advises

rules.add_perm(
    "advisory.view_engagement",
    keeps | is_counterpart | reviews_its_country,
)
# The page that starts one (no record yet), then the programme it is started for.
rules.add_perm("advisory.start_engagement", is_platform_admin | manages_a_programme)
rules.add_perm("advisory.add_engagement", is_platform_admin | manages_programme)
rules.add_perm("advisory.change_engagement", is_platform_admin | manages_its_programme)
rules.add_perm("advisory.advise_engagement", keeps)
rules.add_perm("advisory.respond_engagement", is_platform_admin | is_counterpart)
rules.add_perm("advisory.publish_engagement", is_platform_admin | is_counterpart)
rules.add_perm("advisory.view_adopted", publishes_adopted)
# A recommendation the government takes up becomes an action of its assessment work plan.
rules.add_perm("advisory.plan_recommendation", is_platform_admin | advises | is_counterpart)
rules.add_perm("advisory.list_engagements", rules.is_authenticated)
