"""Discussions of the community and of hub staff: spaces by country or topic, threads, posts
with checked attachments, readers' reports, notices for e-mail, and the topics members propose
and vote for before a virtual meeting."""

from __future__ import annotations

import uuid
from pathlib import PurePath
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from parler.models import TranslatableModel, TranslatedFields

from migralocal.core import text_limits
from migralocal.core.models import Country, TaxonomyTerm
from migralocal.core.text_limits import LimitedTextField

TITLE_LENGTH = 200


class DiscussionSpace(TranslatableModel):
    """Where threads are started: for a country, or for a topic, and for an audience."""

    class Audience(models.TextChoices):
        COMMUNITY = "community", _("Members of community organisations")
        HUB_STAFF = "hub_staff", _("Hub staff only")

    slug = models.SlugField(_("short name in addresses"), max_length=120, unique=True)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.COMMUNITY
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="discussion_spaces",
        verbose_name=_("country"),
        help_text=_("Leave empty for a space about a topic across countries."),
    )
    topic = models.ForeignKey(
        TaxonomyTerm,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="discussion_spaces",
        limit_choices_to={"taxonomy__code": "areas-of-work"},
        verbose_name=_("topic"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    is_open = models.BooleanField(_("open"), default=True)
    translations = TranslatedFields(
        name=models.CharField(_("name"), max_length=150),
        description=LimitedTextField(_("description"), blank=True, max_length=text_limits.NOTE),
    )

    class Meta:
        verbose_name = _("discussion space")
        verbose_name_plural = _("discussion spaces")
        ordering = ("position", "slug")

    def __str__(self) -> str:
        return str(self.safe_translation_getter("name", any_language=True) or self.slug)

    def get_absolute_url(self) -> str:
        return reverse("learning:discussion_space", kwargs={"slug": self.slug})


class DiscussionThread(models.Model):
    space = models.ForeignKey(
        DiscussionSpace,
        on_delete=models.CASCADE,
        related_name="threads",
        verbose_name=_("space"),
    )
    title = models.CharField(_("title"), max_length=TITLE_LENGTH)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="discussion_threads",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    last_post_at = models.DateTimeField(_("last post"), db_index=True)
    is_locked = models.BooleanField(_("locked"), default=False)

    class Meta:
        verbose_name = _("discussion thread")
        verbose_name_plural = _("discussion threads")
        ordering = ("-last_post_at", "-pk")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:discussion_thread", kwargs={"pk": self.pk})

    @property
    def country_id(self) -> int | None:
        """The space's country: reviewers of that country moderate the thread."""
        return self.space.country_id


class DiscussionPost(models.Model):
    thread = models.ForeignKey(
        DiscussionThread,
        on_delete=models.CASCADE,
        related_name="posts",
        verbose_name=_("thread"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="discussion_posts",
        verbose_name=_("author"),
    )
    body = LimitedTextField(_("message"), max_length=text_limits.TEXT)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    mentions = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="discussion_mentions",
        verbose_name=_("people mentioned"),
    )
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)

    class Meta:
        verbose_name = _("discussion post")
        verbose_name_plural = _("discussion posts")
        ordering = ("created_at", "pk")
        indexes: ClassVar = [models.Index(fields=["thread", "created_at"])]

    def __str__(self) -> str:
        return f"{self.thread} · {self.pk}"

    def get_absolute_url(self) -> str:
        return f"{self.thread.get_absolute_url()}#post-{self.pk}"

    @property
    def country_id(self) -> int | None:
        return self.thread.space.country_id


def attachment_upload_path(instance: models.Model, filename: str) -> str:
    """Attachments are served only through a permission-checked page, under an unguessable
    name."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"learning/discussions/{uuid.uuid4().hex}{suffix}"


class PostAttachment(models.Model):
    post = models.ForeignKey(
        DiscussionPost,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("post"),
    )
    file = models.FileField(_("file"), upload_to=attachment_upload_path)
    filename = models.CharField(_("file name"), max_length=200)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse("learning:discussion_attachment", kwargs={"pk": self.pk})


class PostReport(models.Model):
    """A reader reports a post; moderators of its space see it in their review queue."""

    post = models.ForeignKey(
        DiscussionPost,
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("post"),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="discussion_reports",
        verbose_name=_("reported by"),
    )
    reason = LimitedTextField(_("why"), max_length=text_limits.NOTE)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        verbose_name = _("report of a post")
        verbose_name_plural = _("reports of posts")
        ordering = ("-created_at", "-pk")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["post", "reported_by"], name="one_report_per_person_and_post"
            )
        ]

    def __str__(self) -> str:
        return f"{self.post} · {self.reported_by}"


class DiscussionSettings(models.Model):
    """How a person wants to hear about discussions by e-mail."""

    class Frequency(models.TextChoices):
        IMMEDIATELY = "immediately", _("At once, one e-mail per message")
        DAILY = "daily", _("Once a day, in a digest")
        NEVER = "never", _("Never")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="discussion_settings",
        verbose_name=_("person"),
    )
    frequency = models.CharField(
        _("e-mails about discussions"),
        max_length=20,
        choices=Frequency.choices,
        default=Frequency.IMMEDIATELY,
    )

    class Meta:
        verbose_name = _("discussion e-mail setting")
        verbose_name_plural = _("discussion e-mail settings")

    def __str__(self) -> str:
        return f"{self.user} · {self.frequency}"


class DiscussionNotice(models.Model):
    """Something to tell a person by e-mail: a reply in a thread they take part in, or a
    mention. Sent at once or in the next daily digest, as the person chose."""

    class Reason(models.TextChoices):
        REPLY = "reply", _("A new reply in a thread you take part in")
        MENTION = "mention", _("You were mentioned")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="discussion_notices",
        verbose_name=_("person"),
    )
    post = models.ForeignKey(
        DiscussionPost,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("post"),
    )
    reason = models.CharField(_("why"), max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("discussion notice")
        verbose_name_plural = _("discussion notices")
        ordering = ("created_at", "pk")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["user", "post"], name="one_notice_per_person_and_post")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.post}"


class MeetingTopic(models.Model):
    """A topic a member proposes for a virtual meeting; members vote for it."""

    event = models.ForeignKey(
        "learning.Event",
        on_delete=models.CASCADE,
        related_name="proposed_topics",
        verbose_name=_("event"),
    )
    title = models.CharField(_("topic"), max_length=TITLE_LENGTH)
    details = LimitedTextField(_("details"), blank=True, max_length=text_limits.NOTE)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="proposed_meeting_topics",
        verbose_name=_("proposed by"),
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    voters = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="TopicVote",
        related_name="meeting_topic_votes",
        verbose_name=_("voters"),
    )

    class Meta:
        verbose_name = _("proposed meeting topic")
        verbose_name_plural = _("proposed meeting topics")
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return self.title

    @property
    def country_id(self) -> int:
        return self.event.country_id


class TopicVote(models.Model):
    topic = models.ForeignKey(
        MeetingTopic, on_delete=models.CASCADE, related_name="votes", verbose_name=_("topic")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="topic_votes",
        verbose_name=_("person"),
    )
    created_at = models.DateTimeField(_("voted"), auto_now_add=True)

    class Meta:
        verbose_name = _("vote for a topic")
        verbose_name_plural = _("votes for topics")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["topic", "user"], name="one_vote_per_person_and_topic")
        ]

    def __str__(self) -> str:
        return f"{self.topic} · {self.user}"
