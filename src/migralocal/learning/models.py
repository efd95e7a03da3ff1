"""Courses, learning paths, self-assessments, events, mentoring and the community directory."""

from __future__ import annotations

import secrets
import zoneinfo
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from parler.models import TranslatableModel, TranslatedFields

from migralocal.core.models import Country, Organisation, TaxonomyTerm

CAPACITY_AREAS = "organisation-capacity-areas"


def new_token() -> str:
    return secrets.token_urlsafe(16)


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(zone)s is not a known time zone.") % {"zone": value})


# ---------------------------------------------------------------- courses


class Course(TranslatableModel):
    """A course made of modules and lessons, owned by a country's training programme."""

    class Enrolment(models.TextChoices):
        OPEN = "open", _("Open to every signed-in person")
        INVITATION = "invitation", _("By invitation")
        ORGANISATIONS = "organisations", _("For members of given organisations")

    slug = models.SlugField(_("short name in addresses"), max_length=120, unique=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="courses", verbose_name=_("country")
    )
    is_published = models.BooleanField(pgettext_lazy("course", "published"), default=False)
    enrolment = models.CharField(
        _("enrolment"), max_length=20, choices=Enrolment.choices, default=Enrolment.OPEN
    )
    organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="reserved_courses",
        verbose_name=_("organisations whose members may enrol"),
    )
    capacity_areas = models.ManyToManyField(
        TaxonomyTerm,
        blank=True,
        related_name="courses",
        limit_choices_to={"taxonomy__code": CAPACITY_AREAS},
        verbose_name=_("capacity areas it strengthens"),
    )
    certification_module = models.PositiveSmallIntegerField(
        _("module of the municipal certification cycle"),
        null=True,
        blank=True,
        unique=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("1 to 4 for the four training modules municipalities must complete."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=200),
        summary=models.TextField(_("summary"), blank=True),
    )

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ("position", "slug")

    def __str__(self) -> str:
        return str(self.safe_translation_getter("title", any_language=True) or self.slug)

    def get_absolute_url(self) -> str:
        return reverse("learning:course_detail", kwargs={"slug": self.slug})


class CourseInvitation(models.Model):
    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("course")
    )
    email = models.EmailField(_("e-mail address"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("course invitation")
        verbose_name_plural = _("course invitations")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["course", "email"], name="unique_course_invitation")
        ]

    def __str__(self) -> str:
        return f"{self.email} · {self.course}"


class CourseModule(TranslatableModel):
    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="modules", verbose_name=_("course")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    translations = TranslatedFields(title=models.CharField(_("title"), max_length=200))

    class Meta:
        verbose_name = _("course module")
        verbose_name_plural = _("course modules")
        ordering = ("course", "position", "pk")

    def __str__(self) -> str:
        return str(self.safe_translation_getter("title", any_language=True) or self.pk)


class Lesson(TranslatableModel):
    module = models.ForeignKey(
        CourseModule, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("module")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    estimated_minutes = models.PositiveIntegerField(_("estimated time in minutes"), default=15)
    video_url = models.URLField(_("video link"), blank=True)
    attachment = models.FileField(_("attachment"), upload_to="learning/lessons/", blank=True)
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=200),
        body=models.TextField(_("text (Markdown)"), blank=True),
    )

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ("module__position", "position", "pk")

    def __str__(self) -> str:
        return str(self.safe_translation_getter("title", any_language=True) or self.pk)

    @property
    def course(self) -> Course:
        return self.module.course

    def get_absolute_url(self) -> str:
        return reverse(
            "learning:lesson_detail", kwargs={"slug": self.module.course.slug, "pk": self.pk}
        )


class Quiz(TranslatableModel):
    """A quiz closing a lesson: the lesson counts as done once the quiz is passed."""

    lesson = models.OneToOneField(
        Lesson, on_delete=models.CASCADE, related_name="quiz", verbose_name=_("lesson")
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=3, validators=[MinValueValidator(1)]
    )
    translations = TranslatedFields(title=models.CharField(_("title"), max_length=200))

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def __str__(self) -> str:
        return str(self.safe_translation_getter("title", any_language=True) or self.pk)


class Question(TranslatableModel):
    class Kind(models.TextChoices):
        SINGLE = "single", _("One answer")
        MULTIPLE = "multiple", _("Several answers")

    quiz = models.ForeignKey(
        Quiz, on_delete=models.CASCADE, related_name="questions", verbose_name=_("quiz")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    position = models.PositiveIntegerField(_("position"), default=0)
    translations = TranslatedFields(text=models.TextField(_("question")))

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ("quiz", "position", "pk")

    def __str__(self) -> str:
        return str(self.safe_translation_getter("text", any_language=True) or self.pk)[:80]


class Choice(TranslatableModel):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question")
    )
    is_correct = models.BooleanField(_("correct"), default=False)
    position = models.PositiveIntegerField(_("position"), default=0)
    translations = TranslatedFields(text=models.CharField(_("answer"), max_length=300))

    class Meta:
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")
        ordering = ("question", "position", "pk")

    def __str__(self) -> str:
        return str(self.safe_translation_getter("text", any_language=True) or self.pk)


