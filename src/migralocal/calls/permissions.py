"""Who may do what with calls: a call is read by whoever may read its programme; the programme's
managers open, edit and decide; municipal focal points apply for their own municipality; the
cohort's distribution is for the managers and for the reviewers of the programme's countries.

The object of every permission is a Call, except `calls.open_call`, whose object is the
programme, and `calls.decide_application`, whose object is one application."""

from __future__ import annotations

from typing import Any

import rules

from migralocal.core.models import Actor
from migralocal.core.permissions import (
    holds_organisation_role,
    is_platform_admin,
    roles_of,
)
from migralocal.core.roles import OrganisationRole, ProgrammeRole
from migralocal.programmes.permissions import is_public_programme, manages_programme


@rules.predicate
def is_public_call(user: Actor, call: Any) -> bool:
    return call is not None and bool(is_public_programme.test(user, call.programme))


@rules.predicate
def manages_call(user: Actor, call: Any) -> bool:
    return call is not None and bool(manages_programme.test(user, call.programme))


@rules.predicate
def reviews_in_call_countries(user: Actor, call: Any) -> bool:
    """A reviewer for at least one of the countries of the call's programme."""
    if call is None or not user.is_authenticated:
        return False
    covered = roles_of(user).programme_countries.get(ProgrammeRole.REVIEWER.value, set())
    if not covered:
        return False
    return call.programme.countries.filter(pk__in=covered).exists()


@rules.predicate
def manages_call_of_application(user: Actor, application: Any) -> bool:
    return application is not None and bool(manages_call.test(user, application.call))


is_focal_point_somewhere = holds_organisation_role(OrganisationRole.FOCAL_POINT)
reads_call = is_platform_admin | is_public_call | manages_call

rules.add_perm("calls.view_call", reads_call)
rules.add_perm("calls.open_call", is_platform_admin | manages_programme)
rules.add_perm("calls.change_call", is_platform_admin | manages_call)
rules.add_perm("calls.decide_applications", is_platform_admin | manages_call)
# The object is one application: the rule of its call.
rules.add_perm("calls.decide_application", is_platform_admin | manages_call_of_application)
# Which municipality: the service asks `assessments.apply_for_certification` of it too.
rules.add_perm("calls.apply_to_call", is_platform_admin | (reads_call & is_focal_point_somewhere))
rules.add_perm(
    "calls.view_cohort", is_platform_admin | manages_call | (reads_call & reviews_in_call_countries)
)
