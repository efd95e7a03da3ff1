"""The record of each import of translated content: who brought which language in, when, and
how much changed. The changed texts themselves are on the audit trail of each translation."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationImport(models.Model):
    objects: ClassVar[models.Manager[TranslationImport]] = models.Manager()

    class Format(models.TextChoices):
        XLIFF = "xliff", "XLIFF"
        CSV = "csv", "CSV"

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    language = models.CharField(_("language"), max_length=10)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    replace_existing = models.BooleanField(_("replace existing translations"), default=False)
    created_count = models.PositiveIntegerField(_("new translations"), default=0)
    replaced_count = models.PositiveIntegerField(_("replaced translations"), default=0)
    skipped_count = models.PositiveIntegerField(_("skipped"), default=0)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at"]
        verbose_name = _("translation import")
        verbose_name_plural = _("translation imports")

    def __str__(self) -> str:
        return f"{self.language} {self.created_at:%Y-%m-%d %H:%M}"