class Enrolment(models.Model):
    """A learner in a course, acting for the organisation they belonged to when enrolling."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("learner"),
    )
    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("course")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrolments",
        verbose_name=_("organisation"),
    )
    enrolled_at = models.DateTimeField(_("enrolled"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ("-enrolled_at",)
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["user", "course"], name="unique_enrolment")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.course}"

    @property
    def country_id(self) -> int:
        return self.course.country_id


class LessonCompletion(models.Model):
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="completions", verbose_name=_("enrolment")
    )
    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="completions", verbose_name=_("lesson")
    )
    completed_at = models.DateTimeField(_("completed"), auto_now_add=True)

    class Meta:
        verbose_name = _("completed lesson")
        verbose_name_plural = _("completed lessons")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="unique_lesson_completion")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.lesson}"


class QuizAttempt(models.Model):
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="attempts", verbose_name=_("enrolment")
    )
    quiz = models.ForeignKey(
        Quiz, on_delete=models.CASCADE, related_name="attempts", verbose_name=_("quiz")
    )
    number = models.PositiveSmallIntegerField(_("attempt"))
    score = models.PositiveSmallIntegerField(_("score (%)"))
    passed = models.BooleanField(_("passed"))
    answers = models.JSONField(_("answers"), default=dict)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ("enrolment", "quiz", "number")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["enrolment", "quiz", "number"], name="unique_quiz_attempt"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.quiz} · {self.number}"


class Certificate(models.Model):
    """Proof of completion, with a number people quote and a code the QR link carries."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, related_name="certificate", verbose_name=_("enrolment")
    )
    number = models.CharField(_("number"), max_length=30, unique=True)
    verification_code = models.CharField(
        _("verification code"), max_length=40, unique=True, default=new_token
    )
    learner_name = models.CharField(_("learner's name"), max_length=200)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ("-issued_at",)

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("learning:certificate_verify", kwargs={"code": self.verification_code})


# ---------------------------------------------------------------- learning paths


class LearningPath(TranslatableModel):
    """An ordered set of courses for a profile, aimed at some capacity areas."""

    slug = models.SlugField(_("short name in addresses"), max_length=120, unique=True)
    target_areas = models.ManyToManyField(
        TaxonomyTerm,
        related_name="learning_paths",
        limit_choices_to={"taxonomy__code": CAPACITY_AREAS},
        verbose_name=_("capacity areas it targets"),
    )
    courses = models.ManyToManyField(
        Course, through="PathStep", related_name="paths", verbose_name=_("courses")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=200),
        profile=models.CharField(_("for whom"), max_length=300, blank=True),
        description=models.TextField(_("description"), blank=True),
    )

    class Meta:
        verbose_name = _("learning path")
        verbose_name_plural = _("learning paths")
        ordering = ("position", "slug")

    def __str__(self) -> str:
        return str(self.safe_translation_getter("title", any_language=True) or self.slug)


class PathStep(models.Model):
    path = models.ForeignKey(
        LearningPath, on_delete=models.CASCADE, related_name="steps", verbose_name=_("path")
    )
    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="path_steps", verbose_name=_("course")
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("path step")
        verbose_name_plural = _("path steps")
        ordering = ("path", "position")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["path", "course"], name="unique_path_course")
        ]

    def __str__(self) -> str:
        return f"{self.path} · {self.position} · {self.course}"


