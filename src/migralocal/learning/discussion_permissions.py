"""Who may read, write and moderate discussions, and propose and rank topics for a meeting.

A space's audience decides who reads it: members of community organisations (anyone who acts for
an organisation) and programme staff, or hub staff only. Reviewers moderate the spaces of the
countries they cover, and any reviewer the spaces about a topic (no country); platform admins
moderate everywhere. Topics for a virtual meeting are proposed and voted by members of
organisations; those who run the event read the ranking.
"""

from __future__ import annotations

from typing import Any

import rules

from migralocal.core.models import Actor
from migralocal.core.permissions import (
    has_programme_role_in_country,
    holds_organisation_role,
    holds_programme_role,
    is_platform_admin,
)
from migralocal.core.roles import OrganisationRole, ProgrammeRole

is_signed_in = rules.is_authenticated
reviews_in_country = has_programme_role_in_country(ProgrammeRole.REVIEWER)
reviews_somewhere = holds_programme_role(ProgrammeRole.REVIEWER)
trains_in_country = has_programme_role_in_country(ProgrammeRole.TRAINER)
acts_for_an_organisation = holds_organisation_role()
works_for_programme = holds_programme_role()
is_hub_staff = holds_organisation_role(OrganisationRole.HUB_STAFF)


def space_of(obj: Any) -> Any:
    """The space a space, thread, post or attachment belongs to."""
    for step in ("post", "thread", "space"):
        if obj is not None and obj.__class__.__name__ != "DiscussionSpace":
            obj = getattr(obj, step, obj)
    return obj


@rules.predicate
def moderates_space(user: Actor, obj: Any) -> bool:
    space = space_of(obj)
    if space is None:
        return False
    if space.country_id is None:
        return bool(reviews_somewhere.test(user))
    return bool(reviews_in_country.test(user, space))


moderates = is_platform_admin | moderates_space


@rules.predicate
def in_space_audience(user: Actor, obj: Any) -> bool:
    space = space_of(obj)
    if space is None:
        return False
    if space.audience == "hub_staff":
        return bool(is_hub_staff.test(user))
    return bool(acts_for_an_organisation.test(user) or works_for_programme.test(user))


sees_space = is_platform_admin | in_space_audience | moderates_space


@rules.predicate
def space_is_open(user: Actor, obj: Any) -> bool:
    space = space_of(obj)
    return bool(space is not None and space.is_open)


@rules.predicate
def thread_is_unlocked(user: Actor, thread: Any) -> bool:
    return bool(thread is not None and not thread.is_locked)


@rules.predicate
def wrote_it(user: Actor, post: Any) -> bool:
    return bool(post is not None and user.is_authenticated and post.author_id == user.pk)


@rules.predicate
def is_virtual_meeting(user: Actor, obj: Any) -> bool:
    """The object is a virtual meeting, or a topic proposed for one."""
    event = getattr(obj, "event", obj)
    return bool(event is not None and event.kind == "virtual_meeting")


rules.add_perm(
    "learning.browse_discussions",
    is_signed_in & (is_platform_admin | acts_for_an_organisation | works_for_programme),
)
rules.add_perm("learning.view_discussion_space", is_signed_in & sees_space)
rules.add_perm("learning.start_discussion_thread", is_signed_in & sees_space & space_is_open)
rules.add_perm(
    "learning.reply_in_discussion",
    is_signed_in & sees_space & ((space_is_open & thread_is_unlocked) | moderates),
)
rules.add_perm("learning.report_discussion_post", is_signed_in & sees_space & ~wrote_it)
rules.add_perm("learning.moderate_discussion", is_signed_in & moderates)
rules.add_perm(
    "learning.view_discussion_queue", is_signed_in & (is_platform_admin | reviews_somewhere)
)
rules.add_perm("learning.choose_discussion_emails", is_signed_in)
rules.add_perm(
    "learning.propose_meeting_topic",
    is_signed_in
    & is_virtual_meeting
    & (is_platform_admin | acts_for_an_organisation | trains_in_country),
)
rules.add_perm(
    "learning.view_meeting_topic_ranking",
    is_signed_in & is_virtual_meeting & (is_platform_admin | trains_in_country),
)
