"""Every change to a call and to each application (its decision above all) is recorded by
django-auditlog."""

from auditlog.registry import auditlog

from migralocal.calls import models

auditlog.register(models.Call)
# Titles and descriptions live in parler's table; their changes are part of the record.
auditlog.register(models.Call._parler_meta.root_model)
auditlog.register(models.CallApplication)
