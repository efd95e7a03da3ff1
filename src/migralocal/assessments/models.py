"""Governance frameworks (versioned data) and the municipal assessment cycle built on them."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from parler.models import TranslatableModel, TranslatedFields

from migralocal.core import text_limits
from migralocal.core.models import Country, Organisation, TaxonomyTerm
from migralocal.core.text_limits import LimitedTextField

MIGOF_TAXONOMY = "migof-domains"
GCM_TAXONOMY = "gcm-objectives"


def weight_field() -> models.DecimalField:
    return models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal(0))],
    )


# Frameworks -------------------------------------------------------------------------------------


class Framework(TranslatableModel):
    """One version of a framework. Published versions are never changed: a change is a new one."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    code = models.SlugField(_("code"), max_length=60)
    version = models.PositiveIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    well_developed_threshold = models.PositiveSmallIntegerField(
        _("well-developed from (score out of 100)"),
        default=60,
        validators=[MaxValueValidator(100)],
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=200),
        description=LimitedTextField(_("description"), blank=True, max_length=text_limits.TEXT),
    )

    class Meta:
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")
        ordering = ("code", "-version")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["code", "version"], name="unique_framework_version")
        ]

    def __str__(self) -> str:
        title = self.safe_translation_getter("title", any_language=True) or self.code
        return f"{title} (v{self.version})"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Dimension(TranslatableModel):
    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="dimensions", verbose_name=_("framework")
    )
    code = models.SlugField(_("code"), max_length=60)
    position = models.PositiveIntegerField(_("position"), default=0)
    weight = weight_field()
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=200),
        description=LimitedTextField(_("description"), blank=True, max_length=text_limits.TEXT),
    )

    class Meta:
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        ordering = ("framework", "position")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["framework", "code"], name="unique_dimension_code")
        ]

    def __str__(self) -> str:
        return str(self.safe_translation_getter("title", any_language=True) or self.code)


class Indicator(TranslatableModel):
    dimension = models.ForeignKey(
        Dimension, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("dimension")
    )
    code = models.SlugField(_("code"), max_length=60)
    position = models.PositiveIntegerField(_("position"), default=0)
    weight = weight_field()
    migof_domain = models.ForeignKey(
        TaxonomyTerm,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"taxonomy__code": MIGOF_TAXONOMY},
        verbose_name=_("migration governance domain"),
    )
    gcm_objectives = models.ManyToManyField(
        TaxonomyTerm,
        blank=True,
        related_name="+",
        limit_choices_to={"taxonomy__code": GCM_TAXONOMY},
        verbose_name=_("Global Compact objectives"),
    )
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=200),
        description=LimitedTextField(_("description"), blank=True, max_length=text_limits.TEXT),
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ("dimension__position", "position")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["dimension", "code"], name="unique_indicator_code")
        ]

    def __str__(self) -> str:
        return str(self.safe_translation_getter("title", any_language=True) or self.code)


class Question(TranslatableModel):
    class Kind(models.TextChoices):
        YES_NO_PARTLY = "yes_no_partly", _("Yes, no or partly")
        SINGLE_CHOICE = "single_choice", _("Single choice")
        MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
        NUMBER = "number", _("Number")
        DATE = "date", _("Date")
        TEXT = "text", _("Text")

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="questions", verbose_name=_("indicator")
    )
    code = models.SlugField(_("code"), max_length=60)
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    weight = weight_field()
    allows_not_applicable = models.BooleanField(_("“not applicable” allowed"), default=False)
    evidence_required = models.BooleanField(_("evidence required"), default=False)
    target = models.DecimalField(
        _("number that scores in full"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Only for number questions: the answer divided by this, at most 1."),
    )
    translations = TranslatedFields(
        text=LimitedTextField(_("question"), max_length=text_limits.TEXT),
        help_text=LimitedTextField(_("help text"), blank=True, max_length=text_limits.TEXT),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ("indicator__dimension__position", "indicator__position", "position")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["indicator", "code"], name="unique_question_code")
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_scored(self) -> bool:
        """Dates and free text inform the reviewer; they carry no score."""
        if self.kind == self.Kind.NUMBER:
            return self.target is not None and self.target > 0
        return self.kind not in {self.Kind.DATE, self.Kind.TEXT}


class Option(TranslatableModel):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="options", verbose_name=_("question")
    )
    code = models.SlugField(_("code"), max_length=60)
    position = models.PositiveIntegerField(_("position"), default=0)
    score = models.DecimalField(
        _("score (0 to 1)"),
        max_digits=4,
        decimal_places=3,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
    )
    translations = TranslatedFields(label=models.CharField(_("label"), max_length=300))

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ("question", "position")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["question", "code"], name="unique_option_code")
        ]

    def __str__(self) -> str:
        return str(self.safe_translation_getter("label", any_language=True) or self.code)


# The cycle --------------------------------------------------------------------------------------


