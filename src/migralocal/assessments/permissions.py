"""Who may do what in the assessment cycle. Services check these too, so no page can skip them.

Municipal focal points act for their own municipality; reviewers for the countries they cover;
programme managers read. Platform admins may do everything.
"""

from __future__ import annotations

from typing import Any

import rules
from rules.predicates import Predicate

from migralocal.core.models import Actor
from migralocal.core.permissions import (
    has_organisation_role,
    has_programme_role_in_country,
    holds_organisation_role,
    holds_programme_role,
    is_platform_admin,
)
from migralocal.core.roles import OrganisationRole, ProgrammeRole

is_focal_point = has_organisation_role(OrganisationRole.FOCAL_POINT)
is_reviewer = has_programme_role_in_country(ProgrammeRole.REVIEWER)
is_programme_manager = has_programme_role_in_country(ProgrammeRole.PROGRAMME_MANAGER)
reads_round = is_platform_admin | is_focal_point | is_reviewer | is_programme_manager
answers_round = is_platform_admin | is_focal_point


def of_its_round(predicate: Predicate) -> Predicate:
    """`predicate` asked of the round a piece of evidence belongs to."""

    @rules.predicate(name=f"of_its_round({predicate.name})")
    def asked(user: Actor, evidence: Any) -> bool:
        return evidence is not None and bool(predicate.test(user, evidence.answer.assessment))

    return asked


rules.add_perm(
    "assessments.browse_assessments",
    is_platform_admin
    | holds_organisation_role(OrganisationRole.FOCAL_POINT)
    | holds_programme_role(ProgrammeRole.REVIEWER, ProgrammeRole.PROGRAMME_MANAGER),
)
# The object is the municipality (an Organisation) that applies.
rules.add_perm("assessments.apply_for_certification", is_platform_admin | is_focal_point)
# For every permission below, the object is an Assessment (one round of the cycle).
rules.add_perm("assessments.view_assessment", reads_round)
rules.add_perm("assessments.answer_assessment", answers_round)
rules.add_perm("assessments.plan_assessment", is_platform_admin | is_focal_point)
rules.add_perm("assessments.decide_application", is_platform_admin | is_reviewer)
rules.add_perm("assessments.review_assessment", is_platform_admin | is_reviewer)
rules.add_perm("assessments.record_workshop", is_platform_admin | is_reviewer | is_focal_point)
rules.add_perm("assessments.approve_work_plan", is_platform_admin | is_reviewer)
rules.add_perm("assessments.award_certificate", is_platform_admin | is_reviewer)
rules.add_perm("assessments.manage_frameworks", is_platform_admin)
# The object is a piece of evidence: the rule of its round.
rules.add_perm("assessments.view_evidence", of_its_round(reads_round))
rules.add_perm("assessments.remove_evidence", of_its_round(answers_round))
