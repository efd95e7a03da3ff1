"""The records that the assessment cycle's addresses name, loaded for `permission_required`:
each returns the record, or answers 404 when there is none or when the user may not see its round
(another municipality's rounds are not revealed). Municipalities are loaded by core's
`organisation_for`."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from migralocal.assessments.models import Assessment, Evidence


def assessment_for(request: HttpRequest, pk: int) -> Assessment:
    assessment = get_object_or_404(
        Assessment.objects.select_related("organisation", "country", "framework", "previous"),
        pk=pk,
    )
    if not request.user.has_perm("assessments.view_assessment", assessment):
        raise Http404
    return assessment


def evidence_for(request: HttpRequest, pk: int) -> Evidence:
    evidence = get_object_or_404(
        Evidence.objects.select_related(
            "answer__assessment", "answer__question__indicator__dimension"
        ),
        pk=pk,
    )
    if not request.user.has_perm("assessments.view_evidence", evidence):
        raise Http404
    return evidence
