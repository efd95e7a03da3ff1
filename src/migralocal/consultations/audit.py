"""Changes to the consultation log are recorded by django-auditlog. Identifying details are
registered without their fields: the audit trail must never hold them in plain text."""

from auditlog.registry import auditlog

from migralocal.consultations import models

auditlog.register(
    models.Consultation, m2m_fields={"topics"}, exclude_fields=["needs", "information_given"]
)
auditlog.register(models.Referral, exclude_fields=["notes"])
auditlog.register(models.ReferralEvent, exclude_fields=["note"])
auditlog.register(models.Consent, m2m_fields={"shared_with"})
auditlog.register(models.IdentityRecord, exclude_fields=["name", "contact", "document_number"])
auditlog.register(models.SubmissionImport, exclude_fields=["errors", "preview", "processed_rows"])
# The secret is left out: the audit trail must not hold it, not even as a token. The pull's own
# bookkeeping changes hourly and says nothing about who changed what.
auditlog.register(
    models.FieldDataConnection,
    exclude_fields=[
        "secret",
        "last_pulled_at",
        "last_error",
        "last_error_status",
        "last_error_at",
        "last_submission_time",
    ],
)