class SelfAssessmentQuestion(TranslatableModel):
    """A statement an organisation rates from 0 (not at all) to 4 (fully), in one area."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    area = models.ForeignKey(
        TaxonomyTerm,
        on_delete=models.PROTECT,
        related_name="self_assessment_questions",
        limit_choices_to={"taxonomy__code": CAPACITY_AREAS},
        verbose_name=_("area"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    translations = TranslatedFields(text=models.CharField(_("statement"), max_length=300))

    class Meta:
        verbose_name = _("self-assessment question")
        verbose_name_plural = _("self-assessment questions")
        ordering = ("position", "code")

    def __str__(self) -> str:
        return str(self.safe_translation_getter("text", any_language=True) or self.code)


class SelfAssessment(models.Model):
    """One organisation's answers, the score per area and the path they led to."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="capacity_self_assessments",
        verbose_name=_("organisation"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    answers = models.JSONField(_("answers"), default=dict)
    scores = models.JSONField(_("score per area (%)"), default=dict)
    recommended_path = models.ForeignKey(
        LearningPath,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recommended path"),
    )

    class Meta:
        verbose_name = _("organisational self-assessment")
        verbose_name_plural = _("organisational self-assessments")
        ordering = ("-submitted_at", "-pk")

    def __str__(self) -> str:
        return f"{self.organisation} · {self.submitted_at:%Y-%m-%d}"

    @property
    def country_id(self) -> int:
        return self.organisation.country_id


# ---------------------------------------------------------------- events


class Mode(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary")
    UNSTATED = "unstated", _("Prefers not to say")


class ParticipantRole(models.TextChoices):
    MUNICIPAL_OFFICIAL = "municipal_official", _("Municipal official")
    NATIONAL_OFFICIAL = "national_official", _("National government official")
    HUB_STAFF = "hub_staff", _("Information hub staff")
    CIVIL_SOCIETY = "civil_society", _("Civil-society staff")
    OTHER = "other", _("Other")


class Event(TranslatableModel):
    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        WEBINAR = "webinar", _("Webinar")
        VIRTUAL_MEETING = "virtual_meeting", _("Virtual meeting")
        SUMMIT = "summit", _("Summit")

    class Format(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("Hybrid")

    slug = models.SlugField(_("short name in addresses"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="learning_events", verbose_name=_("country")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("local time zone"),
        max_length=60,
        default="America/Tegucigalpa",
        validators=[validate_time_zone],
        help_text=_("Where the event is held or organised, such as America/Mexico_City."),
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Anyone with an e-mail address may register.")
    )
    check_in_code = models.CharField(
        _("self check-in code"), max_length=40, unique=True, default=new_token
    )
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=200),
        description=models.TextField(_("description"), blank=True),
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ("-starts_at",)
        indexes: ClassVar = [models.Index(fields=["country", "starts_at"])]

    def __str__(self) -> str:
        return str(self.safe_translation_getter("title", any_language=True) or self.slug)

    def get_absolute_url(self) -> str:
        return reverse("learning:event_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("An event must end after it starts.")})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("account"),
    )
    email = models.EmailField(_("e-mail address"))
    name = models.CharField(_("name"), max_length=200)
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices)
    role = models.CharField(_("role"), max_length=30, choices=ParticipantRole.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("organisation"),
    )
    organisation_name = models.CharField(_("organisation (as written)"), max_length=200, blank=True)
    country = models.ForeignKey(
        Country,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONFIRMED
    )
    registered_at = models.DateTimeField(_("registered"), auto_now_add=True)
    attended_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    attendance_mode = models.CharField(
        _("attended"), max_length=20, choices=Mode.choices, blank=True
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ("event", "registered_at", "pk")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["event", "email"], name="unique_event_registration")
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.event}"


# ---------------------------------------------------------------- mentoring


class MentoringEngagement(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("mentoring", "Active")
        COMPLETED = "completed", pgettext_lazy("mentoring", "Completed")
        ENDED_EARLY = "ended_early", _("Ended early")

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mentoring_engagements",
        verbose_name=_("mentor"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="mentoring_engagements",
        verbose_name=_("organisation"),
    )
    areas = models.ManyToManyField(
        TaxonomyTerm,
        related_name="mentoring_engagements",
        limit_choices_to={"taxonomy__code": CAPACITY_AREAS},
        verbose_name=_("areas"),
    )
    started_on = models.DateField(_("started"))
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        verbose_name = _("mentoring engagement")
        verbose_name_plural = _("mentoring engagements")
        ordering = ("-started_on", "pk")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["mentor", "organisation", "started_on"], name="unique_mentoring_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.mentor}"

    def get_absolute_url(self) -> str:
        return reverse("learning:mentoring_detail", kwargs={"pk": self.pk})

    @property
    def country_id(self) -> int:
        return self.organisation.country_id


class MentoringGoal(models.Model):
    engagement = models.ForeignKey(
        MentoringEngagement,
        on_delete=models.CASCADE,
        related_name="goals",
        verbose_name=_("engagement"),
    )
    area = models.ForeignKey(
        TaxonomyTerm,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"taxonomy__code": CAPACITY_AREAS},
        verbose_name=_("area"),
    )
    description = models.CharField(_("goal"), max_length=300)
    is_achieved = models.BooleanField(_("achieved"), default=False)

    class Meta:
        verbose_name = _("mentoring goal")
        verbose_name_plural = _("mentoring goals")
        ordering = ("engagement", "pk")

    def __str__(self) -> str:
        return self.description


class MentoringSession(models.Model):
    engagement = models.ForeignKey(
        MentoringEngagement,
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("engagement"),
    )
    held_on = models.DateField(_("date"))
    duration_minutes = models.PositiveIntegerField(
        _("duration in minutes"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("mentoring session")
        verbose_name_plural = _("mentoring sessions")
        ordering = ("engagement", "-held_on", "-pk")

    def __str__(self) -> str:
        return f"{self.engagement} · {self.held_on}"


# ---------------------------------------------------------------- community


class CommunityProfile(TranslatableModel):
    """An organisation's membership of the regional community, with what the directory shows."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="community_profile",
        verbose_name=_("organisation"),
    )
    joined_on = models.DateField(_("joined"))
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    translations = TranslatedFields(
        populations_served=models.CharField(_("populations served"), max_length=300, blank=True)
    )

    class Meta:
        verbose_name = _("community member")
        verbose_name_plural = _("community members")
        ordering = ("organisation__name",)

    def __str__(self) -> str:
        return str(self.organisation)
