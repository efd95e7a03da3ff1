"""The technical assistance pages: thin views over the selectors and services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from migralocal.advisory import exports, forms, loaders, selectors, services
from migralocal.advisory.loaders import (
    activity_for,
    document_for,
    engagement_for,
    instrument_for,
    recommendation_for,
    round_for,
    version_for,
)
from migralocal.advisory.models import (
    Engagement,
    EngagementDocument,
    Instrument,
    InstrumentVersion,
    PlanActivity,
    Recommendation,
    ReviewRound,
)
from migralocal.core.decorators import AuthenticatedHttpRequest, permission_required
from migralocal.core.exports import table_response


def _add_errors(form: Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _serve(field_file: Any, filename: str) -> FileResponse:
    if not field_file:
        raise Http404
    return FileResponse(field_file.open("rb"), as_attachment=True, filename=filename)


def _flash_errors(request: AuthenticatedHttpRequest, form: Form) -> None:
    for errors in form.errors.values():
        messages.error(request, " ".join(str(error) for error in errors))


@permission_required("advisory.list_engagements")
def engagement_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The engagements the person advises, answers for, manages or reviews."""
    return render(
        request,
        "advisory/engagement_list.html",
        {
            "engagements": selectors.visible_engagements(request.user),
            "may_start": request.user.has_perm("advisory.start_engagement"),
        },
    )


