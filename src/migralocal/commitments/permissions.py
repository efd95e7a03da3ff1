"""Who may do what with commitments.

Anyone may read what is published, submit an entry and flag one. The city's focal points and
organisation members keep their organisation's entries; a signed-in submitter keeps their own.
Reviewers moderate entries in the countries they cover; platform admins everywhere.
"""

from __future__ import annotations

from typing import Any

import rules
from rules.predicates import Predicate

from migralocal.core.models import Actor
from migralocal.core.permissions import (
    has_organisation_role,
    has_programme_role_in_country,
    holds_programme_role,
    is_platform_admin,
)
from migralocal.core.roles import OrganisationRole, ProgrammeRole


@rules.predicate
def is_published(user: Actor, commitment: Any) -> bool:
    return bool(commitment is not None and commitment.is_public)


@rules.predicate
def submitted_it(user: Actor, commitment: Any) -> bool:
    return bool(
        commitment is not None
        and user.is_authenticated
        and commitment.submitted_by_id is not None
        and commitment.submitted_by_id == user.pk
    )


keeps_the_organisation = has_organisation_role(
    OrganisationRole.FOCAL_POINT, OrganisationRole.ORGANISATION_MEMBER
)
reviews_in_country = has_programme_role_in_country(ProgrammeRole.REVIEWER)
owns_commitment = keeps_the_organisation | submitted_it
moderates_commitment = is_platform_admin | reviews_in_country
sees_commitment = is_published | owns_commitment | moderates_commitment


def of_its_entry(predicate: Predicate) -> Predicate:
    """`predicate` asked of the entry an attachment belongs to."""

    @rules.predicate(name=f"of_its_entry({predicate.name})")
    def asked(user: Actor, attachment: Any) -> bool:
        return attachment is not None and bool(predicate.test(user, attachment.commitment))

    return asked


rules.add_perm("commitments.submit_commitment", rules.always_allow)
rules.add_perm("commitments.view_commitment", sees_commitment)
# The object is an attachment: its files are seen by whoever sees its entry.
rules.add_perm("commitments.view_attachment", of_its_entry(sees_commitment))
rules.add_perm("commitments.change_commitment", is_platform_admin | owns_commitment)
rules.add_perm("commitments.add_progress_update", is_platform_admin | owns_commitment)
rules.add_perm("commitments.flag_commitment", is_published)
rules.add_perm("commitments.moderate_commitment", moderates_commitment)
rules.add_perm(
    "commitments.view_moderation_queue",
    is_platform_admin | holds_programme_role(ProgrammeRole.REVIEWER),
)
