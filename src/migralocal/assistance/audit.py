"""Every change to cash programmes, their staff, households and duplicate decisions is recorded
by django-auditlog. Members' identifying fields are left out of the trail: it is not
encrypted, and it would keep erased details."""

from auditlog.registry import auditlog

from migralocal.assistance import models

auditlog.register(models.CashProgramme, m2m_fields={"municipalities", "programmes"})
auditlog.register(models.AssistanceStaff)
auditlog.register(models.Household)
auditlog.register(
    models.Member,
    exclude_fields=["given_names", "family_names", "document_number", "phone", "date_of_birth"],
)
auditlog.register(models.DuplicatePair)
# Grievances: what the person wrote and how to reach them stay out of the trail.
auditlog.register(
    models.Grievance, exclude_fields=["description", "contact_name", "contact", "secret_digest"]
)
auditlog.register(models.PendingRegistration, exclude_fields=["name", "contact", "document_number"])
auditlog.register(models.RegistrationSubmission)
auditlog.register(models.FinancialServiceProvider)
auditlog.register(models.PaymentCycle)
auditlog.register(models.PaymentList)
auditlog.register(models.Payment)
# Payment verification: the notes stay out of the trail (they are short and not identifying, but
# free text all the same).
auditlog.register(models.VerificationDraw)
auditlog.register(models.PaymentVerification, exclude_fields=["notes"])
