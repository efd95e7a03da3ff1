"""Pages of the assessment cycle. Thin: forms check shapes, services check rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from migralocal.assessments import certificates, charts, exports, forms, selectors, services
from migralocal.assessments.loaders import assessment_for, evidence_for
from migralocal.assessments.models import (
    Action,
    Answer,
    Assessment,
    Certificate,
    Dimension,
    Evidence,
    Question,
    Stage,
)
from migralocal.core.decorators import AuthenticatedHttpRequest, permission_required
from migralocal.core.loaders import organisation_for
from migralocal.core.models import Organisation
from migralocal.core.no_store import never_stored
from migralocal.core.public_cache import public_page

PAGE_SIZE = 20


def _error_text(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


@permission_required("assessments.browse_assessments")
def assessment_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    rounds = selectors.assessments_visible_to(request.user).order_by("-year", "organisation__name")
    page = Paginator(rounds, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "assessments/assessment_list.html",
        {"page": page, "may_apply": selectors.municipalities_user_may_apply_for(request.user)},
    )


@permission_required("assessments.apply_for_certification", load=organisation_for)
def apply(request: AuthenticatedHttpRequest, organisation: Organisation) -> HttpResponse:
    form = forms.ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.application_submit(
                organisation=organisation, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The application was sent to the programme's reviewers."))
            return redirect("assessments:assessment_detail", pk=assessment.pk)
    return render(request, "assessments/apply.html", {"organisation": organisation, "form": form})


@permission_required("assessments.view_assessment", load=assessment_for)
def assessment_detail(request: AuthenticatedHttpRequest, assessment: Assessment) -> HttpResponse:
    unanswered, without_evidence = services.missing_for_submission(assessment)
    user = request.user
    return render(
        request,
        "assessments/assessment_detail.html",
        {
            "assessment": assessment,
            "application": getattr(assessment, "application", None),
            "steps": selectors.stage_steps(assessment),
            "dimensions": assessment.framework.dimensions.prefetch_related("translations"),
            "unanswered": len(unanswered),
            "without_evidence": len(without_evidence),
            "unmet": services.unmet_conditions(assessment)
            if assessment.stage == Stage.MONITORING
            else [],
            "certificate": getattr(assessment, "certificate", None),
            "has_self_assessment": assessment.has_reached(Stage.SELF_ASSESSMENT),
            "has_results": assessment.has_reached(Stage.VALIDATED),
            "can_answer": user.has_perm("assessments.answer_assessment", assessment),
            "can_plan": user.has_perm("assessments.plan_assessment", assessment),
            "can_decide": user.has_perm("assessments.decide_application", assessment),
            "can_review": user.has_perm("assessments.review_assessment", assessment),
            "can_approve_plan": user.has_perm("assessments.approve_work_plan", assessment),
            "can_certify": user.has_perm("assessments.award_certificate", assessment),
            "can_record_workshop": user.has_perm("assessments.record_workshop", assessment),
            "note_form": forms.NoteForm(),
            "renewal_form": forms.RenewalForm(initial={"year": assessment.year + 1}),
            "Stage": Stage,
        },
    )


def _serve(field_file: Any, filename: str) -> FileResponse:
    if not field_file:
        raise Http404
    return FileResponse(field_file.open("rb"), as_attachment=True, filename=filename)


@permission_required("assessments.view_assessment", load=assessment_for)
def application_letter(
    request: AuthenticatedHttpRequest, assessment: Assessment
) -> HttpResponseBase:
    application = getattr(assessment, "application", None)
    if application is None:
        raise Http404
    return _serve(application.letter, application.letter.name.rsplit("/", 1)[-1])


# name in the address → (service, whether a note is required, message on success)
TRANSITIONS: dict[str, tuple[Callable[..., Any], bool, Any]] = {
    "accept": (services.application_accept, False, gettext_lazy("The application was accepted.")),
    "decline": (services.application_decline, True, gettext_lazy("The application was declined.")),
    "confirm-training": (
        services.training_confirm,
        False,
        gettext_lazy("The self-assessment is open."),
    ),
    "submit": (
        services.assessment_submit,
        False,
        gettext_lazy("The assessment was submitted for review."),
    ),
    "return": (
        services.assessment_return,
        True,
        gettext_lazy("The assessment was returned for changes."),
    ),
    "validate": (
        services.assessment_validate,
        False,
        gettext_lazy("The assessment was validated."),
    ),
    "submit-plan": (services.work_plan_submit, False, gettext_lazy("The work plan was submitted.")),
    "return-plan": (
        services.work_plan_return,
        True,
        gettext_lazy("The work plan was returned for changes."),
    ),
    "approve-plan": (
        services.work_plan_approve,
        False,
        gettext_lazy("The work plan was approved."),
    ),
    "certify": (services.certificate_award, False, gettext_lazy("The seal was awarded.")),
}


@require_POST
@permission_required("assessments.view_assessment", load=assessment_for)
def transition(
    request: AuthenticatedHttpRequest, assessment: Assessment, name: str
) -> HttpResponse:
    """Move the round one step; the service says whether this user may, at this stage."""
    if name not in TRANSITIONS:
        raise Http404
    service, needs_note, success = TRANSITIONS[name]
    arguments: dict[str, Any] = {"assessment": assessment, "user": request.user}
    if needs_note or name == "accept":
        arguments["note"] = request.POST.get("note", "")
    try:
        service(**arguments)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, success)
    return redirect("assessments:assessment_detail", pk=assessment.pk)


@permission_required("assessments.view_assessment", load=assessment_for)
def training(request: AuthenticatedHttpRequest, assessment: Assessment) -> HttpResponse:
    may_record = request.user.has_perm("assessments.plan_assessment", assessment)
    form = forms.OfficialForm(request.POST or None)
    if request.method == "POST":
        if not may_record:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.official_record(
                    assessment=assessment, user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The official was recorded."))
                return redirect("assessments:training", pk=assessment.pk)
    officials = list(assessment.officials.all())
    return render(
        request,
        "assessments/training.html",
        {
            "assessment": assessment,
            "officials": officials,
            "balance": selectors.gender_balance(officials),
            "completed": services.training_completed(assessment),
            "form": form if may_record and assessment.stage == Stage.TRAINING else None,
        },
    )


def _question_context(
    request: AuthenticatedHttpRequest,
    assessment: Assessment,
    question: Question,
    answer: Answer | None,
    form: forms.AnswerForm | None = None,
    conflict: bool = False,
) -> dict[str, Any]:
    may_answer = assessment.is_open_for_answers and request.user.has_perm(
        "assessments.answer_assessment", assessment
    )
    may_comment = assessment.stage == Stage.SUBMITTED and request.user.has_perm(
        "assessments.review_assessment", assessment
    )
    if form is None and may_answer:
        form = forms.AnswerForm(question=question, initial=forms.answer_initial(answer))
    return {
        "assessment": assessment,
        "question": question,
        "answer": answer,
        "form": form,
        "conflict": conflict,
        "comment_form": forms.CommentForm(question=question) if may_comment else None,
    }


@permission_required("assessments.view_assessment", load=assessment_for)
def section(request: AuthenticatedHttpRequest, assessment: Assessment, code: str) -> HttpResponse:
    dimension = get_object_or_404(
        Dimension.objects.prefetch_related("translations"),
        framework=assessment.framework,
        code=code,
    )
    questions = Question.objects.filter(indicator__dimension=dimension).prefetch_related(
        "translations", "options__translations", "indicator__translations"
    )
    answers = {
        answer.question_id: answer
        for answer in assessment.answers.filter(question__in=questions).prefetch_related(
            "evidence", "comments__author"
        )
    }
    items = [
        _question_context(request, assessment, question, answers.get(question.pk))
        for question in questions
    ]
    return render(
        request,
        "assessments/section.html",
        {
            "assessment": assessment,
            "dimension": dimension,
            "items": items,
            **_progress_context(assessment, dimension),
        },
    )


def _progress_context(assessment: Assessment, dimension: Dimension) -> dict[str, Any]:
    """Every section's progress, this one's, and the section to go on to."""
    progress = selectors.section_progress(assessment)
    return {
        "progress": progress,
        "current": next(one for one in progress if one.dimension.pk == dimension.pk),
        "next_section": selectors.next_section(progress, dimension),
    }


@require_POST
@permission_required("assessments.answer_assessment", load=assessment_for)
def answer_save(
    request: AuthenticatedHttpRequest, assessment: Assessment, question_pk: int
) -> HttpResponse:
    question = get_object_or_404(
        Question.objects.select_related("indicator__dimension"),
        pk=question_pk,
        indicator__dimension__framework=assessment.framework,
    )
    bound = forms.AnswerForm(request.POST, request.FILES, question=question)
    shown: forms.AnswerForm | None = bound
    conflict = False
    problems: list[str] = []
    answer = assessment.answers.filter(question=question).first()
    if bound.is_valid():
        try:
            answer = services.answer_save(
                assessment=assessment,
                question=question,
                user=request.user,
                expected_version=bound.cleaned_data["version"],
                **bound.answer_values(),
            )
            file = bound.cleaned_data.get("evidence_file")
            url = bound.cleaned_data.get("evidence_url")
            if file or url:
                services.evidence_add(answer=answer, user=request.user, file=file, url=url or "")
        except services.AnswerConflict as error:
            conflict = True
            answer = error.current
            shown = forms.AnswerForm(question=question, initial=forms.answer_initial(answer))
            problems = list(error.messages)
        except ValidationError as error:
            bound.add_error(None, error)
        else:
            shown = None
    form = shown
    is_htmx = request.headers.get("HX-Request") == "true"
    if form is None and not is_htmx:
        messages.success(request, _("The answer was saved."))
        url = reverse(
            "assessments:section", args=[assessment.pk, question.indicator.dimension.code]
        )
        return redirect(f"{url}#question-{question.pk}")
    if answer is not None:
        answer = Answer.objects.prefetch_related("evidence", "comments__author").get(pk=answer.pk)
    context = _question_context(request, assessment, question, answer, form, conflict)
    context["saved"] = form is None
    context["problems"] = problems
    if is_htmx:
        return render(request, "assessments/includes/question.html", context)
    return render(
        request,
        "assessments/section.html",
        {
            "assessment": assessment,
            "dimension": question.indicator.dimension,
            "items": [context],
            "single": True,
            **_progress_context(assessment, question.indicator.dimension),
        },
        status=409 if conflict else 400,
    )


@permission_required("assessments.view_evidence", load=evidence_for)
def evidence_download(request: AuthenticatedHttpRequest, evidence: Evidence) -> HttpResponseBase:
    if not evidence.file:
        return redirect(evidence.url)
    return _serve(evidence.file, evidence.original_name or "evidence")


@require_POST
@permission_required("assessments.remove_evidence", load=evidence_for)
def evidence_remove(request: AuthenticatedHttpRequest, evidence: Evidence) -> HttpResponse:
    code = evidence.answer.question.indicator.dimension.code
    try:
        services.evidence_remove(evidence=evidence, user=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect("assessments:section", pk=evidence.answer.assessment_id, code=code)


@require_POST
@permission_required("assessments.review_assessment", load=assessment_for)
def comment_add(
    request: AuthenticatedHttpRequest, assessment: Assessment, question_pk: int
) -> HttpResponse:
    question = get_object_or_404(
        Question, pk=question_pk, indicator__dimension__framework=assessment.framework
    )
    form = forms.CommentForm(request.POST, question=question)
    answer, _created = Answer.objects.get_or_create(assessment=assessment, question=question)
    if form.is_valid():
        try:
            services.review_comment_add(
                answer=answer, user=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("The comment was added."))
    else:
        messages.error(request, _("Write a comment."))
    url = reverse("assessments:section", args=[assessment.pk, question.indicator.dimension.code])
    return redirect(f"{url}#question-{question.pk}")


def _results_context(assessment: Assessment) -> dict[str, Any]:
    results = selectors.results_of(assessment)
    series = [
        charts.Series(
            str(assessment.year), [d.display for d in results.dimensions], "series-current"
        )
    ]
    comparison = selectors.comparison_with_previous(assessment, results)
    if comparison:
        series.insert(
            0,
            charts.Series(
                str(assessment.previous.year) if assessment.previous else "",
                [c.previous for c in comparison],
                "series-previous",
            ),
        )
    radar = charts.radar_svg(
        [str(d.dimension) for d in results.dimensions],
        series,
        _("Score per dimension, from 0 to 100"),
    )
    actions = list(selectors.actions_of(assessment))
    return {
        "assessment": assessment,
        "results": results,
        "radar": radar,
        "comparison": comparison,
        "plan_progress": selectors.plan_progress(actions),
        "actions": actions,
    }


@permission_required("assessments.view_assessment", load=assessment_for)
def results(request: AuthenticatedHttpRequest, assessment: Assessment) -> HttpResponse:
    return render(request, "assessments/results.html", _results_context(assessment))


@never_stored
@permission_required("assessments.view_assessment", load=assessment_for)
def workshop(request: AuthenticatedHttpRequest, assessment: Assessment) -> HttpResponse:
    may_record = request.user.has_perm(
        "assessments.record_workshop", assessment
    ) and assessment.stage in {Stage.VALIDATED, Stage.WORKSHOP}
    existing = getattr(assessment, "workshop", None)
    form = formset = None
    if may_record:
        initial = (
            {
                "held_on": existing.held_on,
                "facilitators": existing.facilitators,
                "findings": existing.findings,
            }
            if existing
            else None
        )
        form = forms.WorkshopForm(request.POST or None, initial=initial)
        formset = forms.ParticipantFormSet(
            request.POST or None,
            prefix="participants",
            initial=[
                {"name": p.name, "role": p.role, "organisation": p.organisation, "gender": p.gender}
                for p in (existing.participants.all() if existing else [])
            ],
        )
        if request.method == "POST" and form.is_valid() and formset.is_valid():
            participants = [f.cleaned_data for f in formset.forms if f.cleaned_data]
            try:
                services.workshop_record(
                    assessment=assessment,
                    user=request.user,
                    participants=participants,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The workshop was recorded."))
                return redirect("assessments:workshop", pk=assessment.pk)
    elif request.method == "POST":
        raise PermissionDenied
    recorded = selectors.participants_of(assessment)
    return render(
        request,
        "assessments/workshop.html",
        {
            "assessment": assessment,
            "workshop": existing,
            "participants": recorded,
            "balance": selectors.gender_balance(recorded),
            "form": form,
            "formset": formset,
        },
    )


@never_stored
@permission_required("assessments.view_assessment", load=assessment_for)
def priorities(request: AuthenticatedHttpRequest, assessment: Assessment) -> HttpResponse:
    may_plan = request.user.has_perm("assessments.plan_assessment", assessment)
    ranked = selectors.ranked_areas(assessment)
    areas = [area.dimension for area in ranked]
    participants = selectors.participants_of(assessment)
    rating_form = select_form = None
    if may_plan and assessment.stage == Stage.WORKSHOP and participants and areas:
        rating_form = forms.RatingForm(
            request.POST if "rate" in request.POST else None,
            participants=participants,
            areas=areas,
        )
    if may_plan and assessment.stage in {Stage.WORKSHOP, Stage.PRIORITISED} and areas:
        select_form = forms.PrioritySelectForm(
            request.POST if "select" in request.POST else None,
            areas=areas,
            initial={"dimensions": [p.dimension_id for p in assessment.priorities.all()]},
        )
    if request.method == "POST":
        if not may_plan:
            raise PermissionDenied
        try:
            if rating_form is not None and rating_form.is_bound and rating_form.is_valid():
                data = rating_form.cleaned_data
                services.participant_ratings_record(
                    assessment=assessment,
                    user=request.user,
                    participant=data["participant"],
                    ratings={
                        area: (data[f"impact_{area.pk}"], data[f"feasibility_{area.pk}"])
                        for area in areas
                    },
                )
                messages.success(request, _("The ratings were saved."))
                return redirect("assessments:priorities", pk=assessment.pk)
            if select_form is not None and select_form.is_bound and select_form.is_valid():
                services.priorities_select(
                    assessment=assessment,
                    user=request.user,
                    dimensions=select_form.ordered_dimensions(),
                )
                messages.success(request, _("The priorities were selected."))
                return redirect("assessments:work_plan", pk=assessment.pk)
        except ValidationError as error:
            messages.error(request, _error_text(error))
    return render(
        request,
        "assessments/priorities.html",
        {
            "assessment": assessment,
            "ranked": ranked,
            "rating_form": rating_form,
            "select_form": select_form,
            "priorities": assessment.priorities.select_related("dimension"),
        },
    )


@permission_required("assessments.view_assessment", load=assessment_for)
def work_plan(request: AuthenticatedHttpRequest, assessment: Assessment) -> HttpResponse:
    may_plan = request.user.has_perm("assessments.plan_assessment", assessment)
    form = None
    if may_plan and assessment.stage == Stage.PRIORITISED:
        form = forms.ActionForm(request.POST or None, assessment=assessment)
        if request.method == "POST" and form.is_valid():
            try:
                services.action_save(assessment=assessment, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The action was added to the work plan."))
                return redirect("assessments:work_plan", pk=assessment.pk)
    elif request.method == "POST":
        raise PermissionDenied
    actions = list(selectors.actions_of(assessment))
    may_report = may_plan and assessment.stage in {Stage.MONITORING, Stage.CERTIFIED}
    return render(
        request,
        "assessments/work_plan.html",
        {
            "assessment": assessment,
            "actions": actions,
            "timeline": selectors.timeline(actions),
            "progress": selectors.plan_progress(actions),
            "form": form,
            "progress_forms": {a.pk: forms.ProgressForm(action=a) for a in actions}
            if may_report
            else {},
            "can_approve_plan": request.user.has_perm("assessments.approve_work_plan", assessment),
            "can_plan": may_plan,
            "note_form": forms.NoteForm(),
        },
    )


@permission_required("assessments.view_assessment", load=assessment_for)
def work_plan_xlsx(request: AuthenticatedHttpRequest, assessment: Assessment) -> HttpResponse:
    content = exports.work_plan_xlsx(assessment, list(selectors.actions_of(assessment)))
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    filename = f"work-plan-{assessment.organisation.slug}-{assessment.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
@permission_required("assessments.plan_assessment", load=assessment_for)
def progress_report(
    request: AuthenticatedHttpRequest, assessment: Assessment, action_pk: int
) -> HttpResponse:
    action = get_object_or_404(Action, pk=action_pk, assessment=assessment)
    form = forms.ProgressForm(request.POST, action=action)
    if form.is_valid():
        try:
            services.progress_report(action=action, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("The progress report was saved."))
    else:
        messages.error(request, _("Check the progress report: every field is required."))
    return redirect("assessments:work_plan", pk=assessment.pk)


@require_POST
@permission_required("assessments.answer_assessment", load=assessment_for)
def renew(request: AuthenticatedHttpRequest, assessment: Assessment) -> HttpResponse:
    form = forms.RenewalForm(request.POST)
    if form.is_valid():
        try:
            renewal = services.renewal_start(
                assessment=assessment, user=request.user, year=form.cleaned_data["year"]
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("The follow-up round has started."))
            return redirect("assessments:assessment_detail", pk=renewal.pk)
    else:
        messages.error(request, _("Give the year of the follow-up."))
    return redirect("assessments:assessment_detail", pk=assessment.pk)


def _verification_url(request: HttpRequest, certificate: Certificate) -> str:
    return request.build_absolute_uri(
        reverse("assessments:verify", args=[certificate.verification_code])
    )


@permission_required("assessments.view_assessment", load=assessment_for)
def certificate_pdf(request: AuthenticatedHttpRequest, assessment: Assessment) -> HttpResponse:
    certificate = getattr(assessment, "certificate", None)
    if certificate is None:
        raise Http404
    content = certificates.certificate_pdf(certificate, _verification_url(request, certificate))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate.number}.pdf"'
    return response


# Public pages -----------------------------------------------------------------------------------


def verify(request: HttpRequest, code: str) -> HttpResponse:
    certificate = (
        Certificate.objects.select_related("assessment__organisation", "assessment__country")
        .filter(verification_code=code.upper())
        .first()
    )
    return render(
        request,
        "assessments/verify.html",
        {"certificate": certificate, "code": code},
        status=200 if certificate else 404,
    )


@public_page("assessments")
def certified_list(request: HttpRequest) -> HttpResponse:
    form = forms.YearFilterForm(request.GET or None, years=selectors.certificate_years())
    year = form.cleaned_data.get("year") if form.is_valid() else None
    certified = selectors.certificates(year)
    page = Paginator(certified, PAGE_SIZE).get_page(request.GET.get("page"))
    points = []
    for certificate in page:
        area = certificate.assessment.organisation.municipality
        if area and area.latitude is not None and area.longitude is not None:
            points.append(
                (
                    float(area.longitude),
                    float(area.latitude),
                    area.name,
                    reverse(
                        "assessments:public_summary",
                        args=[certificate.assessment.organisation.slug],
                    ),
                )
            )
    return render(
        request,
        "assessments/certified_list.html",
        {"form": form, "page": page, "map": charts.map_svg(points)},
    )


@public_page("assessments")
def public_summary(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug, is_public=True)
    assessment = selectors.latest_public_round(organisation)
    if assessment is None:
        raise Http404
    context = _results_context(assessment)
    context["organisation"] = organisation
    context["seals"] = selectors.certificates().filter(assessment__organisation=organisation)
    return render(request, "assessments/public_summary.html", context)
