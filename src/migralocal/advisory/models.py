"""Technical assistance: a programme advises a government body while it writes its planning
instruments. An engagement holds the instruments under review; each instrument has its drafts
(versions) and review rounds; each round, its recommendations and the government's response."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import PurePath
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from parler.models import TranslatableModel, TranslatedFields

from migralocal.core import text_limits
from migralocal.core.models import Organisation, TaxonomyTerm
from migralocal.core.text_limits import LimitedTextField

# Themes come from the taxonomies the other modules already use.
THEME_TAXONOMIES = ("areas-of-work", "gcm-objectives", "migof-domains")
GOVERNMENT_KINDS = (Organisation.Kind.MUNICIPALITY, Organisation.Kind.NATIONAL_GOVERNMENT)


def private_upload_path(instance: models.Model, filename: str) -> str:
    """Drafts and documents are served only through permission-checked views, under an
    unguessable name."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"advisory/{instance._meta.model_name}/{uuid.uuid4().hex}{suffix}"


class Engagement(TranslatableModel):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACTIVE = "active", _("Under way")
        SUSPENDED = "suspended", _("Suspended")
        COMPLETED = "completed", pgettext_lazy("engagement status", "Completed")

    slug = models.SlugField(_("short name in addresses"), max_length=120, unique=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="advisory_engagements",
        limit_choices_to={"kind__in": GOVERNMENT_KINDS},
        verbose_name=_("government"),
    )
    department = models.CharField(
        _("department or unit"),
        max_length=200,
        blank=True,
        help_text=_("The secretariat, agency or unit advised, when not the whole government."),
    )
    requested_by = models.CharField(_("who asked"), max_length=200)
    requested_on = models.DateField(_("asked on"), null=True, blank=True)
    # One engagement may belong to several programmes; held here, so the programmes' table stays
    # as it is (the programmes app lists it among what belongs to a programme).
    programmes = models.ManyToManyField(
        "programmes.Programme",
        related_name="advisory_engagements",
        verbose_name=_("programmes"),
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    advisors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="advisory_advised",
        verbose_name=_("advisors"),
    )
    counterparts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="advisory_counterpart_of",
        verbose_name=_("government counterparts"),
    )
    # The government's choice: a public page of the recommendations it adopted.
    publishes_adopted = models.BooleanField(
        _("publish adopted recommendations"),
        default=False,
        help_text=_("The government agrees to show the recommendations it adopted to everyone."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=200),
        scope=LimitedTextField(_("scope"), blank=True, max_length=text_limits.TEXT),
    )

    class Meta:
        verbose_name = _("technical assistance engagement")
        verbose_name_plural = _("technical assistance engagements")
        ordering = ("-starts_on", "slug")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="engagement_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return str(self.safe_translation_getter("title", any_language=True) or self.slug)

    def get_absolute_url(self) -> str:
        return reverse("advisory:detail", kwargs={"slug": self.slug})

    @property
    def engagement(self) -> Engagement:
        return self

    @property
    def country_id(self) -> int:
        """The government's country: where the programme roles that see it are held."""
        return self.organisation.country_id


