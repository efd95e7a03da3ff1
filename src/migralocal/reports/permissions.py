"""Who may read the results dashboard.

Programme managers and reviewers read the figures of the countries they cover; platform admins
read every country. Municipal focal points open the dashboard too, for their own municipality's
figures, protected as for anyone outside its hubs. The public page and the public API need no
account: their figures are always suppressed.
"""

from __future__ import annotations

import rules

from migralocal.core.permissions import (
    has_programme_role_in_country,
    holds_organisation_role,
    holds_programme_role,
    is_platform_admin,
)
from migralocal.core.roles import OrganisationRole, ProgrammeRole

READING_ROLES = (ProgrammeRole.PROGRAMME_MANAGER, ProgrammeRole.REVIEWER)

reads_results_somewhere = holds_programme_role(*READING_ROLES)
reads_results_in_country = has_programme_role_in_country(*READING_ROLES)

rules.add_perm("reports.view_dashboard", is_platform_admin | reads_results_somewhere)
# The dashboard page: full figures for the above, the own municipality's protected ones for a
# focal point.
rules.add_perm(
    "reports.open_dashboard",
    is_platform_admin
    | reads_results_somewhere
    | holds_organisation_role(OrganisationRole.FOCAL_POINT),
)
# Object: a country.
rules.add_perm("reports.view_country_results", is_platform_admin | reads_results_in_country)
rules.add_perm("reports.view_public_figures", rules.always_allow)
