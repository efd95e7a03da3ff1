"""Who asked for which results export, and when, is recorded by django-auditlog; the file is not."""

from auditlog.registry import auditlog

from migralocal.reports import models

auditlog.register(models.ReportExport, exclude_fields=["content"])
