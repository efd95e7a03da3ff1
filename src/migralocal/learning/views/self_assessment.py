"""An organisation's capacity self-assessment and the learning path it recommends."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from migralocal.core.decorators import AuthenticatedHttpRequest, permission_required
from migralocal.core.loaders import organisation_for
from migralocal.core.models import Organisation
from migralocal.learning import forms, selectors, services
from migralocal.learning.loaders import self_assessment_for
from migralocal.learning.models import SelfAssessment


@permission_required("learning.assess_organisation_capacity", load=organisation_for)
def self_assessment(request: AuthenticatedHttpRequest, organisation: Organisation) -> HttpResponse:
    questions = list(selectors.self_assessment_questions())
    form = forms.SelfAssessmentForm(
        request.POST if request.method == "POST" else None, questions=questions
    )
    if request.method == "POST" and form.is_valid():
        assessment = services.self_assessment_submit(
            organisation=organisation, user=request.user, answers=form.cleaned_data
        )
        messages.success(request, _("Thank you. Here is the path we recommend."))
        return redirect("learning:self_assessment_result", pk=assessment.pk)
    return render(
        request,
        "learning/self_assessment_form.html",
        {"organisation": organisation, "form": form},
    )


@permission_required("learning.view_capacity_self_assessment", load=self_assessment_for)
def self_assessment_result(
    request: AuthenticatedHttpRequest, assessment: SelfAssessment
) -> HttpResponse:
    recommendation = selectors.recommendation_for(assessment)
    areas = [(term, recommendation.scores.get(term.code, 0)) for term in selectors.capacity_areas()]
    return render(
        request,
        "learning/self_assessment_result.html",
        {
            "assessment": assessment,
            "recommendation": recommendation,
            "areas": areas,
            "path_steps": assessment.recommended_path.steps.select_related("course")
            if assessment.recommended_path
            else [],
        },
    )
