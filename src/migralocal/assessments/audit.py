"""Every change in the assessment cycle is recorded by django-auditlog."""

from auditlog.registry import auditlog

from migralocal.assessments import models

for model in (
    models.Framework,
    models.Dimension,
    models.Question,
    models.Option,
    models.Assessment,
    models.Application,
    models.TrainedOfficial,
    models.Answer,
    models.Evidence,
    models.ReviewComment,
    models.Workshop,
    models.WorkshopParticipant,
    models.PriorityRating,
    models.Priority,
    models.Action,
    models.ProgressReport,
    models.Certificate,
):
    auditlog.register(model)
auditlog.register(models.Indicator, m2m_fields={"gcm_objectives"})

# Translated text lives in parler's own tables; its changes are part of the record too.
for translatable in (
    models.Framework,
    models.Dimension,
    models.Indicator,
    models.Question,
    models.Option,
):
    auditlog.register(translatable._parler_meta.root_model)
