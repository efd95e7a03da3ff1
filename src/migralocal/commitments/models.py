"""Commitments and practices, their progress updates, attachments, flags and moderation record."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from parler.managers import TranslatableQuerySet
from parler.models import TranslatableModel, TranslatedFields

from migralocal.core import text_limits
from migralocal.core.models import Country, Organisation, TaxonomyTerm
from migralocal.core.text_limits import LimitedTextField

THEME_TAXONOMY = "areas-of-work"
OBJECTIVE_TAXONOMY = "gcm-objectives"
SDG_TAXONOMY = "sdg"


class Kind(models.TextChoices):
    COMMITMENT = "commitment", _("Commitment")
    PRACTICE = "practice", _("Practice")
    PROGRAMME = "programme", _("Programme")


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    DISCONTINUED = "discontinued", _("Discontinued")


class ModerationState(models.TextChoices):
    """Where an entry is in moderation. Only PENDING and VERIFIED entries are public."""

    AWAITING_CONFIRMATION = "awaiting_confirmation", _("Waiting for e-mail confirmation")
    PENDING = "pending", _("Published, not verified")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


PUBLIC_STATES = (ModerationState.PENDING, ModerationState.VERIFIED)


class CommitmentQuerySet(TranslatableQuerySet["Commitment"]):
    def published(self) -> CommitmentQuerySet:
        """What visitors may see: public states, not hidden by readers' flags."""
        return self.filter(moderation_state__in=PUBLIC_STATES, is_hidden=False)


class Commitment(TranslatableModel):
    """A pledge, practice or programme of a city or organisation, as its submitter described it."""

    slug = models.SlugField(_("address"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("city or organisation"),
    )
    organisation_name = models.CharField(
        _("name of the city or organisation"),
        max_length=200,
        blank=True,
        help_text=_("When it is not yet on the platform."),
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="commitments", verbose_name=_("country")
    )
    original_language = models.CharField(_("language of the submission"), max_length=10)
    themes = models.ManyToManyField(
        TaxonomyTerm,
        blank=True,
        related_name="commitments_by_theme",
        limit_choices_to={"taxonomy__code": THEME_TAXONOMY},
        verbose_name=_("themes"),
    )
    objectives = models.ManyToManyField(
        TaxonomyTerm,
        related_name="commitments_by_objective",
        limit_choices_to={"taxonomy__code": OBJECTIVE_TAXONOMY},
        verbose_name=_("Global Compact objectives"),
    )
    sdgs = models.ManyToManyField(
        TaxonomyTerm,
        blank=True,
        related_name="commitments_by_sdg",
        limit_choices_to={"taxonomy__code": SDG_TAXONOMY},
        verbose_name=_("Sustainable Development Goals"),
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    partners = LimitedTextField(_("partners"), blank=True, max_length=text_limits.TEXT)
    funding_sources = LimitedTextField(
        _("funding sources"), blank=True, max_length=text_limits.TEXT
    )
    links = LimitedTextField(
        _("links"), blank=True, help_text=_("One address per line."), max_length=text_limits.TEXT
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)

    moderation_state = models.CharField(
        _("moderation"), max_length=30, choices=ModerationState.choices, db_index=True
    )
    is_hidden = models.BooleanField(
        _("hidden after flags"),
        default=False,
        help_text=_("Set when readers' open flags reach the limit, until a reviewer decides."),
    )
    submitter_email = models.EmailField(_("submitter's e-mail"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submitted_commitments",
        verbose_name=_("submitted by"),
    )
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=200),
        summary=models.CharField(_("summary"), max_length=500),
        description=LimitedTextField(
            _("description"), blank=True, max_length=text_limits.LONG_TEXT
        ),
    )

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ("-published_at", "-created_at")
        indexes: ClassVar = [models.Index(fields=["moderation_state", "is_hidden", "country"])]

    def __str__(self) -> str:
        return str(self.safe_translation_getter("title", any_language=True) or self.slug)

    def get_absolute_url(self) -> str:
        return reverse("commitments:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.moderation_state in PUBLIC_STATES and not self.is_hidden

    @property
    def is_verified(self) -> bool:
        return self.moderation_state == ModerationState.VERIFIED

    @property
    def is_anonymous(self) -> bool:
        return self.submitted_by_id is None and bool(self.submitter_email)

    @property
    def display_organisation(self) -> str:
        return self.organisation.name if self.organisation else self.organisation_name

    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    def partner_list(self) -> list[str]:
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    def funding_list(self) -> list[str]:
        return [line.strip() for line in self.funding_sources.splitlines() if line.strip()]


class ProgressUpdate(TranslatableModel):
    """A dated note by the commitment's owner about what has been done."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="updates", verbose_name=_("commitment")
    )
    date = models.DateField(_("date"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    translations = TranslatedFields(text=LimitedTextField(_("text"), max_length=text_limits.TEXT))

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ("-date", "-created_at")

    def __str__(self) -> str:
        return f"{self.commitment} · {self.date:%Y-%m-%d}"


class Attachment(models.Model):
    """A document or picture attached to a commitment; its type was checked from its content."""

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("commitment"),
    )
    file = models.FileField(_("file"), upload_to="commitments/%Y/%m/")
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=50)
    size = models.PositiveIntegerField(_("size in bytes"))
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("commitments:attachment", kwargs={"pk": self.pk})


class Flag(models.Model):
    """A reader's report that something is wrong with a public entry."""

    class Reason(models.TextChoices):
        INACCURATE = "inaccurate", _("Inaccurate or out of date")
        SPAM = "spam", _("Spam or advertising")
        OFFENSIVE = "offensive", _("Offensive or discriminatory")
        PERSONAL_DATA = "personal_data", _("Exposes personal data")
        OTHER = "other", _("Something else")

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="flags", verbose_name=_("commitment")
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    comment = LimitedTextField(_("comment"), blank=True, max_length=1000)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    is_open = models.BooleanField(_("open"), default=True)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.commitment} · {self.get_reason_display()}"


class ModerationDecision(models.Model):
    """One step in an entry's moderation: who did what, when, and the message they gave."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        CONFIRMED = "confirmed", _("E-mail confirmed")
        VERIFIED = "verified", _("Verified")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        RESUBMITTED = "resubmitted", _("Changed and resubmitted")
        REJECTED = "rejected", _("Rejected")
        HIDDEN_BY_FLAGS = "hidden_by_flags", _("Hidden after readers' flags")
        FLAGS_DISMISSED = "flags_dismissed", _("Flags dismissed")

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("commitment"),
    )
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    from_state = models.CharField(_("from"), max_length=30, choices=ModerationState.choices)
    to_state = models.CharField(_("to"), max_length=30, choices=ModerationState.choices)
    message = LimitedTextField(_("message"), blank=True, max_length=text_limits.TEXT)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    actor_label = models.CharField(_("by (as recorded)"), max_length=254, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation decisions")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.commitment} · {self.get_action_display()}"
