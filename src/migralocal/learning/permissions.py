"""Who may do what in Learning, built from core's predicates.

Trainers act on courses and events in the countries they cover; mentors on the engagements they
hold; programme managers read progress and figures in their countries; learners are any signed-in
person; organisation members act for their organisation (self-assessment, mentoring notes).
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

trains_in_country = has_programme_role_in_country(ProgrammeRole.TRAINER)
manages_programme_in_country = has_programme_role_in_country(ProgrammeRole.PROGRAMME_MANAGER)
mentors_in_country = has_programme_role_in_country(ProgrammeRole.MENTOR)
acts_for_organisation = has_organisation_role(
    OrganisationRole.FOCAL_POINT, OrganisationRole.ORGANISATION_MEMBER
)


@rules.predicate
def is_published(user: Actor, course: Any) -> bool:
    return bool(course is not None and course.is_published)


@rules.predicate
def enrolment_rule_admits(user: Actor, course: Any) -> bool:
    """The course's enrolment rule (open, invitation, named organisations) lets the user in."""
    from migralocal.learning.selectors import course_admits

    return course is not None and course_admits(course=course, user=user)


@rules.predicate
def is_public_event(user: Actor, event: Any) -> bool:
    return bool(event is not None and event.is_public)


@rules.predicate
def is_engagement_mentor(user: Actor, engagement: Any) -> bool:
    return bool(engagement is not None and engagement.mentor_id == user.pk)


@rules.predicate
def belongs_to_engagement_organisation(user: Actor, engagement: Any) -> bool:
    return engagement is not None and has_organisation_role().test(user, engagement.organisation)


@rules.predicate
def is_own_certificate(user: Actor, certificate: Any) -> bool:
    return bool(certificate is not None and certificate.enrolment.user_id == user.pk)


@rules.predicate
def may_manage_certificate_course(user: Actor, certificate: Any) -> bool:
    return certificate is not None and trains_in_country.test(user, certificate.enrolment.course)


@rules.predicate
def runs_registration_event(user: Actor, registration: Any) -> bool:
    return registration is not None and trains_in_country.test(user, registration.event)


is_signed_in = rules.is_authenticated

rules.add_perm("learning.view_course", is_published | is_platform_admin | trains_in_country)
rules.add_perm("learning.enrol_in_course", is_signed_in & is_published & enrolment_rule_admits)
rules.add_perm("learning.follow_own_learning", is_signed_in)
rules.add_perm("learning.manage_course", is_platform_admin | trains_in_country)
rules.add_perm(
    "learning.view_course_progress",
    is_platform_admin | trains_in_country | manages_programme_in_country,
)
rules.add_perm(
    "learning.view_training_progress",
    is_platform_admin
    | holds_programme_role(ProgrammeRole.TRAINER, ProgrammeRole.PROGRAMME_MANAGER),
)
rules.add_perm(
    "learning.download_certificate",
    is_platform_admin | is_own_certificate | may_manage_certificate_course,
)

rules.add_perm("learning.assess_organisation_capacity", is_platform_admin | acts_for_organisation)
rules.add_perm(
    "learning.take_capacity_self_assessment",
    is_platform_admin
    | holds_organisation_role(OrganisationRole.FOCAL_POINT, OrganisationRole.ORGANISATION_MEMBER),
)
rules.add_perm(
    "learning.view_capacity_self_assessment",
    is_platform_admin
    | has_organisation_role()
    | trains_in_country
    | mentors_in_country
    | manages_programme_in_country,
)