class EngagementDocument(models.Model):
    engagement = models.ForeignKey(
        Engagement,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("technical assistance engagement"),
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=private_upload_path, blank=True)
    link = models.URLField(_("link"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("engagement document")
        verbose_name_plural = _("engagement documents")
        ordering = ("-added_at",)

    def __str__(self) -> str:
        return self.title


class Instrument(TranslatableModel):
    class Kind(models.TextChoices):
        PLAN = "plan", _("Plan")
        ORDINANCE = "ordinance", _("Ordinance")
        STRATEGY = "strategy", _("Strategy")
        BUDGET = "budget", _("Budget")
        PROTOCOL = "protocol", _("Protocol")

    class Stage(models.TextChoices):
        DRAFTING = "drafting", _("Being drafted")
        CONSULTATION = "consultation", _("Public consultation")
        APPROVAL = "approval", _("Before approval")
        ADOPTED = "adopted", _("Adopted")

    engagement = models.ForeignKey(
        Engagement,
        on_delete=models.CASCADE,
        related_name="instruments",
        verbose_name=_("technical assistance engagement"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    owner_department = models.CharField(_("department in charge"), max_length=200, blank=True)
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.DRAFTING
    )
    expected_adoption_on = models.DateField(_("expected adoption"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    translations = TranslatedFields(name=models.CharField(_("name"), max_length=300))

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ("engagement", "pk")

    def __str__(self) -> str:
        name = str(self.safe_translation_getter("name", any_language=True) or "")
        return f"{self.acronym} — {name}" if self.acronym else name

    def get_absolute_url(self) -> str:
        return reverse("advisory:instrument", kwargs={"pk": self.pk})


class InstrumentVersion(models.Model):
    """A draft of an instrument, as the government shared it for review."""

    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="versions", verbose_name=_("instrument")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=private_upload_path)
    note = models.CharField(_("note"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("draft version")
        verbose_name_plural = _("draft versions")
        ordering = ("instrument", "number")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["instrument", "number"], name="one_version_number")
        ]

    def __str__(self) -> str:
        return _("Version %(number)s") % {"number": self.number}

    @property
    def engagement(self) -> Engagement:
        return self.instrument.engagement


class ReviewRound(models.Model):
    """One review of an instrument: recommendations are written while it is open, and the
    government answers them once the round is sent."""

    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("instrument")
    )
    number = models.PositiveSmallIntegerField(_("round"))
    version = models.ForeignKey(
        InstrumentVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rounds",
        verbose_name=_("draft reviewed"),
    )
    opened_on = models.DateField(_("opened"))
    sent_on = models.DateField(_("sent to the government"), null=True, blank=True)

    class Meta:
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")
        ordering = ("instrument", "number")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["instrument", "number"], name="one_round_number")
        ]

    def __str__(self) -> str:
        return _("Round %(number)s") % {"number": self.number}

    @property
    def engagement(self) -> Engagement:
        return self.instrument.engagement

    @property
    def is_sent(self) -> bool:
        return self.sent_on is not None


class Recommendation(TranslatableModel):
    class Priority(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    class Response(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
        NOT_ACCEPTED = "not_accepted", _("Not accepted")

    ADOPTED: ClassVar = (Response.ACCEPTED, Response.PARTLY_ACCEPTED)

    review_round = models.ForeignKey(
        ReviewRound,
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("review round"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    themes = models.ManyToManyField(
        TaxonomyTerm,
        blank=True,
        related_name="advisory_recommendations",
        limit_choices_to={"taxonomy__code__in": THEME_TAXONOMIES},
        verbose_name=_("themes"),
    )
    response = models.CharField(
        _("government's response"),
        max_length=20,
        choices=Response.choices,
        default=Response.PENDING,
    )
    response_note = LimitedTextField(_("response note"), blank=True, max_length=text_limits.NOTE)
    evidence_section = models.CharField(
        _("where it was incorporated"),
        max_length=200,
        blank=True,
        help_text=_("Section or article of the instrument."),
    )
    evidence_version = models.ForeignKey(
        InstrumentVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evidenced_recommendations",
        verbose_name=_("document that shows it"),
    )
    evidence_link = models.URLField(_("link that shows it"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    translations = TranslatedFields(
        text=LimitedTextField(_("recommendation"), max_length=text_limits.TEXT)
    )

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ("review_round", "number")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["review_round", "number"], name="one_recommendation_number"
            )
        ]

    def __str__(self) -> str:
        return _("Recommendation %(number)s") % {"number": self.code}

    @property
    def code(self) -> str:
        """R<round>.<number>, as the advisors and the government cite it."""
        return f"{self.review_round.number}.{self.number}"

    @property
    def engagement(self) -> Engagement:
        return self.review_round.instrument.engagement

    @property
    def is_adopted(self) -> bool:
        return self.response in self.ADOPTED


class PlanActivity(TranslatableModel):
    """One activity of the engagement's technical assistance plan. A training is a learning
    event: its registrations and attendance are counted there."""

    class Kind(models.TextChoices):
        REVIEW_MEETING = "review_meeting", _("Review meeting")
        WORKSHOP = "workshop", _("Workshop")
        TRAINING = "training", _("Training")
        DOCUMENT = "document", _("Document")

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("plan activity", "Planned")
        IN_PROGRESS = "in_progress", pgettext_lazy("plan activity", "In progress")
        DONE = "done", pgettext_lazy("plan activity", "Done")
        CANCELLED = "cancelled", pgettext_lazy("plan activity", "Cancelled")

    engagement = models.ForeignKey(
        Engagement,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("technical assistance engagement"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    owners = models.CharField(
        _("responsible"),
        max_length=300,
        help_text=_("Who is in charge: people or units, separated by commas."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    event = models.ForeignKey(
        "learning.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advisory_activities",
        verbose_name=_("learning event"),
        help_text=_("For a training: the event where its registrations and attendance are kept."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    translations = TranslatedFields(title=models.CharField(_("title"), max_length=300))

    class Meta:
        verbose_name = _("plan activity")
        verbose_name_plural = _("plan activities")
        ordering = ("engagement", "starts_on", "pk")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="plan_activity_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return str(self.safe_translation_getter("title", any_language=True) or self.pk)

    def is_overdue(self, today: dt.date | None = None) -> bool:
        """Not done nor cancelled after its end: the timeline marks it."""
        today = today or timezone.localdate()
        finished = {self.Status.DONE, self.Status.CANCELLED}
        return self.ends_on < today and self.status not in finished
