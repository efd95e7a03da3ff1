"""Every change to these models is recorded by django-auditlog: who, when, and which fields."""

from auditlog.registry import auditlog

from migralocal.core import models

auditlog.register(models.User, exclude_fields=["password", "last_login"])
auditlog.register(models.Country)
auditlog.register(models.AdministrativeArea)
auditlog.register(models.Taxonomy)
auditlog.register(models.TaxonomyTerm)
auditlog.register(models.Organisation, m2m_fields={"areas_of_work"})
auditlog.register(models.Membership)
auditlog.register(models.ProgrammeAssignment, m2m_fields={"countries"})
# Secrets and their digests stay out of the trail; a token's last use is not a change to audit.
auditlog.register(models.ApiToken, exclude_fields=["key_digest", "last_used_at"])
auditlog.register(models.AuthenticatorLockout)
auditlog.register(models.TwoFactorEnrolmentPass, exclude_fields=["secret_hash"])
# A follower's address stays out of the trail (it is kept encrypted, and the log would not be).
auditlog.register(models.Follow, exclude_fields=["email", "email_digest", "nonce"])

# Translated text lives in parler's own tables; its changes are part of the record too.
for translatable in (models.Country, models.Taxonomy, models.TaxonomyTerm, models.Organisation):
    auditlog.register(translatable._parler_meta.root_model)
auditlog.register(models.TranslationImport)
