"""Background work of the consultations module: thin tasks that load by id and call a service.

Run `manage.py consultations_purge` daily (cron, systemd timer…) to enqueue the retention purge.
"""

from __future__ import annotations

from django_tasks import task

from migralocal.consultations import services
from migralocal.consultations.models import SubmissionImport


@task()
def purge_expired_identities() -> int:
    """Delete identifying details past the retention period."""
    return services.identities_purge()


@task()
def validate_upload(upload_id: int) -> str:
    upload = SubmissionImport.objects.select_related("hub").get(pk=upload_id)
    return services.submission_upload_validate(upload=upload).status


@task()
def run_upload(upload_id: int) -> str:
    upload = SubmissionImport.objects.select_related("hub", "uploaded_by").get(pk=upload_id)
    return services.submission_upload_run(upload=upload, user=upload.uploaded_by).status
