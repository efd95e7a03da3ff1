"""Learning paths: ordered sets of courses for a profile, aimed at some capacity areas."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from parler.models import TranslatableModel, TranslatedFields

from migralocal.core import text_limits
from migralocal.core.models import TaxonomyTerm
from migralocal.core.text_limits import LimitedTextField
from migralocal.learning.models.common import CAPACITY_AREAS
from migralocal.learning.models.courses import Course


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
        description=LimitedTextField(_("description"), blank=True, max_length=text_limits.TEXT),
    )

    class Meta:
        verbose_name = _("learning path")
        verbose_name_plural = _("learning paths")
        ordering = ("position", "slug")

    def __str__(self) -> str:
        return str(self.safe_translation_getter("title", any_language=True) or self.slug)

    def get_absolute_url(self) -> str:
        return reverse("learning:path_detail", kwargs={"slug": self.slug})


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


class PathFollow(models.Model):
    """A person chose to follow a path themself, with or without their organisation's
    self-assessment."""

    path = models.ForeignKey(
        LearningPath, on_delete=models.CASCADE, related_name="follows", verbose_name=_("path")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="followed_paths",
        verbose_name=_("learner"),
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)

    class Meta:
        verbose_name = _("followed path")
        verbose_name_plural = _("followed paths")
        ordering = ("started_at", "pk")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["path", "user"], name="unique_path_follow")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.path}"