rules.add_perm("learning.view_event", is_public_event | is_signed_in)
rules.add_perm(
    "learning.register_for_event",
    is_public_event | (is_signed_in & (is_platform_admin | holds_organisation_role())),
)
rules.add_perm("learning.manage_event", is_platform_admin | trains_in_country)
# The object is a registration: check-in belongs to those who run its event.
rules.add_perm("learning.check_in_registration", is_platform_admin | runs_registration_event)
rules.add_perm(
    "learning.view_event_figures",
    is_platform_admin | trains_in_country | manages_programme_in_country,
)
rules.add_perm(
    "learning.view_event_reports",
    is_platform_admin
    | holds_programme_role(ProgrammeRole.TRAINER, ProgrammeRole.PROGRAMME_MANAGER),
)

rules.add_perm(
    "learning.view_mentoring",
    is_platform_admin
    | is_engagement_mentor
    | belongs_to_engagement_organisation
    | manages_programme_in_country,
)
rules.add_perm("learning.keep_mentoring_record", is_platform_admin | is_engagement_mentor)
rules.add_perm(
    "learning.start_mentoring",
    is_platform_admin | mentors_in_country | manages_programme_in_country,
)
rules.add_perm(
    "learning.browse_mentoring",
    is_platform_admin
    | holds_programme_role(ProgrammeRole.MENTOR, ProgrammeRole.PROGRAMME_MANAGER)
    | holds_organisation_role(),
)
rules.add_perm(
    "learning.view_mentoring_figures",
    is_platform_admin | holds_programme_role(ProgrammeRole.MENTOR, ProgrammeRole.PROGRAMME_MANAGER),
)

# Mentoring requests: an organisation asks (the object is the organisation); mentors and
# programme managers covering its country answer (the object is the request).
rules.add_perm("learning.request_mentoring", is_platform_admin | acts_for_organisation)
rules.add_perm(
    "learning.view_mentoring_request",
    is_platform_admin | has_organisation_role() | mentors_in_country | manages_programme_in_country,
)
rules.add_perm(
    "learning.answer_mentoring_request",
    is_platform_admin | mentors_in_country | manages_programme_in_country,
)
# Learning paths are public: anyone reads one, anyone signed in follows it.
rules.add_perm("learning.view_path", rules.always_allow)
rules.add_perm("learning.follow_path", is_signed_in)

# Joining the community. An organisation applies (anyone signed in); a reviewer of its country
# approves or declines. A person asks to join an organisation; its administrators answer, and
# manage its members and their roles. Any member keeps the organisation's community profile.
administers_organisation = has_organisation_role(OrganisationRole.ORGANISATION_ADMIN)
reviews_in_country = has_programme_role_in_country(ProgrammeRole.REVIEWER)


@rules.predicate
def sent_it(user: Actor, asked: Any) -> bool:
    """The person who sent the application (`applicant`) or the request (`user`)."""
    if asked is None or not user.is_authenticated:
        return False
    sender_id = getattr(asked, "applicant_id", None) or getattr(asked, "user_id", None)
    return bool(sender_id is not None and sender_id == user.pk)


rules.add_perm("learning.apply_to_community", is_signed_in)
rules.add_perm("learning.browse_community_applications", is_signed_in)
rules.add_perm(
    "learning.view_community_application", is_platform_admin | reviews_in_country | sent_it
)
rules.add_perm("learning.review_community_application", is_platform_admin | reviews_in_country)
rules.add_perm("learning.ask_to_join_organisation", is_signed_in & ~has_organisation_role())
rules.add_perm("learning.view_join_request", is_platform_admin | administers_organisation | sent_it)
rules.add_perm("learning.answer_join_request", is_platform_admin | administers_organisation)
rules.add_perm("learning.manage_organisation_members", is_platform_admin | administers_organisation)
rules.add_perm("learning.edit_community_profile", is_platform_admin | has_organisation_role())

# Course authoring: any trainer (and the platform admin) reaches the authoring pages; a course
# itself is edited by the trainers of its country (`learning.manage_course`).
rules.add_perm(
    "learning.author_courses", is_platform_admin | holds_programme_role(ProgrammeRole.TRAINER)
)
from migralocal.learning import discussion_permissions  # noqa: E402, F401  (discussions' rules)
