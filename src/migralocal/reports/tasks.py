"""Background work of the reports module: thin tasks that load by id and call a service."""

from __future__ import annotations

from django_tasks import task

from migralocal.reports import services
from migralocal.reports.models import ReportExport


@task()
def run_export(export_id: int) -> str:
    export = ReportExport.objects.select_related("requested_by").get(pk=export_id)
    return services.export_run(export=export).status
