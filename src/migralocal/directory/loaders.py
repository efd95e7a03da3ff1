"""The records that the directory's addresses name, loaded for `permission_required`: each
returns the record, or answers 404 when there is none or when the user may not see it (a closed
hub or a defunct service is hidden from all but those who keep it)."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from migralocal.directory import selectors
from migralocal.directory.models import Hub, Service


def hub_for(request: HttpRequest, slug: str) -> Hub:
    hub = selectors.hub_by_slug(slug)
    if hub is None or not request.user.has_perm("directory.view_listing", hub):
        raise Http404
    return hub


def service_for(request: HttpRequest, pk: str) -> Service:
    service = selectors.service_detail(pk)
    if service is None or not request.user.has_perm("directory.view_listing", service):
        raise Http404
    return service
