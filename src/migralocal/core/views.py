from __future__ import annotations

from contextlib import suppress
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from migralocal.core import selectors, services
from migralocal.core.decorators import AuthenticatedHttpRequest, permission_required
from migralocal.core.demo_mail import KEPT_MESSAGES, demo_mail_enabled, kept_messages
from migralocal.core.forms import OrganisationFilterForm, OrganisationProfileForm
from migralocal.core.loaders import organisation_for
from migralocal.core.models import Organisation
from migralocal.core.modules import home_panels
from migralocal.core.navigation import next_steps_for, tasks_for
from migralocal.core.no_store import mark_never_stored, never_stored
from migralocal.core.public_cache import cached_figure, public_page

PAGE_SIZE = 24


@public_page("core")
def home(request: HttpRequest) -> HttpResponse:
    counts = cached_figure(["core"], "platform-counts", selectors.platform_counts)
    return render(request, "core/home.html", {"counts": counts, "panels": home_panels(request)})


@permission_required("core.view_landing")
def landing(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "core/landing.html",
        {
            "memberships": selectors.memberships_of(request.user),
            "assignments": selectors.programme_assignments_of(request.user),
            "tasks": tasks_for(request.user),
            "next_steps": next_steps_for(request.user),
        },
    )


@public_page("core")
def organisation_list(request: HttpRequest) -> HttpResponse:
    return _organisation_list(request, countries=selectors.countries_with_organisations())


@permission_required("core.browse_programme_countries")
def programme_organisations(request: AuthenticatedHttpRequest) -> HttpResponse:
    countries = selectors.programme_countries_of(request.user)
    return _organisation_list(request, countries=countries, programme_scope=True)


def _organisation_list(
    request: HttpRequest, *, countries: Any, programme_scope: bool = False
) -> HttpResponse:
    form = OrganisationFilterForm(
        request.GET or None, countries=countries, areas=selectors.terms_of("areas-of-work")
    )
    filters = form.cleaned_data if form.is_valid() else {}
    organisations = selectors.organisation_search(
        user=request.user,
        text=filters.get("q", ""),
        country=filters.get("country"),
        kind=filters.get("kind", ""),
        area_of_work=filters.get("area"),
    )
    if programme_scope:
        organisations = organisations.filter(country__in=countries)
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "core/organisation_list.html",
        {"form": form, "page": page, "programme_scope": programme_scope},
    )


@permission_required("core.view_organisation", load=organisation_for, visitors=True)
def organisation_detail(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    can_see_members = request.user.has_perm("core.view_organisation_members", organisation)
    response = render(
        request,
        "core/organisation_detail.html",
        {
            "organisation": organisation,
            "can_edit": request.user.has_perm("core.change_organisation", organisation),
            "members": selectors.members_of(organisation) if can_see_members else None,
        },
    )
    # The public profile stays cacheable; the version that names its people is never stored.
    return mark_never_stored(response) if can_see_members else response


@permission_required("core.change_organisation", load=organisation_for)
def organisation_edit(
    request: AuthenticatedHttpRequest, organisation: Organisation
) -> HttpResponse:
    language = get_language()
    areas = selectors.terms_of("areas-of-work")
    initial = {
        "description": organisation.safe_translation_getter(
            "description", language_code=language, default=""
        ),
        "website": organisation.website,
        "email": organisation.email,
        "is_public": organisation.is_public,
        "areas_of_work": organisation.areas_of_work.all(),
    }
    form = OrganisationProfileForm(request.POST or None, initial=initial, areas=areas)
    if request.method == "POST" and form.is_valid():
        services.organisation_update(
            organisation=organisation, language=language, **form.cleaned_data
        )
        messages.success(request, _("The profile was saved."))
        return redirect(organisation)
    return render(
        request, "core/organisation_form.html", {"organisation": organisation, "form": form}
    )


@permission_required("core.keep_own_organisation")
def my_organisations(request: AuthenticatedHttpRequest) -> HttpResponse:
    memberships = selectors.memberships_of(request.user)
    return render(request, "core/my_organisations.html", {"memberships": memberships})


@require_POST
@csrf_exempt  # choosing a language is harmless, and must work with a stale CSRF cookie
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch language, and remember it on the account so that other devices follow."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated:
        with suppress(ValidationError):  # an unknown language is ignored, as Django does
            services.user_set_language(user=request.user, language=language)
    return response


@never_stored
@permission_required("core.keep_own_api_token")
def api_token(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Create, replace or revoke one's API token. The key is shown once, right after creation."""
    new_key = ""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            if services.api_token_revoke(user=request.user):
                messages.success(request, _("Your API token was revoked."))
            return redirect("core:api_token")
        new_key = services.api_token_create(user=request.user).key
    return render(
        request,
        "core/api_token.html",
        {"token": selectors.api_token_of(request.user), "new_key": new_key},
    )


def locked_out(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """What django-axes answers to a sign-in from a locked-out e-mail address and IP address."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME * 60))
    return render(
        request,
        "core/locked_out.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "lockout_minutes": minutes},
        status=429,
    )


def demo_mail(request: HttpRequest) -> HttpResponse:
    """The last e-mails the platform sent, on a demo or a developer's machine only (DEBUG on and
    no mail server configured): elsewhere the page does not exist."""
    if not demo_mail_enabled():
        raise Http404
    return render(request, "core/demo_mail.html", {"mail": kept_messages(), "kept": KEPT_MESSAGES})
