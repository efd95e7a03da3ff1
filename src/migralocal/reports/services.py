"""Writes of the reports module: a results export asked for, and run (in the background)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation

from migralocal.core.models import User
from migralocal.core.permissions import require
from migralocal.reports import conf, exports, presentation, selectors
from migralocal.reports.models import ReportExport
from migralocal.reports.reading import read_query


@transaction.atomic
def export_request(
    *, user: User, file_format: str, parameters: dict[str, str], language: str
) -> ReportExport:
    """Record an export of the dashboard the user sees; `export_run` (a task) makes the file."""
    require(user, "reports.view_dashboard")
    exports_purge()
    return ReportExport.objects.create(
        requested_by=user,
        file_format=file_format,
        parameters=parameters,
        language=language,
    )


def exports_purge(now: Any = None) -> int:
    """Delete the exports requested more than `conf.export_keep_days()` ago, finished or not (a
    file that is not done by then never will be). Run at each new request, so no schedule is
    needed; returns how many were deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=conf.export_keep_days())
    deleted, _by_model = ReportExport.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def _save_progress(export: ReportExport, done: int, total: int) -> None:
    export.steps_done, export.steps_total = done, total
    export.save(update_fields=["steps_done", "steps_total"])


def export_file(report: presentation.Report, file_format: str, progress: Any = None) -> bytes:
    """The report as a file of the given format."""
    kwargs = {"progress": progress} if progress is not None else {}
    if file_format == ReportExport.Format.XLSX:
        return exports.workbook_bytes(report, **kwargs)
    if file_format == ReportExport.Format.PDF:
        return exports.pdf_bytes(report, **kwargs)
    return exports.csv_text(report).encode()


def export_run(*, export: ReportExport) -> ReportExport:
    """Make the file of an export, with the requester's permissions as they are now."""
    user = export.requested_by
    export.status = ReportExport.Status.RUNNING
    export.save(update_fields=["status"])
    try:
        with translation.override(export.language):
            require(user, "reports.view_dashboard")
            query = read_query(
                export.parameters,
                selectors.countries_readable_by(user),
                programmes=selectors.programmes_readable_by(user),
            )
            if query.scope is None:
                raise ValueError(query.form.errors.as_text())
            suppressed = not selectors.reads_full_figures(user, query.scope)
            report = presentation.shared_report(query.scope, suppressed=suppressed)
            content = export_file(
                report,
                export.file_format,
                progress=lambda done, total: _save_progress(export, done, total),
            )
    except (PermissionDenied, ValueError):
        export.status = ReportExport.Status.FAILED
        export.finished_at = timezone.now()
        export.save(update_fields=["status", "finished_at"])
        return export
    export.content = content
    export.filename = f"results-{query.scope.slug}.{export.file_format}"
    export.status = ReportExport.Status.DONE
    export.finished_at = timezone.now()
    export.save(update_fields=["content", "filename", "status", "finished_at"])
    return export
