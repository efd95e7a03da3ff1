"""The records that the calls' addresses name, loaded for `permission_required`: 404 when there
is none or when the user may not know that it exists (a call of a private programme)."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from migralocal.calls import selectors
from migralocal.calls.models import Call, CallApplication


def call_for(request: HttpRequest, pk: int) -> Call:
    call = selectors.call_by_pk(pk)
    if call is None or not request.user.has_perm("calls.view_call", call):
        raise Http404
    return call


def application_for(request: HttpRequest, pk: int) -> CallApplication:
    """An application, for those who decide on its call; others are told it does not exist."""
    application = selectors.application_by_pk(pk)
    if application is None or not request.user.has_perm("calls.decide_application", application):
        raise Http404
    return application
