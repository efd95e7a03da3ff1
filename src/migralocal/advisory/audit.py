"""Every change to an engagement, its instruments, drafts, rounds, recommendations and
responses is recorded by django-auditlog."""

from auditlog.registry import auditlog

from migralocal.advisory import models

auditlog.register(models.Engagement, m2m_fields={"advisors", "counterparts"})
auditlog.register(models.EngagementDocument)
auditlog.register(models.Instrument)
auditlog.register(models.InstrumentVersion)
auditlog.register(models.ReviewRound)
auditlog.register(models.Recommendation, m2m_fields={"themes"})
auditlog.register(models.PlanActivity)
# The programmes an engagement belongs to are recorded by the programmes app's registration
# (`advisory_engagements`, one of its activity kinds): one record per change of the shared table.
# Titles, scopes, names and recommendation texts live in parler's tables.
for model in (models.Engagement, models.Instrument, models.Recommendation, models.PlanActivity):
    auditlog.register(model._parler_meta.root_model)
