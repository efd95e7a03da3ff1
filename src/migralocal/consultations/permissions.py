"""Who may do what with consultations.

Hub staff (a `hub_staff` membership in the hub's operator) record and read their hub's
consultations and follow up its referrals; platform admins may too, as everywhere. Identifying
details are for the hub's staff alone — not even platform admins, whom Django's `has_perm`
lets through everything — so they are checked with `may_read_identity`, which asks the rule
itself. Reviewers and programme managers see aggregates of their countries only, suppressed.
"""

from __future__ import annotations

from typing import Any

import rules

from migralocal.consultations.selectors import hubs_staffed_by
from migralocal.core.models import Actor
from migralocal.core.permissions import (
    has_programme_role_in_country,
    holds_organisation_role,
    holds_programme_role,
    is_platform_admin,
)
from migralocal.core.roles import OrganisationRole, ProgrammeRole
from migralocal.core.two_factor import two_factor_missing
from migralocal.directory.permissions import is_hub_staff_of_operator


@rules.predicate
def staffs_a_hub(user: Actor) -> bool:
    return hubs_staffed_by(user).exists()


reads_aggregates_in_country = has_programme_role_in_country(
    ProgrammeRole.REVIEWER, ProgrammeRole.PROGRAMME_MANAGER
)
reads_aggregates_somewhere = holds_programme_role(
    ProgrammeRole.REVIEWER, ProgrammeRole.PROGRAMME_MANAGER
)

keeps_hub_log = is_platform_admin | is_hub_staff_of_operator


@rules.predicate
def staffs_receiving_service(user: Actor, referral: Any) -> bool:
    """Hub staff of the organisation that runs the referral's service (its hub's operator)."""
    return referral is not None and is_hub_staff_of_operator(user, referral.service)


# Objects: a hub, a consultation, a referral, identifying details or an import of that hub.
rules.add_perm("consultations.record_consultations", is_platform_admin | staffs_a_hub)
rules.add_perm("consultations.record_at_hub", keeps_hub_log)
rules.add_perm("consultations.view_consultation", keeps_hub_log)
rules.add_perm("consultations.change_referral", keeps_hub_log)
rules.add_perm("consultations.import_submissions", keeps_hub_log)
rules.add_perm("consultations.view_hub_dashboard", keeps_hub_log)
rules.add_perm("consultations.view_identity", is_hub_staff_of_operator)
# Referrals received: the staff of the organisation running the service answer them.
rules.add_perm("consultations.view_incoming_referrals", is_platform_admin | staffs_a_hub)
rules.add_perm("consultations.respond_to_referral", is_platform_admin | staffs_receiving_service)
rules.add_perm("consultations.view_shared_identity", staffs_receiving_service)
# Objects: a country. Figures outside the hub are always suppressed.
rules.add_perm("consultations.view_aggregates", is_platform_admin | reads_aggregates_in_country)
# Focal points read the figures of their own municipality's hubs, suppressed as for anyone
# outside the hubs.
rules.add_perm(
    "consultations.view_area_dashboard",
    is_platform_admin
    | reads_aggregates_somewhere
    | holds_organisation_role(OrganisationRole.FOCAL_POINT),
)


def may_read_shared_identity(user: Actor, referral: Any) -> bool:
    """The receiving service's staff, with two-factor authentication set up, for the details the
    person agreed to share with that service (checked by the service that reads them)."""
    return not two_factor_missing(user) and rules.has_perm(
        "consultations.view_shared_identity", user, referral
    )


def may_read_identity(user: Actor, obj: Any) -> bool:
    """The hub's staff only, with two-factor authentication set up: the rule itself, without
    Django's superuser shortcut. The two-factor check repeats the site-wide one (core/two_factor.py)
    where it matters most, so that no new page or export can forget it."""
    return not two_factor_missing(user) and rules.has_perm("consultations.view_identity", user, obj)
