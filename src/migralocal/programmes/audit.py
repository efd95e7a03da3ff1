"""Every change to a programme, its managers and what belongs to it is recorded by
django-auditlog."""

from auditlog.registry import auditlog

from migralocal.programmes import models

auditlog.register(
    models.Programme,
    m2m_fields={
        "donors",
        "implementers",
        "countries",
        "managers",
        *(kind.field for kind in models.ACTIVITY_KINDS),
    },
)
# Names, codes and descriptions live in parler's table; their changes are part of the record.
auditlog.register(models.Programme._parler_meta.root_model)
# The results framework: who changed a target or typed an actual, and when.
for model in (
    models.results.Outcome,
    models.results.Output,
    models.results.ResultIndicator,
    models.results.Target,
    models.results.ManualActual,
):
    auditlog.register(model)
# Their titles and definitions live in parler's tables.
for model in (models.results.Outcome, models.results.Output, models.results.ResultIndicator):
    auditlog.register(model._parler_meta.root_model)
