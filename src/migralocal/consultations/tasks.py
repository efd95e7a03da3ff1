"""Background work of the consultations module: thin tasks that load by id and call a service.

Run `manage.py consultations_purge` daily (cron, systemd timer…) to enqueue the retention purge,
and `manage.py pull_submissions` hourly to pull new submissions from every connected form.
"""

from __future__ import annotations

from django_tasks import task

from migralocal.consultations import services
from migralocal.consultations.models import FieldDataConnection, SubmissionImport


@task()
def purge_expired_identities() -> int:
    """Delete identifying details past the retention period."""
    return services.identities_purge()


@task()
def validate_upload(upload_id: int) -> str:
    upload = SubmissionImport.objects.select_related("hub").get(pk=upload_id)
    return services.submission_upload_validate(upload=upload).status


@task()
def run_upload(upload_id: int, skip_rows_with_problems: bool = False) -> str:
    upload = SubmissionImport.objects.select_related("hub", "uploaded_by").get(pk=upload_id)
    return services.submission_upload_run(
        upload=upload, user=upload.uploaded_by, skip_rows_with_problems=skip_rows_with_problems
    ).status


@task()
def pull_field_data(connection_id: int) -> str:
    """Pull one connection's new submissions; returns what happened, for the task's result."""
    connection = FieldDataConnection.objects.select_related("hub").get(pk=connection_id)
    outcome = services.field_data_pull(connection=connection, user=None)
    if outcome.problem:
        return f"problem: {connection.last_error}"
    if outcome.waiting is not None:
        return f"waiting: import {outcome.waiting.pk}"
    if outcome.upload is not None:
        return f"{outcome.upload.status}: import {outcome.upload.pk}"
    return "nothing new"
