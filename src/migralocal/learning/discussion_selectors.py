"""Reads of discussions: the spaces a person may see, a space's threads, a thread's posts, the
moderators' queue, what is waiting for a daily digest, and the topics proposed for a meeting."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from migralocal.core.models import Actor, User
from migralocal.core.roles import ProgrammeRole
from migralocal.core.selectors import user_role_set
from migralocal.learning.models import (
    DiscussionNotice,
    DiscussionPost,
    DiscussionSettings,
    DiscussionSpace,
    DiscussionThread,
    Event,
    MeetingTopic,
    PostAttachment,
    PostReport,
    TopicVote,
)


def spaces_visible_to(user: Actor) -> list[DiscussionSpace]:
    """The spaces `user` may read, with how many threads each holds."""
    spaces = (
        DiscussionSpace.objects.select_related("country", "topic")
        .prefetch_related("translations", "country__translations", "topic__translations")
        .annotate(thread_count=Count("threads"))
        .order_by("position", "slug")
    )
    return [space for space in spaces if user.has_perm("learning.view_discussion_space", space)]


def threads_of(space: DiscussionSpace) -> QuerySet[DiscussionThread]:
    return (
        DiscussionThread.objects.filter(space=space)
        .select_related("started_by")
        .annotate(reply_count=Count("posts", filter=Q(posts__is_hidden=False)) - 1)
        .order_by("-last_post_at", "-pk")
    )


def thread_posts(thread: DiscussionThread) -> QuerySet[DiscussionPost]:
    """Every post of the thread in order, hidden ones too (the page shows them as hidden to
    readers and in full to moderators)."""
    return (
        DiscussionPost.objects.filter(thread=thread)
        .select_related("author", "hidden_by")
        .prefetch_related(Prefetch("attachments", queryset=PostAttachment.objects.order_by("pk")))
        .annotate(open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True)))
        .order_by("created_at", "pk")
    )


def moderation_queue_for(user: Actor) -> QuerySet[DiscussionPost]:
    """Posts with open reports, and hidden posts, in the spaces `user` moderates."""
    reported = PostReport.objects.filter(post=OuterRef("pk"), resolved_at__isnull=True)
    queryset = (
        DiscussionPost.objects.filter(Q(Exists(reported)) | Q(is_hidden=True))
        .select_related("thread__space__country", "author")
        .annotate(open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True)))
        .order_by("-open_reports", "-created_at")
    )
    if user.is_superuser:
        return queryset
    countries = user_role_set(user).programme_countries.get(ProgrammeRole.REVIEWER, set())
    if not countries:
        return queryset.none()
    return queryset.filter(
        Q(thread__space__country__isnull=True) | Q(thread__space__country_id__in=countries)
    )


def open_reports_of(post: DiscussionPost) -> QuerySet:
    return post.reports.filter(resolved_at__isnull=True).select_related("reported_by")


def email_frequency_of(user: User) -> str:
    chosen = DiscussionSettings.objects.filter(user=user).values_list("frequency", flat=True)
    return chosen.first() or DiscussionSettings.Frequency.IMMEDIATELY


def digest_notices() -> QuerySet[DiscussionNotice]:
    """Notices not yet sent to people who chose the daily digest."""
    daily = DiscussionSettings.objects.filter(
        user=OuterRef("user"), frequency=DiscussionSettings.Frequency.DAILY
    )
    return (
        DiscussionNotice.objects.filter(sent_at__isnull=True, post__is_hidden=False)
        .filter(Exists(daily))
        .select_related("user", "post__thread__space", "post__author")
        .order_by("user_id", "created_at", "pk")
    )


def upcoming_virtual_meetings() -> QuerySet[Event]:
    """Virtual meetings that have not started: the next one in each country is first."""
    return (
        Event.objects.filter(kind=Event.Kind.VIRTUAL_MEETING, starts_at__gt=timezone.now())
        .select_related("country")
        .prefetch_related("translations", "country__translations")
        .order_by("starts_at", "pk")
    )


def next_virtual_meeting(country_id: int | None = None) -> Event | None:
    meetings = upcoming_virtual_meetings()
    if country_id is not None:
        meetings = meetings.filter(country_id=country_id)
    return meetings.first()


def topics_of(event: Event, user: Actor) -> QuerySet[MeetingTopic]:
    """The event's proposed topics, most voted first, with whether `user` voted for each."""
    mine = TopicVote.objects.filter(topic=OuterRef("pk"), user_id=user.pk or 0)
    return (
        MeetingTopic.objects.filter(event=event)
        .select_related("proposed_by")
        .annotate(vote_count=Count("votes"), voted=Exists(mine))
        .order_by("-vote_count", "created_at", "pk")
    )
