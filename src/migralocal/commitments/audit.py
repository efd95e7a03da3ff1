"""Every change to commitments and their moderation is recorded by django-auditlog."""

from auditlog.registry import auditlog

from migralocal.commitments import models

auditlog.register(models.Commitment, m2m_fields={"themes", "objectives", "sdgs"})
auditlog.register(models.ProgressUpdate)
auditlog.register(models.Attachment)
auditlog.register(models.Flag)
auditlog.register(models.ModerationDecision)

# Titles, summaries and descriptions live in parler's tables; their changes are part of the record.
for translatable in (models.Commitment, models.ProgressUpdate):
    auditlog.register(translatable._parler_meta.root_model)
