"""Mentoring: a mentor paired with an organisation, its goals, sessions and outcome."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from migralocal.core.decorators import AuthenticatedHttpRequest, permission_required
from migralocal.core.loaders import organisation_for
from migralocal.core.models import Actor, Organisation
from migralocal.core.no_store import never_stored
from migralocal.core.permissions import require
from migralocal.core.selectors import memberships_of, programme_countries_of
from migralocal.learning import forms, selectors, services
from migralocal.learning.loaders import engagement_for, mentoring_request_for
from migralocal.learning.models import MentoringEngagement, MentoringGoal, MentoringRequest
from migralocal.learning.views import page_of


@never_stored
@permission_required("learning.browse_mentoring")
def mentoring_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    engagements = selectors.mentoring_visible_to(request.user)
    return render(
        request,
        "learning/mentoring_list.html",
        {
            "page": page_of(request, engagements),
            "can_start": request.user.has_perm("learning.view_mentoring_figures"),
            "can_see_figures": request.user.has_perm("learning.view_mentoring_figures"),
            "can_answer": request.user.has_perm("learning.view_mentoring_figures"),
            "requesting_organisations": _organisations_that_may_ask(request.user),
            "pending_requests": selectors.mentoring_requests_visible_to(request.user)
            .filter(status=MentoringRequest.Status.PENDING)
            .count(),
        },
    )


@permission_required("learning.view_mentoring_figures")
def mentoring_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    countries = programme_countries_of(request.user)
    form = forms.MentoringStartForm(
        request.POST or None,
        organisations=Organisation.objects.filter(country__in=countries).order_by("name"),
        areas=selectors.capacity_areas(),
    )
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        require(request.user, "learning.start_mentoring", organisation)
        engagement = services.mentoring_start(
            mentor=request.user,
            organisation=organisation,
            areas=form.cleaned_data["areas"],
            started_on=form.cleaned_data["started_on"],
        )
        return redirect(engagement)
    return render(request, "learning/mentoring_start.html", {"form": form})


@never_stored
@permission_required("learning.view_mentoring", load=engagement_for)
def mentoring_detail(
    request: AuthenticatedHttpRequest, engagement: MentoringEngagement
) -> HttpResponse:
    can_keep = request.user.has_perm("learning.keep_mentoring_record", engagement)
    goal_form = forms.MentoringGoalForm(engagement=engagement)
    session_form = forms.MentoringSessionForm()
    close_form = forms.MentoringCloseForm()
    if request.method == "POST":
        if not can_keep:
            raise PermissionDenied
        action = request.POST.get("action")
        try:
            if action == "goal":
                goal_form = forms.MentoringGoalForm(request.POST, engagement=engagement)
                if goal_form.is_valid():
                    services.mentoring_goal_add(engagement=engagement, **goal_form.cleaned_data)
                    return redirect(engagement)
            elif action == "achieved":
                goal = get_object_or_404(
                    MentoringGoal, pk=request.POST.get("goal"), engagement=engagement
                )
                services.mentoring_goal_set_achieved(goal=goal, achieved=not goal.is_achieved)
                return redirect(engagement)
            elif action == "session":
                session_form = forms.MentoringSessionForm(request.POST)
                if session_form.is_valid():
                    services.mentoring_session_record(
                        engagement=engagement, **session_form.cleaned_data
                    )
                    messages.success(request, _("The session was recorded."))
                    return redirect(engagement)
            elif action == "close":
                close_form = forms.MentoringCloseForm(request.POST)
                if close_form.is_valid():
                    services.mentoring_close(engagement=engagement, **close_form.cleaned_data)
                    return redirect(engagement)
        except ValidationError as error:
            target = {"goal": goal_form, "session": session_form, "close": close_form}.get(
                action or "", session_form
            )
            for field, errors in (
                error.message_dict.items()
                if hasattr(error, "error_dict")
                else [(None, error.messages)]
            ):
                target.add_error(field if field in target.fields else None, errors)
    return render(
        request,
        "learning/mentoring_detail.html",
        {
            "engagement": engagement,
            "goals": engagement.goals.select_related("area"),
            "sessions": engagement.sessions.all(),
            "can_keep": can_keep,
            "goal_form": goal_form,
            "session_form": session_form,
            "close_form": close_form,
        },
    )


@permission_required("learning.view_mentoring_figures")
def mentoring_figures(request: AuthenticatedHttpRequest) -> HttpResponse:
    figures = selectors.mentoring_figures(selectors.mentoring_in_programme_scope(request.user))
    return render(request, "learning/mentoring_figures.html", {"figures": figures})


def _organisations_that_may_ask(user: Actor) -> list[Organisation]:
    if not user.is_authenticated:
        return []
    return [
        membership.organisation
        for membership in memberships_of(user)
        if user.has_perm("learning.request_mentoring", membership.organisation)
    ]


def _site_url(request: AuthenticatedHttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _add_service_errors(form: forms.forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@permission_required("learning.request_mentoring", load=organisation_for)
def mentoring_request_create(
    request: AuthenticatedHttpRequest, organisation: Organisation
) -> HttpResponse:
    """An organisation asks for mentoring: a goal in each area it wants help with."""
    form = forms.MentoringRequestForm(
        request.POST if request.method == "POST" else None,
        areas=list(selectors.capacity_areas()),
    )
    if request.method == "POST" and form.is_valid():
        try:
            asked = services.mentoring_request_submit(
                organisation=organisation, user=request.user, goals=form.goals()
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(
                request, _("Your request was sent. A mentor or the programme will answer it.")
            )
            return redirect(asked)
    return render(
        request,
        "learning/mentoring_request_form.html",
        {"organisation": organisation, "form": form},
    )


@permission_required("learning.browse_mentoring")
def mentoring_request_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    requests = selectors.mentoring_requests_visible_to(request.user)
    return render(
        request,
        "learning/mentoring_request_list.html",
        {"page": page_of(request, requests)},
    )


@never_stored
@permission_required("learning.view_mentoring_request", load=mentoring_request_for)
def mentoring_request_detail(
    request: AuthenticatedHttpRequest, asked: MentoringRequest
) -> HttpResponse:
    """The request, and for a mentor or programme manager the form to accept or decline it."""
    can_answer = request.user.has_perm("learning.answer_mentoring_request", asked)
    form = None
    if can_answer and asked.status == MentoringRequest.Status.PENDING:
        form = forms.MentoringAnswerForm(
            request.POST if request.method == "POST" else None,
            mentors=selectors.mentors_for(asked.organisation),
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                if form.cleaned_data["decision"] == forms.MentoringAnswerForm.ACCEPT:
                    engagement = services.mentoring_request_accept(
                        request=asked,
                        decided_by=request.user,
                        mentor=form.cleaned_data["mentor"],
                        started_on=form.cleaned_data["started_on"],
                        site_url=_site_url(request),
                    )
                    messages.success(request, _("Accepted: the mentoring has started."))
                    return redirect(engagement)
                services.mentoring_request_decline(
                    request=asked,
                    decided_by=request.user,
                    reason=form.cleaned_data["reason"],
                    site_url=_site_url(request),
                )
                messages.success(request, _("The request was declined."))
                return redirect(asked)
            except ValidationError as error:
                _add_service_errors(form, error)
    areas = {term.code: term for term in asked.areas.all()}
    return render(
        request,
        "learning/mentoring_request_detail.html",
        {
            "asked": asked,
            "goals": [(areas.get(code, code), text) for code, text in asked.goals.items()],
            "form": form,
        },
    )
