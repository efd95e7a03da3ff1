"""An event's agenda, questionnaires (pre/post test, satisfaction survey) and calendar file."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from migralocal.core.decorators import AuthenticatedHttpRequest, permission_required
from migralocal.core.no_store import never_stored
from migralocal.learning import agenda_forms, agenda_services, calendar, selectors
from migralocal.learning.loaders import event_for
from migralocal.learning.models import (
    AgendaSession,
    Event,
    Questionnaire,
    QuestionnaireQuestion,
    Registration,
)
from migralocal.learning.selectors import agenda as agenda_selectors


def _site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _form_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


# ---------------------------------------------------------------- agenda


@permission_required("learning.manage_event", load=event_for)
def event_agenda(request: AuthenticatedHttpRequest, event: Event) -> HttpResponse:
    """The organisers' agenda: the sessions, and a form to add one."""
    form = agenda_forms.AgendaSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agenda_services.agenda_session_save(
                event=event, language=get_language(), **form.cleaned_data
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The session was added to the agenda."))
            return redirect("learning:event_agenda", slug=event.slug)
    return render(
        request,
        "learning/event_agenda.html",
        {"event": event, "sessions": agenda_selectors.agenda_of(event), "form": form},
    )


@permission_required("learning.manage_event", load=event_for)
def agenda_session_edit(request: AuthenticatedHttpRequest, event: Event, pk: int) -> HttpResponse:
    session = get_object_or_404(AgendaSession, event=event, pk=pk)
    if request.method == "POST" and request.POST.get("action") == "delete":
        agenda_services.agenda_session_delete(session=session)
        messages.success(request, _("The session was removed from the agenda."))
        return redirect("learning:event_agenda", slug=event.slug)
    session.set_current_language(get_language())
    initial = {
        "title": session.safe_translation_getter("title", any_language=True),
        "description": session.safe_translation_getter("description", any_language=True),
        "local_start": timezone.localtime(session.starts_at, event.zone).replace(tzinfo=None),
        "local_end": timezone.localtime(session.ends_at, event.zone).replace(tzinfo=None),
        "speakers": session.speakers,
        "room": session.room,
        "online_url": session.online_url,
    }
    form = agenda_forms.AgendaSessionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            agenda_services.agenda_session_save(
                event=event, session=session, language=get_language(), **form.cleaned_data
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The session was saved."))
            return redirect("learning:event_agenda", slug=event.slug)
    return render(
        request,
        "learning/agenda_session_form.html",
        {"event": event, "session": session, "form": form},
    )


# ---------------------------------------------------------------- questionnaires


@permission_required("learning.manage_event", load=event_for)
def event_questionnaires(request: AuthenticatedHttpRequest, event: Event) -> HttpResponse:
    """The organisers attach a pre-test, a post-test or a satisfaction survey, and write its
    questions."""
    attach = agenda_forms.QuestionnaireAttachForm(
        request.POST if request.POST.get("action") == "attach" else None
    )
    if attach.is_bound and attach.is_valid():
        agenda_services.questionnaire_attach(event=event, kind=attach.cleaned_data["kind"])
        messages.success(request, _("The questionnaire was attached."))
        return redirect("learning:event_questionnaires", slug=event.slug)
    forms_by_kind = {}
    for questionnaire in event.questionnaires.prefetch_related(
        "questions__translations", "questions__choices__translations"
    ):
        bound = request.POST.get("action") == f"add-{questionnaire.kind}"
        form = agenda_forms.QuestionForm(request.POST if bound else None, prefix=questionnaire.kind)
        if bound and form.is_valid():
            try:
                agenda_services.questionnaire_question_add(
                    questionnaire=questionnaire, language=get_language(), **form.cleaned_data
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("The question was added."))
                return redirect("learning:event_questionnaires", slug=event.slug)
        if request.POST.get("action") == f"invite-{questionnaire.kind}":
            try:
                agenda_services.questionnaire_invite(
                    questionnaire=questionnaire, site_url=_site_url(request)
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The registrants are being sent their links."))
            return redirect("learning:event_questionnaires", slug=event.slug)
        if request.POST.get("action") == f"delete-{questionnaire.kind}":
            question = get_object_or_404(
                QuestionnaireQuestion, questionnaire=questionnaire, pk=request.POST.get("question")
            )
            try:
                agenda_services.questionnaire_question_delete(question=question)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            return redirect("learning:event_questionnaires", slug=event.slug)
        forms_by_kind[questionnaire.kind] = (questionnaire, form)
    return render(
        request,
        "learning/event_questionnaires.html",
        {"event": event, "attach": attach, "questionnaires": forms_by_kind.values()},
    )


def _answer(
    request: HttpRequest, event: Event, kind: str, registration: Registration | None
) -> HttpResponse:
    questionnaire = get_object_or_404(Questionnaire, event=event, kind=kind)
    questionnaire.event = event
    refusal = agenda_selectors.answer_refusal(questionnaire, registration, timezone.now())
    form = None
    if not refusal:
        questions = list(
            questionnaire.questions.prefetch_related("translations", "choices__translations")
        )
        form = agenda_forms.AnswerForm(
            request.POST or None, questionnaire=questionnaire, questions=questions
        )
        if request.method == "POST" and form.is_valid():
            if registration is None:
                raise PermissionDenied
            try:
                agenda_services.questionnaire_answer(
                    questionnaire=questionnaire,
                    registration=registration,
                    answers=form.answers(),
                    comment=form.cleaned_data.get("comment", ""),
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("Thank you: your answers are recorded."))
                return redirect(event)
    return render(
        request,
        "learning/questionnaire_answer.html",
        {"event": event, "questionnaire": questionnaire, "form": form, "refusal": refusal},
    )


@never_stored
@permission_required("learning.view_event", load=event_for)
def event_questionnaire(request: AuthenticatedHttpRequest, event: Event, kind: str) -> HttpResponse:
    """A signed-in registrant answers from the event page."""
    registration = selectors.registration_of(event=event, user=request.user)
    return _answer(request, event, kind, registration)


@never_stored
@permission_required("learning.view_event", load=event_for, visitors=True)
def event_questionnaire_by_link(
    request: HttpRequest, event: Event, kind: str, token: str
) -> HttpResponse:
    """A registrant answers from the link in their e-mail, without an account."""
    registration = agenda_services.registration_of_token(event, token)
    if registration is None:
        raise Http404
    return _answer(request, event, kind, registration)


@never_stored
@permission_required("learning.view_event_figures", load=event_for)
def event_questionnaire_results(request: AuthenticatedHttpRequest, event: Event) -> HttpResponse:
    """Results for organisers: each registrant's pre→post gain (only to those who run the
    event), the average gain, and the satisfaction survey in aggregate."""
    questionnaires = agenda_selectors.questionnaires_of(event)
    by_person = request.user.has_perm("learning.manage_event", event)
    survey = questionnaires.get(Questionnaire.Kind.SATISFACTION)
    return render(
        request,
        "learning/questionnaire_results.html",
        {
            "event": event,
            "has_tests": Questionnaire.Kind.PRE_TEST in questionnaires
            or Questionnaire.Kind.POST_TEST in questionnaires,
            "tests": agenda_selectors.pre_post_results(event, by_person=by_person),
            "survey": agenda_selectors.survey_results(survey) if survey else None,
        },
    )


# ---------------------------------------------------------------- calendar


@permission_required("learning.view_event", load=event_for, visitors=True)
def event_calendar(request: HttpRequest, event: Event) -> HttpResponse:
    """The event and its agenda as an .ics file, in the page's language."""
    body = calendar.event_calendar(event, language=get_language(), site_url=_site_url(request))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def calendar_url(event: Event) -> str:
    return reverse("learning:event_calendar", kwargs={"slug": event.slug})