class Stage(models.TextChoices):
    """The stages of a round, listed in the order of the cycle; each detour (declined, returned)
    comes right after the stage it leaves from."""

    APPLIED = "applied", _("Application submitted")
    DECLINED = "declined", _("Application declined")
    TRAINING = "training", _("Training of officials")
    SELF_ASSESSMENT = "self_assessment", _("Self-assessment")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned for changes")
    VALIDATED = "validated", _("Validated")
    WORKSHOP = "workshop", _("Workshop held")
    PRIORITISED = "prioritised", _("Priorities selected")
    PLAN_SUBMITTED = "plan_submitted", _("Work plan submitted")
    MONITORING = "monitoring", _("Work plan approved, in monitoring")
    CERTIFIED = "certified", _("Certified")


# A declined application ends the round; a returned self-assessment goes back to be answered.
STAGE_DETOURS = frozenset({Stage.DECLINED, Stage.RETURNED})
# The path of a round through the cycle, in order: the stages as `Stage` lists them, without the
# detours. Everything that needs the order (progress steps, what comes after what) reads this.
STAGE_ORDER: tuple[Stage, ...] = tuple(stage for stage in Stage if stage not in STAGE_DETOURS)


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary")
    NOT_SAID = "not_said", _("Prefers not to say")


class Assessment(models.Model):
    """One round of the cycle for one municipality; a renewal is a new round after the last."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="assessments",
        limit_choices_to={"kind": Organisation.Kind.MUNICIPALITY},
        verbose_name=_("municipality"),
    )
    # Copied from the organisation so that country-scoped rules read it without a join.
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("framework")
    )
    year = models.PositiveIntegerField(_("year"))
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    previous = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="renewal",
        verbose_name=_("previous round"),
    )
    training_confirmed_at = models.DateTimeField(_("training confirmed"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    review_note = LimitedTextField(_("reviewer's note"), blank=True, max_length=text_limits.TEXT)
    validated_at = models.DateTimeField(_("validated"), null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("validated by"),
    )
    plan_note = LimitedTextField(
        _("reviewer's note on the work plan"), blank=True, max_length=text_limits.TEXT
    )
    plan_approved_at = models.DateTimeField(_("work plan approved"), null=True, blank=True)
    plan_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("work plan approved by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ("-year", "organisation__name")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["organisation", "year"], name="one_assessment_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.year}"

    @property
    def is_renewal(self) -> bool:
        return self.previous_id is not None

    @property
    def is_open_for_answers(self) -> bool:
        return self.stage in {Stage.SELF_ASSESSMENT, Stage.RETURNED}

    @property
    def stage_on_path(self) -> Stage:
        """Where the round stands on the path of the cycle: a returned self-assessment is back
        at the self-assessment, a declined application never went beyond applying."""
        if self.stage == Stage.RETURNED:
            return Stage.SELF_ASSESSMENT
        if self.stage == Stage.DECLINED:
            return Stage.APPLIED
        return Stage(self.stage)

    def has_reached(self, stage: Stage) -> bool:
        """Whether the round is at `stage` or beyond it on the path of the cycle."""
        return STAGE_ORDER.index(self.stage_on_path) >= STAGE_ORDER.index(stage)


def private_upload_path(instance: models.Model, filename: str) -> str:
    """Uploads are served only through permission-checked views, under an unguessable name."""
    import uuid
    from pathlib import PurePath

    suffix = PurePath(filename).suffix.lower()[:10]
    return f"assessments/{instance._meta.model_name}/{uuid.uuid4().hex}{suffix}"


class Application(models.Model):
    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="application", verbose_name=_("round")
    )
    population = models.PositiveIntegerField(_("population of the municipality"))
    migrant_population = models.PositiveIntegerField(
        _("estimated migrant, refugee and returnee population"), null=True, blank=True
    )
    current_work = LimitedTextField(
        _("what the municipality already does for migrants"), max_length=text_limits.TEXT
    )
    motivation = LimitedTextField(_("why the municipality applies"), max_length=text_limits.TEXT)
    mayor_name = models.CharField(_("mayor's name"), max_length=200)
    letter = models.FileField(_("signed letter of intent"), upload_to=private_upload_path)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    decision_note = LimitedTextField(_("decision note"), blank=True, max_length=text_limits.TEXT)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self) -> str:
        return str(self.assessment)


class TrainedOfficial(models.Model):
    """An official of the municipality and how many of the four training modules they finished."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="officials", verbose_name=_("round")
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    position = models.CharField(_("position"), max_length=200)
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices)
    modules_completed = models.PositiveSmallIntegerField(
        _("modules completed"), default=0, validators=[MaxValueValidator(4)]
    )

    class Meta:
        verbose_name = _("trained official")
        verbose_name_plural = _("trained officials")
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.name or self.position


class Answer(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="answers", verbose_name=_("round")
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question")
    )
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    choice = models.CharField(_("choice"), max_length=60, blank=True)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    number = models.DecimalField(_("number"), max_digits=14, decimal_places=2, null=True)
    date = models.DateField(_("date"), null=True, blank=True)
    text = LimitedTextField(_("text"), blank=True, max_length=text_limits.TEXT)
    # Each save increments this; a save based on an older version is refused as a conflict.
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["assessment", "question"], name="one_answer")
        ]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.question.code}"

    @property
    def is_given(self) -> bool:
        if self.not_applicable:
            return True
        return bool(
            self.choice or self.choices or self.number is not None or self.date or self.text
        )


