"""The call pages: thin views over the selectors and services."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from migralocal.calls import selectors, services
from migralocal.calls.forms import ApplyForm, CallForm, DecisionForm
from migralocal.calls.loaders import application_for, call_for
from migralocal.calls.models import Call, CallApplication
from migralocal.core.decorators import AuthenticatedHttpRequest, permission_required
from migralocal.programmes.loaders import programme_for
from migralocal.programmes.models import Programme

PAGE_SIZE = 25


def _add_errors(form: Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def call_list(request: HttpRequest) -> HttpResponse:
    """The calls of the programmes the visitor may see: open ones first."""
    calls = selectors.visible_calls(request.user)
    today = timezone.localdate()
    closed = Paginator(calls.filter(deadline__lt=today), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "calls/call_list.html",
        {"open_calls": list(calls.filter(deadline__gte=today)), "page": closed},
    )


@permission_required("calls.view_call", load=call_for, visitors=True)
def call_detail(request: HttpRequest, call: Call) -> HttpResponse:
    user = request.user
    return render(
        request,
        "calls/call_detail.html",
        {
            "call": call,
            "is_open": call.is_open(),
            "may_apply": user.has_perm("calls.apply_to_call", call),
            "may_change": user.has_perm("calls.change_call", call),
            "may_decide": user.has_perm("calls.decide_applications", call),
            "may_see_cohort": user.has_perm("calls.view_cohort", call),
        },
    )


@permission_required("calls.open_call", load=programme_for)
def call_create(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    form = CallForm(request.POST or None, initial=CallForm.initial_of(None))
    if request.method == "POST" and form.is_valid():
        try:
            call = services.call_open(
                actor=request.user, programme=programme, fields=form.call_fields()
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The call was opened."))
            return redirect(call)
    return render(
        request, "calls/call_form.html", {"form": form, "call": None, "programme": programme}
    )


@permission_required("calls.change_call", load=call_for)
def call_edit(request: AuthenticatedHttpRequest, call: Call) -> HttpResponse:
    form = CallForm(request.POST or None, initial=CallForm.initial_of(call))
    if request.method == "POST" and form.is_valid():
        try:
            services.call_update(actor=request.user, call=call, fields=form.call_fields())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The call was saved."))
            return redirect(call)
    return render(
        request, "calls/call_form.html", {"form": form, "call": call, "programme": call.programme}
    )


@permission_required("calls.apply_to_call", load=call_for)
def call_apply(request: AuthenticatedHttpRequest, call: Call) -> HttpResponse:
    """A focal point applies for one of their municipalities; after the deadline the page says
    the call is closed and takes no application."""
    municipalities = selectors.municipalities_for(request.user, call)
    form = ApplyForm(request.POST or None, municipalities=municipalities)
    is_open = call.is_open()
    if request.method == "POST" and form.is_valid():
        try:
            services.call_apply(
                call=call,
                municipality=form.cleaned_data["municipality"],
                user=request.user,
                motivation=form.cleaned_data["motivation"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("The application was sent to the managers of the programme.")
            )
            return redirect(call)
    return render(
        request,
        "calls/call_apply.html",
        {"call": call, "form": form, "is_open": is_open, "has_choices": municipalities.exists()},
    )


@permission_required("calls.decide_applications", load=call_for)
def call_applications(request: AuthenticatedHttpRequest, call: Call) -> HttpResponse:
    return render(
        request,
        "calls/call_applications.html",
        {
            "call": call,
            "page": Paginator(selectors.applications_of(call), PAGE_SIZE).get_page(
                request.GET.get("page")
            ),
        },
    )


DECISIONS: dict[str, tuple[Callable[..., CallApplication], Promise]] = {
    "accept": (services.application_accept, gettext_lazy("The application was accepted.")),
    "decline": (services.application_decline, gettext_lazy("The application was declined.")),
}


@require_POST
@permission_required("calls.decide_application", load=application_for)
def application_decide(
    request: AuthenticatedHttpRequest, application: CallApplication, decision: str
) -> HttpResponse:
    form = DecisionForm(request.POST)
    if decision not in DECISIONS or not form.is_valid():
        messages.error(request, _("The decision could not be recorded."))
        return redirect("calls:applications", pk=application.call_id)
    service, done = DECISIONS[decision]
    try:
        service(application=application, user=request.user, note=form.cleaned_data["note"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, str(done))
    return redirect("calls:applications", pk=application.call_id)


@permission_required("calls.view_cohort", load=call_for)
def call_cohort(request: AuthenticatedHttpRequest, call: Call) -> HttpResponse:
    """Who is in the cohort and at which stage; then, apart, how many are at each level per
    dimension and domain. Never a municipality beside a score."""
    return render(
        request,
        "calls/call_cohort.html",
        {
            "call": call,
            "members": [
                (
                    member,
                    member.assessment is not None
                    and request.user.has_perm("assessments.view_assessment", member.assessment),
                )
                for member in selectors.cohort_of(call)
            ],
            "distribution": selectors.cohort_distribution(call),
            "levels": selectors.LEVELS,
        },
    )
