"""Writes of discussions: threads and replies (Markdown, mentions, checked attachments), readers'
reports and moderation, e-mail notices at once or in a daily digest, and the topics members
propose and vote for before a virtual meeting.

Every rule lives here; pages, the demo, the digest command and tests call these functions.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from migralocal.core import text_limits, uploads
from migralocal.core.markdown import markdown_to_plain_text
from migralocal.core.models import User
from migralocal.core.permissions import require
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
from migralocal.learning.models.discussions import TITLE_LENGTH

ATTACHMENT_TYPES = (".pdf", ".png", ".jpg", ".jpeg", ".docx", ".xlsx", ".odt")
ATTACHMENT_MB = 5
MAX_ATTACHMENTS = 3
MAX_MENTIONS = 20
BODY_LENGTH = text_limits.TEXT
# "@maria@example.org": a member is mentioned by the e-mail address they sign in with.
MENTION = re.compile(r"(?<![\w.@])@([\w.%+-]+@[\w-]+(?:\.[\w-]+)+)")


def clean_text(value: str, *, field: str, limit: int, required: bool = True) -> str:
    """The text stripped; a clear error for an empty, overlong or binary (null byte) text."""
    text = (value or "").strip()
    if "\x00" in text:
        raise ValidationError({field: _("Null characters are not allowed.")})
    if required and not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > limit:
        raise ValidationError({field: text_limits.too_long_message(limit, len(text))})
    return text


def check_attachments(files: Sequence[Any]) -> None:
    """At most three files, each within the size limit and truly of an accepted type."""
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"attachments": _("At most %(limit)d files per message.") % {"limit": MAX_ATTACHMENTS}}
        )
    errors: list[str] = []
    for upload in files:
        try:
            uploads.check_upload(upload, ATTACHMENT_TYPES, ATTACHMENT_MB)
        except ValidationError as error:
            errors.extend(f"{upload.name}: {message}" for message in error.messages)
    if errors:
        raise ValidationError({"attachments": errors})


def mentioned_in(body: str, space: DiscussionSpace) -> list[User]:
    """The people `body` mentions who may read the space (others are not told it exists)."""
    addresses = {address.lower() for address in MENTION.findall(body)}
    if not addresses:
        return []
    query = Q()
    for address in list(addresses)[:MAX_MENTIONS]:
        query |= Q(email__iexact=address)
    people = User.objects.filter(query, is_active=True)
    return [person for person in people if person.has_perm("learning.view_discussion_space", space)]


def _post_create(
    *, thread: DiscussionThread, author: User, body: str, attachments: Sequence[Any]
) -> DiscussionPost:
    post = DiscussionPost.objects.create(thread=thread, author=author, body=body)
    for upload in attachments:
        PostAttachment.objects.create(
            post=post, file=upload, filename=(upload.name or "file")[-200:]
        )
    post.mentions.set(mentioned_in(body, thread.space))
    return post


def discussion_thread_start(
    *,
    space: DiscussionSpace,
    author: User,
    title: str,
    body: str,
    attachments: Sequence[Any] = (),
    site_url: str | None = None,
) -> DiscussionThread:
    """Start a thread in a space the author may write in; its first post may mention people."""
    require(author, "learning.start_discussion_thread", space)
    errors: dict[str, Any] = {}
    for check in (
        lambda: clean_text(title, field="title", limit=TITLE_LENGTH),
        lambda: clean_text(body, field="body", limit=BODY_LENGTH),
        lambda: check_attachments(attachments),
    ):
        try:
            check()
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        thread = DiscussionThread.objects.create(
            space=space,
            title=clean_text(title, field="title", limit=TITLE_LENGTH),
            started_by=author,
            last_post_at=timezone.now(),
        )
        post = _post_create(
            thread=thread,
            author=author,
            body=clean_text(body, field="body", limit=BODY_LENGTH),
            attachments=attachments,
        )
        _notify(post, site_url or settings.SITE_URL)
    return thread


def discussion_reply(
    *,
    thread: DiscussionThread,
    author: User,
    body: str,
    attachments: Sequence[Any] = (),
    site_url: str | None = None,
) -> DiscussionPost:
    """Reply in a thread that is not locked (moderators may still reply to a locked one)."""
    require(author, "learning.reply_in_discussion", thread)
    errors: dict[str, Any] = {}
    try:
        body = clean_text(body, field="body", limit=BODY_LENGTH)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        check_attachments(attachments)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        post = _post_create(thread=thread, author=author, body=body, attachments=attachments)
        DiscussionThread.objects.filter(pk=thread.pk).update(last_post_at=post.created_at)
        _notify(post, site_url or settings.SITE_URL)
    return post


def _notify(post: DiscussionPost, site_url: str) -> None:
    """Tell the thread's other participants of a reply, and the people mentioned; each as they
    chose (at once, in the daily digest, or not at all)."""
    from migralocal.learning import discussion_tasks

    reasons: dict[int, str] = {}
    participants = (
        DiscussionPost.objects.filter(thread_id=post.thread_id, is_hidden=False)
        .exclude(pk=post.pk)
        .values_list("author_id", flat=True)
    )
    for user_id in participants:
        if user_id is not None:
            reasons[user_id] = DiscussionNotice.Reason.REPLY
    for mentioned in post.mentions.all():
        reasons[mentioned.pk] = DiscussionNotice.Reason.MENTION
    reasons.pop(post.author_id or 0, None)
    if not reasons:
        return
    choices = dict(
        DiscussionSettings.objects.filter(user_id__in=reasons).values_list("user_id", "frequency")
    )
    people = User.objects.in_bulk(list(reasons))
    for user_id, reason in reasons.items():
        person = people.get(user_id)
        frequency = choices.get(user_id, DiscussionSettings.Frequency.IMMEDIATELY)
        if (
            person is None
            or not person.is_active
            or frequency == DiscussionSettings.Frequency.NEVER
        ):
            continue
        if not person.has_perm("learning.view_discussion_space", post.thread.space):
            continue
        notice = DiscussionNotice.objects.create(user=person, post=post, reason=reason)
        if frequency == DiscussionSettings.Frequency.IMMEDIATELY:
            transaction.on_commit(
                partial(
                    discussion_tasks.send_discussion_notice.enqueue,
                    notice_id=notice.pk,
                    site_url=site_url,
                )
            )


def _absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + path


def discussion_notice_send(*, notice: DiscussionNotice, site_url: str) -> bool:
    """E-mail one notice at once, in the person's language; never twice, never a hidden post."""
    claimed = DiscussionNotice.objects.filter(pk=notice.pk, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    post = notice.post
    if not claimed or post.is_hidden or not notice.user.email:
        return False
    with translation.override(notice.user.preferred_language or settings.LANGUAGE_CODE):
        context = _notice_context(notice, site_url)
        subject = (
            _("You were mentioned in “%(thread)s”")
            if notice.reason == DiscussionNotice.Reason.MENTION
            else _("New reply in “%(thread)s”")
        ) % {"thread": post.thread.title}
        body = render_to_string("learning/discussions/emails/notice.txt", {"notices": [context]})
        send_mail(subject, body, None, [notice.user.email])
    return True


def _notice_context(notice: DiscussionNotice, site_url: str) -> dict[str, str]:
    post = notice.post
    return {
        "reason": notice.get_reason_display(),
        "thread": post.thread.title,
        "author": post.author.display_name if post.author else "",
        "excerpt": markdown_to_plain_text(post.body, 300),
        "link": _absolute(site_url, post.get_absolute_url()),
    }


def discussion_digest_send(*, notices: Iterable[DiscussionNotice], site_url: str) -> int:
    """One e-mail per person with every notice waiting for the daily digest; returns how many
    e-mails were sent. Each notice is claimed before sending, so two runs never send it twice."""
    by_person: dict[int, list[DiscussionNotice]] = defaultdict(list)
    for notice in notices:
        by_person[notice.user_id].append(notice)
    sent = 0
    for waiting in by_person.values():
        claimed_ids = [
            notice.pk
            for notice in waiting
            if DiscussionNotice.objects.filter(pk=notice.pk, sent_at__isnull=True).update(
                sent_at=timezone.now()
            )
        ]
        claimed = [notice for notice in waiting if notice.pk in claimed_ids]
        person = waiting[0].user
        if not claimed or not person.email:
            continue
        with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
            body = render_to_string(
                "learning/discussions/emails/notice.txt",
                {"notices": [_notice_context(notice, site_url) for notice in claimed]},
            )
            subject = _("Discussions: %(count)d new messages for you") % {"count": len(claimed)}
            send_mail(subject, body, None, [person.email])
        sent += 1
    return sent


def discussion_settings_update(*, user: User, frequency: str) -> DiscussionSettings:
    """Choose how to hear about discussions: at once, a daily digest, or never."""
    require(user, "learning.choose_discussion_emails")
    if frequency not in DiscussionSettings.Frequency.values:
        raise ValidationError({"frequency": _("Choose one of the options.")})
    chosen, _created = DiscussionSettings.objects.update_or_create(
        user=user, defaults={"frequency": frequency}
    )
    return chosen


# ---------------------------------------------------------------- moderation


def discussion_post_report(*, post: DiscussionPost, user: User, reason: str) -> PostReport:
    """Any reader but the author reports a post once; moderators see it in their queue."""
    require(user, "learning.report_discussion_post", post)
    reason = clean_text(reason, field="reason", limit=text_limits.NOTE)
    try:
        with transaction.atomic():
            return PostReport.objects.create(post=post, reported_by=user, reason=reason)
    except IntegrityError as error:
        raise ValidationError(_("You have already reported this message.")) from error


def discussion_post_hide(*, post: DiscussionPost, moderator: User) -> DiscussionPost:
    """Hide a post from readers; its open reports are resolved."""
    return _set_hidden(post, moderator, hidden=True)


def discussion_post_unhide(*, post: DiscussionPost, moderator: User) -> DiscussionPost:
    """Show a hidden post again (or keep a reported one): its open reports are resolved."""
    return _set_hidden(post, moderator, hidden=False)


def _set_hidden(post: DiscussionPost, moderator: User, *, hidden: bool) -> DiscussionPost:
    require(moderator, "learning.moderate_discussion", post)
    now = timezone.now()
    with transaction.atomic():
        post.is_hidden = hidden
        post.hidden_by = moderator if hidden else None
        post.hidden_at = now if hidden else None
        post.save(update_fields=["is_hidden", "hidden_by", "hidden_at"])
        post.reports.filter(resolved_at__isnull=True).update(resolved_at=now)
    return post


def discussion_thread_lock(
    *, thread: DiscussionThread, moderator: User, locked: bool
) -> DiscussionThread:
    """Lock a thread (no more replies but from moderators) or unlock it."""
    require(moderator, "learning.moderate_discussion", thread)
    thread.is_locked = locked
    thread.save(update_fields=["is_locked"])
    return thread


# ---------------------------------------------------------------- topics for a meeting


def meeting_topic_propose(
    *, event: Event, user: User, title: str, details: str = ""
) -> MeetingTopic:
    """A member proposes a topic for a virtual meeting that has not started yet."""
    require(user, "learning.propose_meeting_topic", event)
    if event.starts_at <= timezone.now():
        raise ValidationError(_("This meeting has started: topics can no longer be proposed."))
    errors: dict[str, Any] = {}
    cleaned: dict[str, str] = {}
    for field, value, limit, required in (
        ("title", title, TITLE_LENGTH, True),
        ("details", details, text_limits.NOTE, False),
    ):
        try:
            cleaned[field] = clean_text(value, field=field, limit=limit, required=required)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return MeetingTopic.objects.create(event=event, proposed_by=user, **cleaned)


def meeting_topic_vote(*, topic: MeetingTopic, user: User, vote: bool) -> bool:
    """Vote for a topic (once) or withdraw the vote; returns whether the person now votes."""
    require(user, "learning.propose_meeting_topic", topic)
    if topic.event.starts_at <= timezone.now():
        raise ValidationError(_("This meeting has started: voting is closed."))
    if vote:
        TopicVote.objects.get_or_create(topic=topic, user=user)
    else:
        TopicVote.objects.filter(topic=topic, user=user).delete()
    return vote
