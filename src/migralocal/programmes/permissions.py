"""Who may see and keep programmes: platform admins create them; a programme's own managers edit
it and choose what belongs to it; public programmes are for everyone to read."""

from __future__ import annotations

from typing import Any

import rules

from migralocal.core.models import Actor
from migralocal.core.permissions import is_platform_admin


@rules.predicate
def is_public_programme(user: Actor, programme: Any) -> bool:
    return bool(programme is not None and programme.is_public)


@rules.predicate
def manages_programme(user: Actor, programme: Any) -> bool:
    if programme is None or not user.is_authenticated:
        return False
    return programme.managers.filter(pk=user.pk).exists()


rules.add_perm(
    "programmes.view_programme", is_platform_admin | is_public_programme | manages_programme
)
rules.add_perm("programmes.add_programme", is_platform_admin)
rules.add_perm("programmes.change_programme", is_platform_admin | manages_programme)
rules.add_perm("programmes.change_programme_activities", is_platform_admin | manages_programme)
# Who manages a programme is the platform's decision, not the managers' own.
rules.add_perm("programmes.change_programme_managers", is_platform_admin)
# The results framework (outcomes, outputs, indicators, targets, reported actuals): the
# programme's managers keep it.
rules.add_perm("programmes.change_programme_results", is_platform_admin | manages_programme)
