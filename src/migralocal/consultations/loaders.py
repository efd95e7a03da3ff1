"""The records that the consultation log's addresses name, loaded for `permission_required`:
each returns the record or answers 404 when there is none; whether the user may use it is the
permission's to say (a hub's records are refused, not hidden, to the staff of other hubs).
Hubs are loaded by the directory's `hub_for`."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from migralocal.consultations import selectors
from migralocal.consultations.models import Consultation, Referral, SubmissionImport
from migralocal.directory.models import Hub


def consultation_for(request: HttpRequest, pk: int) -> Consultation:
    consultation = selectors.consultation_detail(pk)
    if consultation is None:
        raise Http404
    return consultation


def referral_for(request: HttpRequest, pk: int) -> Referral:
    return get_object_or_404(
        Referral.objects.select_related("consultation__hub", "service__hub"), pk=pk
    )


def upload_for(request: HttpRequest, pk: int) -> SubmissionImport:
    return get_object_or_404(SubmissionImport.objects.select_related("hub"), pk=pk)


def hub_in_query(request: HttpRequest) -> Hub:
    """The hub the record form has chosen, named by `?hub=<id>`."""
    wanted = request.GET.get("hub", "")
    return get_object_or_404(Hub, pk=int(wanted) if wanted.isdigit() else 0)
