"""Every change to the directory is recorded by django-auditlog, translated text included."""

from auditlog.registry import auditlog

from migralocal.directory import models

PLAIN = (
    models.ServiceAtLocation,
    models.Address,
    models.Contact,
    models.Phone,
    models.Language,
    models.ServiceArea,
    models.Accessibility,
    models.TaxonomyIdentity,
    models.TermIdentity,
    models.Attribute,
)
TRANSLATED = (
    models.Organization,
    models.Location,
    models.Hub,
    models.Service,
    models.Schedule,
    models.CostOption,
    models.RequiredDocument,
    models.ReferralPathway,
    models.PathwayStep,
)

# What the public wrote, and the handling note, may name someone: kept out of the trail.
auditlog.register(models.ListingReport, exclude_fields=["details", "handling_note"])
for model in PLAIN:
    auditlog.register(model)
for model in TRANSLATED:
    auditlog.register(
        model,
        exclude_fields=["search_document", "search_vector", "updated_at"],
        m2m_fields={"services"} if model is models.PathwayStep else set(),
    )
    auditlog.register(model._parler_meta.root_model)
