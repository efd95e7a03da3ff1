"""The records that the reports' addresses name, loaded for `permission_required`."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from migralocal.reports.models import ReportExport


def export_for(request: HttpRequest, pk: int) -> ReportExport:
    """One's own export only: its file holds the figures as its requester may read them, so
    anyone else is refused, a platform admin too (which Django's superuser shortcut in
    `has_perm` would let through a rule)."""
    export = get_object_or_404(ReportExport.objects.defer("content"), pk=pk)
    if export.requested_by_id != request.user.pk:
        raise PermissionDenied
    return export