class Evidence(models.Model):
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("answer")
    )
    file = models.FileField(_("file"), upload_to=private_upload_path, blank=True)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    url = models.URLField(_("link"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ("added_at",)

    def __str__(self) -> str:
        return self.original_name or self.url


class ReviewComment(models.Model):
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, related_name="comments", verbose_name=_("answer")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = LimitedTextField(_("comment"), max_length=text_limits.TEXT)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ("created_at",)

    def __str__(self) -> str:
        return self.text[:60]


class Workshop(models.Model):
    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="workshop", verbose_name=_("round")
    )
    held_on = models.DateField(_("date"))
    facilitators = models.CharField(_("facilitators"), max_length=300)
    findings = LimitedTextField(_("findings"), max_length=text_limits.TEXT)

    class Meta:
        verbose_name = _("diagnostic workshop")
        verbose_name_plural = _("diagnostic workshops")

    def __str__(self) -> str:
        return f"{self.assessment} · {self.held_on}"


class WorkshopParticipant(models.Model):
    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="participants", verbose_name=_("workshop")
    )
    name = models.CharField(_("name (optional)"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200)
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices)

    class Meta:
        verbose_name = _("workshop participant")
        verbose_name_plural = _("workshop participants")
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.name or f"{self.role} · {self.organisation}"


class PriorityRating(models.Model):
    """One participant's view of one area with potential: impact and feasibility, 1 to 5."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("round")
    )
    dimension = models.ForeignKey(
        Dimension, on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    participant = models.ForeignKey(
        WorkshopParticipant,
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name=_("participant"),
    )
    impact = models.PositiveSmallIntegerField(
        _("impact"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    feasibility = models.PositiveSmallIntegerField(
        _("feasibility"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = _("priority rating")
        verbose_name_plural = _("priority ratings")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["dimension", "participant"], name="one_rating_per_participant"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension}: {self.impact}/{self.feasibility}"


class Priority(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="priorities", verbose_name=_("round")
    )
    dimension = models.ForeignKey(
        Dimension, on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    position = models.PositiveSmallIntegerField(_("rank"), default=0)

    class Meta:
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        ordering = ("position",)
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["assessment", "dimension"], name="unique_priority")
        ]

    def __str__(self) -> str:
        return str(self.dimension)


class Action(models.Model):
    class Status(models.TextChoices):
        # A context keeps the feminine forms of "acción" apart from other modules' statuses.
        PLANNED = "planned", pgettext_lazy("work plan action", "Planned")
        IN_PROGRESS = "in_progress", pgettext_lazy("work plan action", "In progress")
        DONE = "done", pgettext_lazy("work plan action", "Done")
        ON_HOLD = "on_hold", pgettext_lazy("work plan action", "On hold")
        CANCELLED = "cancelled", pgettext_lazy("work plan action", "Cancelled")

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="actions", verbose_name=_("round")
    )
    priority = models.ForeignKey(
        Priority, on_delete=models.CASCADE, related_name="actions", verbose_name=_("priority")
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("indicator it should move"),
    )
    title = models.CharField(_("action"), max_length=300)
    owner = models.CharField(_("responsible"), max_length=200)
    partners = models.CharField(_("partners"), max_length=300, blank=True)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    budget = models.DecimalField(
        _("budget"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    # The technical assistance that supports it, and the recommendation it came from, if any.
    engagement = models.ForeignKey(
        "advisory.Engagement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_plan_actions",
        verbose_name=_("technical assistance engagement"),
    )
    recommendation = models.ForeignKey(
        "advisory.Recommendation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_plan_actions",
        verbose_name=_("recommendation it comes from"),
    )

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ("starts_on", "pk")

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        finished = {self.Status.DONE, self.Status.CANCELLED}
        return self.ends_on < today and self.status not in finished


class ProgressReport(models.Model):
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="reports", verbose_name=_("action")
    )
    reported_on = models.DateField(_("date"), default=timezone.localdate)
    status = models.CharField(_("status"), max_length=20, choices=Action.Status.choices)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), validators=[MaxValueValidator(100)]
    )
    note = LimitedTextField(_("what happened"), max_length=text_limits.TEXT)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("reported by"),
    )

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ("-reported_on", "-pk")

    def __str__(self) -> str:
        return f"{self.action} · {self.reported_on}"


class Certificate(models.Model):
    """The seal for one year, verifiable by its code on a public page."""

    assessment = models.OneToOneField(
        Assessment, on_delete=models.PROTECT, related_name="certificate", verbose_name=_("round")
    )
    number = models.CharField(_("number"), max_length=30, unique=True)
    verification_code = models.CharField(_("verification code"), max_length=40, unique=True)
    year = models.PositiveIntegerField(_("seal year"))
    issued_on = models.DateField(_("issued"))
    valid_until = models.DateField(_("valid until"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("issued by"),
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ("-year", "number")

    def __str__(self) -> str:
        return self.number

    def is_valid(self, today: datetime.date | None = None) -> bool:
        return (today or timezone.localdate()) <= self.valid_until
