"""Courses: modules, lessons, quizzes, and the learners' enrolments, progress and certificates."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from parler.models import TranslatableModel, TranslatedFields

from migralocal.core import text_limits
from migralocal.core.models import Country, Organisation, TaxonomyTerm
from migralocal.core.text_limits import LimitedTextField
from migralocal.learning.models.common import CAPACITY_AREAS, new_token


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
    # Each authoring change to the course or its content increments this; a change based on an
    # older version is refused as a conflict (see authoring_services).
    version = models.PositiveIntegerField(_("version"), default=0)
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=200),
        summary=LimitedTextField(_("summary"), blank=True, max_length=text_limits.TEXT),
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
        body=LimitedTextField(_("text (Markdown)"), blank=True, max_length=text_limits.LESSON_BODY),
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
    translations = TranslatedFields(
        text=LimitedTextField(_("question"), max_length=text_limits.TEXT)
    )

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
