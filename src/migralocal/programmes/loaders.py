"""The programme an address names, loaded for `permission_required`: 404 when there is none or
when the user may not know that it exists (a private programme they do not manage)."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from migralocal.programmes import selectors
from migralocal.programmes.models import Programme


def programme_for(request: HttpRequest, slug: str) -> Programme:
    programme = selectors.programme_by_slug(slug)
    if programme is None or not request.user.has_perm("programmes.view_programme", programme):
        raise Http404
    return programme
