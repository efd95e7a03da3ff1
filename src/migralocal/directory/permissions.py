"""Who may change the directory.

Everyone may read published listings. Hub staff keep the hubs their organisation operates and
those hubs' services; reviewers keep every listing and pathway in their countries; platform
admins keep everything.
"""

from __future__ import annotations

from typing import Any

import rules

from migralocal.core.models import Actor
from migralocal.core.permissions import (
    has_organisation_role,
    has_programme_role_in_country,
    holds_organisation_role,
    holds_programme_role,
    is_platform_admin,
)
from migralocal.core.roles import OrganisationRole, ProgrammeRole

is_hub_staff_of_operator = has_organisation_role(OrganisationRole.HUB_STAFF)
is_reviewer_in_country = has_programme_role_in_country(ProgrammeRole.REVIEWER)


@rules.predicate
def is_visible_listing(user: Actor, obj: Any) -> bool:
    """Closed hubs and defunct services stay out of public view but not out of their keepers'."""
    status = getattr(obj, "status", None)
    return status not in {"closed", "defunct"}


keeps_listing = is_platform_admin | is_hub_staff_of_operator | is_reviewer_in_country

rules.add_perm("directory.view_listing", is_visible_listing | keeps_listing)
rules.add_perm("directory.change_hub", keeps_listing)
rules.add_perm("directory.add_service", keeps_listing)
rules.add_perm("directory.change_service", keeps_listing)
rules.add_perm("directory.change_pathway", is_platform_admin | is_reviewer_in_country)
rules.add_perm(
    "directory.keep_listings",
    is_platform_admin
    | holds_organisation_role(OrganisationRole.HUB_STAFF)
    | holds_programme_role(ProgrammeRole.REVIEWER),
)
rules.add_perm("directory.export_directory", rules.always_allow)
# Objects: a listing report (its hub's operator, its listing's country).
rules.add_perm("directory.handle_listing_report", keeps_listing)