@permission_required("advisory.start_engagement")
def engagement_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = forms.NewEngagementForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            engagement = services.engagement_create(
                actor=request.user,
                programmes=form.cleaned_data["programmes"],
                slug=form.cleaned_data["slug"],
                fields=form.engagement_fields(),
                advisors=form.cleaned_data["advisors"],
                counterparts=form.cleaned_data["counterparts"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The engagement was created."))
            return redirect(engagement)
    return render(request, "advisory/form.html", {"form": form, "title": _("New engagement")})


@permission_required("advisory.view_engagement", load=engagement_for)
def engagement_detail(request: AuthenticatedHttpRequest, engagement: Engagement) -> HttpResponse:
    user = request.user
    return render(
        request,
        "advisory/engagement_detail.html",
        {
            "engagement": engagement,
            "instruments": selectors.instruments_of(engagement),
            "documents": engagement.documents.all(),
            "figures": selectors.figures_of(engagement),
            "may_change": user.has_perm("advisory.change_engagement", engagement),
            "may_advise": user.has_perm("advisory.advise_engagement", engagement),
            "may_publish": user.has_perm("advisory.publish_engagement", engagement),
            "document_form": forms.DocumentForm(),
            "actions": selectors.actions_supported(engagement),
        },
    )


@permission_required("advisory.change_engagement", load=engagement_for)
def engagement_edit(request: AuthenticatedHttpRequest, engagement: Engagement) -> HttpResponse:
    form = forms.EngagementForm(
        request.POST or None,
        initial=forms.EngagementForm.initial_of(engagement),
        engagement=engagement,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.engagement_update(
                actor=request.user, engagement=engagement, fields=form.engagement_fields()
            )
            services.engagement_people_set(
                actor=request.user,
                engagement=engagement,
                advisors=form.cleaned_data["advisors"],
                counterparts=form.cleaned_data["counterparts"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The engagement was saved."))
            return redirect(engagement)
    title = _("Edit %(name)s") % {"name": engagement}
    return render(request, "advisory/form.html", {"form": form, "title": title, "back": engagement})


@require_POST
@permission_required("advisory.publish_engagement", load=engagement_for)
def engagement_publication(
    request: AuthenticatedHttpRequest, engagement: Engagement
) -> HttpResponse:
    """The government's choice to publish the recommendations it adopted (or to stop)."""
    publish = request.POST.get("publish") == "yes"
    services.engagement_publication_set(actor=request.user, engagement=engagement, publish=publish)
    if publish:
        messages.success(request, _("The adopted recommendations are now public."))
    else:
        messages.success(request, _("The adopted recommendations are no longer public."))
    return redirect(engagement)


@require_POST
@permission_required("advisory.advise_engagement", load=engagement_for)
def document_add(request: AuthenticatedHttpRequest, engagement: Engagement) -> HttpResponse:
    form = forms.DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_add(
                actor=request.user,
                engagement=engagement,
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
                link=form.cleaned_data["link"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The document was added."))
    else:
        _flash_errors(request, form)
    return redirect(engagement)


@permission_required("advisory.view_engagement", load=document_for)
def document_download(
    request: AuthenticatedHttpRequest, document: EngagementDocument
) -> HttpResponseBase:
    return _serve(document.file, (document.file.name or "").rsplit("/", 1)[-1])


@permission_required("advisory.advise_engagement", load=engagement_for)
def instrument_create(request: AuthenticatedHttpRequest, engagement: Engagement) -> HttpResponse:
    form = forms.InstrumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            instrument = services.instrument_create(
                actor=request.user, engagement=engagement, fields=form.instrument_fields()
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The instrument was added."))
            return redirect(instrument)
    return render(
        request,
        "advisory/form.html",
        {"form": form, "title": _("New instrument"), "back": engagement},
    )


@permission_required("advisory.advise_engagement", load=instrument_for)
def instrument_edit(request: AuthenticatedHttpRequest, instrument: Instrument) -> HttpResponse:
    """Its name, stage and expected adoption change as the government writes it."""
    form = forms.InstrumentForm(
        request.POST or None, initial=forms.InstrumentForm.initial_of(instrument)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.instrument_update(
                actor=request.user, instrument=instrument, fields=form.instrument_fields()
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The instrument was saved."))
            return redirect(instrument)
    title = _("Edit %(name)s") % {"name": instrument}
    return render(request, "advisory/form.html", {"form": form, "title": title, "back": instrument})


@permission_required("advisory.view_engagement", load=instrument_for)
def instrument_detail(request: AuthenticatedHttpRequest, instrument: Instrument) -> HttpResponse:
    engagement = instrument.engagement
    rounds = instrument.rounds.select_related("version").prefetch_related(
        "recommendations__translations",
        "recommendations__themes__translations",
        "recommendations__evidence_version",
        "recommendations__work_plan_actions",
    )
    may_advise = request.user.has_perm("advisory.advise_engagement", engagement)
    return render(
        request,
        "advisory/instrument_detail.html",
        {
            "engagement": engagement,
            "instrument": instrument,
            "versions": instrument.versions.all(),
            "rounds": rounds,
            "may_advise": may_advise,
            "may_respond": request.user.has_perm("advisory.respond_engagement", engagement),
            "may_plan": request.user.has_perm("advisory.plan_recommendation", engagement),
            "version_form": forms.VersionForm(),
            "round_form": forms.RoundForm(instrument=instrument),
        },
    )


@require_POST
@permission_required("advisory.advise_engagement", load=instrument_for)
def version_add(request: AuthenticatedHttpRequest, instrument: Instrument) -> HttpResponse:
    form = forms.VersionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.version_upload(
                actor=request.user,
                instrument=instrument,
                file=form.cleaned_data["file"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The draft was uploaded."))
    else:
        _flash_errors(request, form)
    return redirect(instrument)


@permission_required("advisory.view_engagement", load=version_for)
def version_download(
    request: AuthenticatedHttpRequest, version: InstrumentVersion
) -> HttpResponseBase:
    instrument = version.instrument
    suffix = (version.file.name or ".pdf").rsplit(".", 1)[-1]
    name = f"{instrument.acronym or 'instrument'}-v{version.number}.{suffix}"
    return _serve(version.file, name)


@require_POST
@permission_required("advisory.advise_engagement", load=instrument_for)
def round_add(request: AuthenticatedHttpRequest, instrument: Instrument) -> HttpResponse:
    form = forms.RoundForm(request.POST, instrument=instrument)
    if form.is_valid():
        try:
            services.round_open(
                actor=request.user, instrument=instrument, version=form.cleaned_data["version"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("A review round was opened."))
    else:
        _flash_errors(request, form)
    return redirect(instrument)


@require_POST
@permission_required("advisory.advise_engagement", load=round_for)
def round_send(request: AuthenticatedHttpRequest, review_round: ReviewRound) -> HttpResponse:
    try:
        services.round_send(actor=request.user, review_round=review_round)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The recommendations were sent to the government."))
    return redirect(review_round.instrument)


@permission_required("advisory.advise_engagement", load=round_for)
def recommendation_create(
    request: AuthenticatedHttpRequest, review_round: ReviewRound
) -> HttpResponse:
    form = forms.RecommendationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.recommendation_add(
                actor=request.user,
                review_round=review_round,
                texts={"es": data["text_es"], "en": data["text_en"]},
                priority=data["priority"],
                themes=data["themes"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The recommendation was added."))
            if "another" in request.POST:
                return redirect("advisory:recommendation_create", pk=review_round.pk)
            return redirect(review_round.instrument)
    title = _("New recommendation: %(instrument)s, %(round)s") % {
        "instrument": review_round.instrument,
        "round": review_round,
    }
    return render(
        request,
        "advisory/form.html",
        {"form": form, "title": title, "back": review_round.instrument, "another": True},
    )


@permission_required("advisory.advise_engagement", load=recommendation_for)
def recommendation_edit(
    request: AuthenticatedHttpRequest, recommendation: Recommendation
) -> HttpResponse:
    """A recommendation changes while its round is open; once sent, it stays as sent."""
    form = forms.RecommendationForm(
        request.POST or None, initial=forms.RecommendationForm.initial_of(recommendation)
    )
    instrument = recommendation.review_round.instrument
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.recommendation_update(
                actor=request.user,
                recommendation=recommendation,
                texts={"es": data["text_es"], "en": data["text_en"]},
                priority=data["priority"],
                themes=data["themes"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The recommendation was saved."))
            return redirect(instrument)
    title = _("Edit %(name)s") % {"name": recommendation}
    return render(request, "advisory/form.html", {"form": form, "title": title, "back": instrument})


@permission_required("advisory.respond_engagement", load=recommendation_for)
def recommendation_respond(
    request: AuthenticatedHttpRequest, recommendation: Recommendation
) -> HttpResponse:
    form = forms.ResponseForm(
        request.POST or None,
        recommendation=recommendation,
        initial={
            "response": recommendation.response,
            "response_note": recommendation.response_note,
            "evidence_section": recommendation.evidence_section,
            "evidence_version": recommendation.evidence_version,
            "evidence_link": recommendation.evidence_link,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_respond(
                actor=request.user, recommendation=recommendation, fields=form.response_fields()
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The response was recorded."))
            return redirect(recommendation.review_round.instrument)
    return render(
        request,
        "advisory/respond.html",
        {"form": form, "recommendation": recommendation},
    )


@permission_required("advisory.view_engagement", load=engagement_for)
def recommendation_list(request: AuthenticatedHttpRequest, engagement: Engagement) -> HttpResponse:
    """Every recommendation of the engagement, filtered by instrument, round, priority, response
    and theme."""
    filters = forms.RecommendationFilterForm(request.GET or None, engagement=engagement)
    rows = selectors.recommendations_of(engagement, filters.chosen())
    return render(
        request,
        "advisory/recommendation_list.html",
        {
            "engagement": engagement,
            "filters": filters,
            "recommendations": rows,
            "query": request.GET.urlencode(),
        },
    )


@permission_required("advisory.view_adopted", load=loaders.published_engagement_for, visitors=True)
def public_adopted(request: HttpRequest, engagement: Engagement) -> HttpResponse:
    """What a government chose to publish: the recommendations it adopted, per instrument. Not
    found when it did not opt in; drafts and other responses are never shown here."""
    rows = list(selectors.adopted_recommendations(engagement))
    by_instrument: dict[Instrument, list[Recommendation]] = {}
    for recommendation in rows:
        by_instrument.setdefault(recommendation.review_round.instrument, []).append(recommendation)
    return render(
        request,
        "advisory/public_adopted.html",
        {"engagement": engagement, "by_instrument": by_instrument.items()},
    )


@permission_required("advisory.view_engagement", load=engagement_for)
def recommendation_export(
    request: AuthenticatedHttpRequest, engagement: Engagement
) -> HttpResponse:
    """The recommendations the filters choose, as an XLSX file."""
    filters = forms.RecommendationFilterForm(request.GET or None, engagement=engagement)
    chosen = selectors.recommendations_of(engagement, filters.chosen())
    return table_response(
        f"recommendations-{engagement.slug}",
        exports.headers(),
        exports.rows(chosen),
        "xlsx",
        sheet_title=_("Recommendations"),
    )


@permission_required("advisory.view_engagement", load=engagement_for)
def summary_pdf(request: AuthenticatedHttpRequest, engagement: Engagement) -> HttpResponse:
    """The engagement's summary for the government, as a PDF."""
    response = HttpResponse(exports.summary_pdf(engagement), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{engagement.slug}.pdf"'
    return response


@permission_required("advisory.view_engagement", load=engagement_for)
def plan(request: AuthenticatedHttpRequest, engagement: Engagement) -> HttpResponse:
    """The technical assistance plan: its activities on a timeline, and the attendance of the
    learning events of its trainings."""
    return render(
        request,
        "advisory/plan.html",
        {
            "engagement": engagement,
            **selectors.plan_of(engagement),
            "may_advise": request.user.has_perm("advisory.advise_engagement", engagement),
        },
    )


@permission_required("advisory.advise_engagement", load=engagement_for)
def activity_create(request: AuthenticatedHttpRequest, engagement: Engagement) -> HttpResponse:
    form = forms.ActivityForm(request.POST or None, engagement=engagement)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_create(
                actor=request.user, engagement=engagement, fields=form.activity_fields()
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The activity was added to the plan."))
            return redirect("advisory:plan", slug=engagement.slug)
    return render(
        request,
        "advisory/form.html",
        {"form": form, "title": _("New plan activity"), "back": engagement},
    )


@permission_required("advisory.advise_engagement", load=activity_for)
def activity_edit(request: AuthenticatedHttpRequest, activity: PlanActivity) -> HttpResponse:
    engagement = activity.engagement
    form = forms.ActivityForm(
        request.POST or None,
        initial=forms.ActivityForm.initial_of(activity),
        engagement=engagement,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(
                actor=request.user, activity=activity, fields=form.activity_fields()
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The activity was saved."))
            return redirect("advisory:plan", slug=engagement.slug)
    title = _("Edit %(name)s") % {"name": activity}
    return render(request, "advisory/form.html", {"form": form, "title": title, "back": engagement})


@permission_required("advisory.plan_recommendation", load=recommendation_for)
def recommendation_action(
    request: AuthenticatedHttpRequest, recommendation: Recommendation
) -> HttpResponse:
    """The recommendation becomes an action of the government's current work plan."""
    engagement = recommendation.engagement
    instrument = recommendation.review_round.instrument
    assessment = selectors.current_work_plan(engagement)
    if assessment is None:
        messages.error(request, _("The government has no work plan open to new actions."))
        return redirect(instrument)
    form = forms.ActionForm(
        request.POST or None,
        assessment=assessment,
        initial={
            "title": str(recommendation.safe_translation_getter("text", any_language=True))[:300],
            "owner": instrument.owner_department or engagement.department,
            "starts_on": timezone.localdate(),
            "ends_on": instrument.expected_adoption_on,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            action = services.recommendation_to_action(
                actor=request.user, recommendation=recommendation, fields=form.action_fields()
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The recommendation is now an action of the work plan."))
            return redirect(
                reverse("assessments:work_plan", kwargs={"pk": action.assessment_id})
                + f"#action-{action.pk}"
            )
    title = _("%(name)s as an action of the work plan %(year)s") % {
        "name": recommendation,
        "year": assessment.year,
    }
    return render(request, "advisory/form.html", {"form": form, "title": title, "back": instrument})
