"""Joining the community: an organisation applies and a reviewer of its country answers; a
person asks to join an organisation and its administrators answer, manage its members and their
roles; members keep the organisation's community profile."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from migralocal.core.decorators import AuthenticatedHttpRequest, permission_required
from migralocal.core.loaders import organisation_for
from migralocal.core.models import Country, Organisation, User
from migralocal.core.no_store import never_stored
from migralocal.core.selectors import terms_of
from migralocal.learning import forms, selectors, services
from migralocal.learning.loaders import application_for, join_request_for
from migralocal.learning.models import Decision, JoinRequest, OrganisationApplication
from migralocal.learning.views import page_of


def _site_url(request: AuthenticatedHttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _add_service_errors(form: forms.forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@permission_required("learning.apply_to_community")
def community_apply(request: AuthenticatedHttpRequest) -> HttpResponse:
    """An organisation applies to join the community."""
    form = forms.CommunityApplicationForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        countries=Country.objects.in_name_order().prefetch_related("translations"),
        areas=terms_of("areas-of-work"),
        initial={"contact_email": request.user.email},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.community_application_submit(
                applicant=request.user,
                name=data["name"],
                kind=data["kind"],
                country=data["country"],
                areas=data["areas"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                contact_phone=data["contact_phone"],
                description=data["description"],
                proof=data["proof"],
                language=get_language() or "",
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(
                request, _("Your application was sent. A reviewer of the country will answer it.")
            )
            return redirect(application)
    return render(request, "learning/community_apply.html", {"form": form})


@never_stored
@permission_required("learning.browse_community_applications")
def community_applications(request: AuthenticatedHttpRequest) -> HttpResponse:
    applications = selectors.community_applications_visible_to(request.user)
    return render(
        request,
        "learning/community_applications.html",
        {"page": page_of(request, applications), "Decision": Decision},
    )


@never_stored
@permission_required("learning.view_community_application", load=application_for)
def community_application(
    request: AuthenticatedHttpRequest, application: OrganisationApplication
) -> HttpResponse:
    """The application, and for a reviewer of its country the form to approve or decline it."""
    can_review = request.user.has_perm("learning.review_community_application", application)
    form = None
    if can_review and application.status == Decision.PENDING:
        form = forms.ApplicationDecisionForm(
            request.POST if request.method == "POST" else None,
            organisations=selectors.organisations_to_link(application),
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                if form.cleaned_data["decision"] == forms.DecisionForm.APPROVE:
                    services.community_application_approve(
                        application=application,
                        decided_by=request.user,
                        organisation=form.cleaned_data["organisation"],
                        site_url=_site_url(request),
                    )
                    messages.success(request, _("Approved: the organisation has joined."))
                else:
                    services.community_application_decline(
                        application=application,
                        decided_by=request.user,
                        reason=form.cleaned_data["reason"],
                        site_url=_site_url(request),
                    )
                    messages.success(request, _("The application was declined."))
                return redirect(application)
            except ValidationError as error:
                _add_service_errors(form, error)
    return render(
        request,
        "learning/community_application.html",
        {"application": application, "form": form, "Decision": Decision},
    )


@never_stored
@permission_required("learning.view_community_application", load=application_for)
def community_application_proof(
    request: AuthenticatedHttpRequest, application: OrganisationApplication
) -> HttpResponseBase:
    if not application.proof:
        raise Http404
    return FileResponse(
        application.proof.open("rb"),
        as_attachment=True,
        filename=application.proof_name or "proof",
    )


@permission_required("learning.ask_to_join_organisation", load=organisation_for)
def organisation_join(
    request: AuthenticatedHttpRequest, organisation: Organisation
) -> HttpResponse:
    """A signed-up person asks to join the organisation."""
    form = forms.JoinRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            join_request = services.join_request_submit(
                user=request.user, organisation=organisation, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(
                request, _("Your request was sent. The organisation's administrators will answer.")
            )
            return redirect(join_request)
    return render(
        request, "learning/organisation_join.html", {"organisation": organisation, "form": form}
    )


@never_stored
@permission_required("learning.view_join_request", load=join_request_for)
def join_request(request: AuthenticatedHttpRequest, asked: JoinRequest) -> HttpResponse:
    """The request, and for the organisation's administrators the form to answer it."""
    can_answer = request.user.has_perm("learning.answer_join_request", asked)
    form = None
    if can_answer and asked.status == Decision.PENDING:
        form = forms.JoinRequestDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                if form.cleaned_data["decision"] == forms.DecisionForm.APPROVE:
                    services.join_request_approve(
                        join_request=asked,
                        decided_by=request.user,
                        roles=form.cleaned_data["roles"],
                        site_url=_site_url(request),
                    )
                    messages.success(request, _("Approved: the person is now a member."))
                else:
                    services.join_request_decline(
                        join_request=asked,
                        decided_by=request.user,
                        reason=form.cleaned_data["reason"],
                        site_url=_site_url(request),
                    )
                    messages.success(request, _("The request was declined."))
                return redirect("learning:organisation_members", slug=asked.organisation.slug)
            except ValidationError as error:
                _add_service_errors(form, error)
    return render(
        request,
        "learning/join_request.html",
        {"asked": asked, "form": form, "Decision": Decision},
    )


@never_stored
@permission_required("learning.manage_organisation_members", load=organisation_for)
def organisation_members(
    request: AuthenticatedHttpRequest, organisation: Organisation
) -> HttpResponse:
    """The organisation's administrators: who asks to join, and who holds which roles."""
    return render(
        request,
        "learning/organisation_members.html",
        {
            "organisation": organisation,
            "requests": selectors.join_requests_of(organisation),
            "members": selectors.members_with_roles(organisation),
        },
    )


@never_stored
@permission_required("learning.manage_organisation_members", load=organisation_for)
def member_roles(
    request: AuthenticatedHttpRequest, organisation: Organisation, user_id: int
) -> HttpResponse:
    member = get_object_or_404(
        User.objects.filter(memberships__organisation=organisation, is_active=True).distinct(),
        pk=user_id,
    )
    held = [m.role for m in member.memberships.filter(organisation=organisation).order_by("role")]
    form = forms.MemberRolesForm(
        request.POST if request.method == "POST" else None, initial={"roles": held}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.member_roles_set(
                organisation=organisation,
                member=member,
                roles=form.cleaned_data["roles"],
                changed_by=request.user,
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("The roles were saved."))
            return redirect("learning:organisation_members", slug=organisation.slug)
    return render(
        request,
        "learning/member_roles.html",
        {"organisation": organisation, "member": member, "form": form},
    )


@permission_required("learning.edit_community_profile", load=organisation_for)
def community_profile_edit(
    request: AuthenticatedHttpRequest, organisation: Organisation
) -> HttpResponse:
    """A member keeps the organisation's community profile, in every language at once."""
    form = forms.CommunityProfileForm(
        request.POST if request.method == "POST" else None,
        areas=terms_of("areas-of-work"),
        initial=forms.CommunityProfileForm.initial_of(organisation),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.community_profile_update(
                organisation=organisation,
                editor=request.user,
                areas=form.cleaned_data["areas"],
                texts=form.texts(),
                contact_name=form.cleaned_data["contact_name"],
                contact_email=form.cleaned_data["contact_email"],
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("The community profile was saved."))
            return redirect("learning:community")
    return render(
        request,
        "learning/community_profile_form.html",
        {"organisation": organisation, "form": form},
    )
