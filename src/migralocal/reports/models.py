"""A results export prepared in the background: what was asked for, how far it is, the file."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ReportExport(models.Model):
    class Format(models.TextChoices):
        XLSX = "xlsx", _("Workbook (XLSX)")
        CSV = "csv", _("Table (CSV)")
        PDF = "pdf", _("Printable summary (PDF)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Being prepared")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="report_exports",
        verbose_name=_("requested by"),
    )
    file_format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    # The dashboard's query (programme, country, municipality, year and quarter or a range of
    # days) as the reader chose it.
    parameters = models.JSONField(_("scope and period"), default=dict)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    steps_done = models.PositiveSmallIntegerField(_("steps done"), default=0)
    steps_total = models.PositiveSmallIntegerField(_("steps in all"), default=1)
    filename = models.CharField(_("file name"), max_length=120, blank=True)
    content = models.BinaryField(_("file"), blank=True, default=b"")
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("results export")
        verbose_name_plural = _("results exports")
        ordering: ClassVar = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.filename or self.get_file_format_display()} · {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("reports:export_detail", args=[self.pk])

    @property
    def is_running(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}

    @property
    def percent(self) -> int:
        return round(100 * self.steps_done / self.steps_total) if self.steps_total else 0
