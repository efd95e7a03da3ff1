"""Pages of grievances (public form and status page, staff list and answer), of referrals from
hubs (refer, then complete into a household) and of KoboToolbox or ODK imports."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from migralocal.assistance import grievance_services, kobo, selectors
from migralocal.assistance.forms import HouseholdForm, MemberFormSet
from migralocal.assistance.grievance_forms import (
    CashReferralForm,
    GrievanceFilterForm,
    GrievanceResponseForm,
    GrievanceStatusForm,
    PublicGrievanceForm,
    StaffGrievanceForm,
    SubmissionsFileForm,
    digest_of,
)
from migralocal.assistance.grievances import Grievance, PendingRegistration
from migralocal.assistance.loaders import programme_for
from migralocal.assistance.models import CashProgramme, Household
from migralocal.assistance.permissions import (
    may_handle_grievance,
    may_handle_grievances,
    may_read_identity,
    may_review_duplicates,
)
from migralocal.assistance.views import _add_errors, reasons_text
from migralocal.commitments import spam
from migralocal.consultations.loaders import consultation_for
from migralocal.consultations.models import Consultation
from migralocal.core.decorators import AuthenticatedHttpRequest, permission_required
from migralocal.core.no_store import never_stored

GRIEVANCES_PER_HOUR = 5
STATUS_LOOKUPS_PER_HOUR = 20
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# Grievances: public -------------------------------------------------------------------------


@never_stored
def grievance_public(request: HttpRequest, slug: str) -> HttpResponse:
    """Anyone raises a grievance or gives feedback, without an account; they get back a
    reference and a secret code to follow it."""
    programme = selectors.programme_by_slug(slug)
    if programme is None:
        raise Http404
    form = PublicGrievanceForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_spam():
            # Answer a bot as if it had succeeded, without a reference: it learns nothing.
            return render(request, "assistance/grievances/received.html", {"programme": programme})
        if not spam.within_rate_limit(
            "grievance", spam.client_address(request), limit=GRIEVANCES_PER_HOUR
        ):
            form.add_error(
                None, _("Too many submissions from your address. Please try again in an hour.")
            )
            status = 429
        elif form.is_valid():
            try:
                grievance, secret = grievance_services.grievance_submit_public(
                    programme=programme, data=form.grievance_data()
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                return render(
                    request,
                    "assistance/grievances/received.html",
                    {"programme": programme, "grievance": grievance, "secret": secret},
                )
    return render(
        request,
        "assistance/grievances/public_form.html",
        {"programme": programme, "form": form},
        status=status,
    )


@never_stored
def grievance_status(request: HttpRequest) -> HttpResponse:
    """The status and response of a grievance, by its reference and secret code: never who
    raised it or what they wrote."""
    form = GrievanceStatusForm(request.POST or None)
    grievance = None
    status = 200
    if request.method == "POST":
        if not spam.within_rate_limit(
            "grievance-status", spam.client_address(request), limit=STATUS_LOOKUPS_PER_HOUR
        ):
            form.add_error(None, _("Too many attempts from your address. Please try again later."))
            status = 429
        elif form.is_valid():
            grievance = grievance_services.grievance_by_reference(
                form.cleaned_data["reference"], form.cleaned_data["secret"]
            )
            if grievance is None:
                form.add_error(None, _("No grievance has this reference and secret code."))
                status = 404
    return render(
        request,
        "assistance/grievances/status.html",
        {"form": form, "grievance": grievance},
        status=status,
    )


# Grievances: staff --------------------------------------------------------------------------


@permission_required("assistance.view_cashprogramme", load=programme_for)
def grievance_list(request: AuthenticatedHttpRequest, programme: CashProgramme) -> HttpResponse:
    """The grievances this person handles (sensitive ones for focal points only), by reference,
    category and status: no contact details here."""
    if not may_handle_grievances(request.user, programme):
        raise PermissionDenied
    form = GrievanceFilterForm(request.GET or None)
    grievances = form.filter(grievance_services.grievances_for(request.user, programme))
    page = Paginator(grievances, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "assistance/grievances/list.html",
        {
            "programme": programme,
            "form": form,
            "page": page,
            "figures": grievance_services.grievance_figures(programme),
        },
    )


@never_stored
@permission_required("assistance.view_cashprogramme", load=programme_for)
def grievance_create(request: AuthenticatedHttpRequest, programme: CashProgramme) -> HttpResponse:
    if not may_handle_grievances(request.user, programme):
        raise PermissionDenied
    form = StaffGrievanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        household = None
        ref = form.cleaned_data["household_ref"].strip()
        if ref:
            household = Household.objects.filter(programme=programme, household_ref=ref).first()
            if household is None:
                form.add_error(
                    "household_ref", _("No household of the programme has this reference.")
                )
        if not form.errors:
            try:
                grievance, secret = grievance_services.grievance_record(
                    actor=request.user,
                    programme=programme,
                    data=form.grievance_data(),
                    household=household,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                return render(
                    request,
                    "assistance/grievances/received.html",
                    {"programme": programme, "grievance": grievance, "secret": secret},
                )
    return render(
        request, "assistance/grievances/staff_form.html", {"programme": programme, "form": form}
    )


@never_stored
@permission_required("assistance.view_cashprogramme", load=programme_for)
def grievance_detail(
    request: AuthenticatedHttpRequest, programme: CashProgramme, pk: int
) -> HttpResponse:
    """One grievance with what the person wrote and how to reach them (the reading is logged),
    and the response form."""
    grievance = get_object_or_404(
        Grievance.objects.select_related("programme"), programme=programme, pk=pk
    )
    if not may_handle_grievance(request.user, grievance):
        raise Http404
    form = GrievanceResponseForm(
        request.POST or None,
        initial={"status": grievance.status, "response": grievance.response},
    )
    if request.method == "POST" and form.is_valid():
        try:
            grievance_services.grievance_respond(
                actor=request.user,
                grievance=grievance,
                status=form.cleaned_data["status"],
                response=form.cleaned_data["response"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The grievance was saved."))
            return redirect("assistance:grievance", slug=programme.slug, pk=grievance.pk)
    grievance = grievance_services.grievance_read(actor=request.user, grievance=grievance)
    return render(
        request,
        "assistance/grievances/detail.html",
        {"programme": programme, "grievance": grievance, "form": form},
    )


# Referrals from hubs ------------------------------------------------------------------------


@permission_required("consultations.view_consultation", load=consultation_for)
def cash_referral(request: AuthenticatedHttpRequest, consultation: Consultation) -> HttpResponse:
    """Refer a consultation's family to a cash assistance programme."""
    programmes = grievance_services.referable_programmes(consultation)
    form = CashReferralForm(request.POST or None, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        try:
            grievance_services.cash_referral_make(
                actor=request.user,
                consultation=consultation,
                programme=form.cleaned_data["programme"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("The family was referred to the cash assistance programme.")
            )
            return redirect(consultation)
    return render(
        request,
        "assistance/grievances/referral_form.html",
        {
            "consultation": consultation,
            "form": form,
            "has_consent": consultation.consents.exists(),
        },
    )


@permission_required("assistance.complete_referrals", load=programme_for)
def pending_list(request: AuthenticatedHttpRequest, programme: CashProgramme) -> HttpResponse:
    page = Paginator(grievance_services.pending_of(request.user, programme), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request, "assistance/grievances/pending_list.html", {"programme": programme, "page": page}
    )


@never_stored
@permission_required("assistance.complete_referrals", load=programme_for)
def pending_detail(
    request: AuthenticatedHttpRequest, programme: CashProgramme, pk: int
) -> HttpResponse:
    """A referred family: the details it came with (when the person consented, logged), and
    the registration form to complete it into a household, or decline it."""
    pending = get_object_or_404(
        PendingRegistration.objects.select_related("programme", "hub", "municipality"),
        programme=programme,
        pk=pk,
    )
    may_read = may_read_identity(request.user, pending)
    if may_read:
        grievance_services.pending_identity_read(actor=request.user, pending=pending)
    initial_member = {}
    if may_read and pending.consented:
        given, _space, family = pending.name.partition(" ")
        initial_member = {
            "given_names": given,
            "family_names": family,
            "document_number": pending.document_number,
        }
    form = HouseholdForm(
        request.POST or None,
        programme=programme,
        initial={"municipality": pending.municipality.pk},
    )
    members = MemberFormSet(request.POST or None, prefix="m", initial=[initial_member])
    if request.method == "POST" and request.POST.get("decline"):
        try:
            grievance_services.pending_decline(actor=request.user, pending=pending)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("assistance:pending", slug=programme.slug)
    if request.method == "POST" and form.is_valid() and members.is_valid():
        data = form.cleaned_data
        household = form.household_data(members.cleaned_data)
        try:
            created = grievance_services.pending_complete(
                actor=request.user,
                pending=pending,
                household=household,
                consent_purpose=data["consent_purpose"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The household was registered."))
            return redirect("assistance:household", slug=programme.slug, pk=created.pk)
    return render(
        request,
        "assistance/grievances/pending_detail.html",
        {
            "programme": programme,
            "pending": pending,
            "may_read": may_read,
            "form": form,
            "members": members,
        },
    )


# KoboToolbox and ODK ------------------------------------------------------------------------


@permission_required("assistance.register_households", load=programme_for)
def xlsform_download(request: AuthenticatedHttpRequest, programme: CashProgramme) -> HttpResponse:
    response = HttpResponse(kobo.xlsform_bytes(programme), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="registration-{programme.slug}.xlsx"'
    return response


@never_stored
@permission_required("assistance.register_households", load=programme_for)
def submissions_import(request: AuthenticatedHttpRequest, programme: CashProgramme) -> HttpResponse:
    """Check an export of the programme's XLSForm (problems by sheet, row and column, probable
    duplicates), then import the same files, all of them or nothing."""
    if not may_review_duplicates(request.user, programme):
        raise PermissionDenied
    form = SubmissionsFileForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        arguments = {
            "actor": request.user,
            "programme": programme,
            "content": data["content"],
            "filename": data["filename"],
            "members_content": data["members_content"],
        }
        if data["confirm"]:
            try:
                households = grievance_services.submissions_import(
                    **arguments, consent_purpose=data["consent_purpose"]
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    _("%(count)d households were registered.") % {"count": len(households)},
                )
                return redirect("assistance:households", slug=programme.slug)
        else:
            result = grievance_services.submissions_check(**arguments)
            form = SubmissionsFileForm(
                initial={
                    "checked": digest_of(data["content"], data["members_content"]),
                    "consent_purpose": data["consent_purpose"],
                }
            )
    return render(
        request,
        "assistance/grievances/submissions_import.html",
        {
            "programme": programme,
            "form": form,
            "result": result,
            "duplicates": [
                (a, b, score, reasons_text(reasons))
                for a, b, score, reasons in (result.duplicates if result else [])
            ],
        },
    )
