"""The records that the commitments registry's addresses name, loaded for
`permission_required`: each returns the record, or answers 404 when there is none or when the
user may not see its entry (an entry not yet published is not revealed to the public)."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from migralocal.commitments import selectors
from migralocal.commitments.models import Attachment, Commitment


def commitment_for(request: HttpRequest, slug: str) -> Commitment:
    commitment = selectors.commitment_by_slug(slug)
    if commitment is None or not request.user.has_perm("commitments.view_commitment", commitment):
        raise Http404
    return commitment


def attachment_for(request: HttpRequest, pk: int) -> Attachment:
    attachment = get_object_or_404(Attachment.objects.select_related("commitment"), pk=pk)
    if not request.user.has_perm("commitments.view_attachment", attachment):
        raise Http404
    return attachment
