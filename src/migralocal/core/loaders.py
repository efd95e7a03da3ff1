"""The records that core's addresses name, loaded for `permission_required` (core/decorators.py).

Every app's loaders follow the same pattern: `<kind>_for(request, <address parameters>)` returns
the record, or answers 404 when there is none or when the user may not know that it exists.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from migralocal.core.models import Organisation


def organisation_for(request: HttpRequest, slug: str) -> Organisation:
    """An organisation the user may see: non-public ones are not revealed to others."""
    organisation = get_object_or_404(
        Organisation.objects.select_related("country", "municipality"), slug=slug
    )
    if not request.user.has_perm("core.view_organisation", organisation):
        raise Http404
    return organisation
