"""The cash assistance pages: thin views over the selectors and services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from migralocal.assistance import importing, matching, payment_selectors, selectors, services
from migralocal.assistance.forms import (
    AccessReasonForm,
    CashProgrammeForm,
    DecisionForm,
    HouseholdForm,
    HouseholdSearchForm,
    MemberFormSet,
    NewCashProgrammeForm,
    RegistrationFileForm,
    digest_of,
)
from migralocal.assistance.grievance_services import grievance_figures
from migralocal.assistance.loaders import household_for, pair_for, programme_for
from migralocal.assistance.models import CashProgramme, DuplicatePair, Household
from migralocal.assistance.permissions import (
    may_handle_grievances,
    may_read_identity,
    may_review_duplicates,
)
from migralocal.core.decorators import AuthenticatedHttpRequest, permission_required
from migralocal.core.exports import CSV_CONTENT_TYPE, csv_text
from migralocal.core.no_store import never_stored
from migralocal.core.services import log_access

PAGE_SIZE = 50
REASON_LABELS = {
    matching.DOCUMENT_SAME: gettext_lazy("same document number"),
    matching.DOCUMENT_NEAR: gettext_lazy("document number with one digit changed or swapped"),
    matching.DOCUMENT_DIFFERENT: gettext_lazy("different document numbers"),
    matching.BIRTH_SAME: gettext_lazy("same date of birth"),
    matching.BIRTH_NEAR: gettext_lazy("date of birth with a typo or day and month swapped"),
    matching.BIRTH_DIFFERENT: gettext_lazy("different dates of birth"),
    matching.PHONE_SAME: gettext_lazy("same phone"),
    matching.NAMES_SAME: gettext_lazy("same names"),
    matching.NAMES_SIMILAR: gettext_lazy("similar names"),
    matching.NAMES_DIFFERENT: gettext_lazy("different names"),
    matching.SURNAMES_SWAPPED: gettext_lazy("surnames swapped"),
    matching.SURNAME_MISSING: gettext_lazy("second surname missing"),
    matching.SEX_DIFFERENT: gettext_lazy("different sex"),
}


def reasons_text(reasons: list[str] | tuple[str, ...]) -> str:
    return ", ".join(str(REASON_LABELS.get(reason, reason)) for reason in reasons)


def registration_template(request: HttpRequest) -> HttpResponse:
    """The CSV template: the columns and two example rows (docs/assistance.md)."""
    response = HttpResponse(csv_text(importing.TEMPLATE_ROWS), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="registrations-template.csv"'
    return response


@permission_required("assistance.browse_programmes")
def programme_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "assistance/programme_list.html",
        {
            "programmes": selectors.programmes_visible_to(request.user),
            "may_create": request.user.has_perm("assistance.add_cashprogramme"),
        },
    )


@permission_required("assistance.view_cashprogramme", load=programme_for)
def programme_detail(request: AuthenticatedHttpRequest, programme: CashProgramme) -> HttpResponse:
    user = request.user
    return render(
        request,
        "assistance/programme_detail.html",
        {
            "programme": programme,
            "figures": selectors.programme_figures(programme),
            "grievances": grievance_figures(programme),
            "may_register": user.has_perm("assistance.register_households", programme)
            and may_review_duplicates(user, programme),
            "may_review": may_review_duplicates(user, programme),
            "may_change": user.has_perm("assistance.change_cashprogramme", programme),
            "may_complete_referrals": user.has_perm("assistance.complete_referrals", programme),
            "may_handle_grievances": may_handle_grievances(user, programme),
        },
    )


def _add_errors(form: Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


@permission_required("assistance.add_cashprogramme")
def programme_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = NewCashProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(
                actor=request.user, slug=form.cleaned_data["slug"], fields=form.programme_fields()
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The programme was created."))
            return redirect(programme)
    return render(request, "assistance/programme_form.html", {"form": form, "programme": None})


@permission_required("assistance.change_cashprogramme", load=programme_for)
def programme_edit(request: AuthenticatedHttpRequest, programme: CashProgramme) -> HttpResponse:
    form = CashProgrammeForm(request.POST or None, initial=CashProgrammeForm.initial_of(programme))
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(
                actor=request.user, programme=programme, fields=form.programme_fields()
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The programme was saved."))
            return redirect(programme)
    return render(request, "assistance/programme_form.html", {"form": form, "programme": programme})


@permission_required("assistance.view_households", load=programme_for)
def household_list(request: AuthenticatedHttpRequest, programme: CashProgramme) -> HttpResponse:
    form = HouseholdSearchForm(request.GET or None)
    text = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(selectors.households_of(programme, text=text), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "assistance/household_list.html",
        {"programme": programme, "page": page, "form": form},
    )


@never_stored
@permission_required("assistance.register_households", load=programme_for)
def household_create(request: AuthenticatedHttpRequest, programme: CashProgramme) -> HttpResponse:
    """A household registered by staff on a form (phone-friendly): the head first."""
    form = HouseholdForm(request.POST or None, programme=programme)
    members = MemberFormSet(request.POST or None, prefix="m")
    if request.method == "POST" and form.is_valid() and members.is_valid():
        data = form.cleaned_data
        household = form.household_data(members.cleaned_data)
        try:
            (created,) = services.households_register(
                actor=request.user,
                programme=programme,
                households=[household],
                consent_purpose=data["consent_purpose"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The household was registered."))
            return redirect("assistance:household", slug=programme.slug, pk=created.pk)
    return render(
        request,
        "assistance/household_form.html",
        {"programme": programme, "form": form, "members": members},
    )


@never_stored
@permission_required("assistance.view_households", load=household_for)
def household_detail(request: AuthenticatedHttpRequest, household: Household) -> HttpResponse:
    """References and counts for whoever keeps the programme; names, documents and phones for
    its assistance staff, after they give a reason, which is logged."""
    may_read = may_read_identity(request.user, household)
    form = AccessReasonForm(request.POST or None)
    members = None
    if request.method == "POST":
        if not may_read:
            raise PermissionDenied
        if form.is_valid():
            members = services.household_identity_read(
                actor=request.user, household=household, reason=form.reason_text()
            )
    return render(
        request,
        "assistance/household_detail.html",
        {
            "programme": household.programme,
            "household": household,
            "references": household.members.order_by("-is_head", "pk").values(
                "person_ref", "is_head", "sex", "status"
            ),
            "members": members,
            "may_read": may_read,
            "form": form,
            "steps": selectors.household_steps(household),
            "payments": payment_selectors.payments_of_household(household),
        },
    )


@never_stored
@permission_required("assistance.register_households", load=programme_for)
def registration_import(
    request: AuthenticatedHttpRequest, programme: CashProgramme
) -> HttpResponse:
    """Check a file (problems by row and column, probable duplicates), then import the same
    file, all of it or nothing."""
    if not may_review_duplicates(request.user, programme):
        raise PermissionDenied
    form = RegistrationFileForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["file"]
        if form.cleaned_data["confirm"]:
            try:
                households = services.registrations_import(
                    actor=request.user,
                    programme=programme,
                    content=content,
                    consent_purpose=form.cleaned_data["consent_purpose"],
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
            result = services.registrations_check(
                actor=request.user, programme=programme, content=content
            )
            form = RegistrationFileForm(
                initial={
                    "checked": digest_of(content),
                    "consent_purpose": form.cleaned_data["consent_purpose"],
                }
            )
    return render(
        request,
        "assistance/registration_import.html",
        {
            "programme": programme,
            "form": form,
            "result": result,
            "duplicates": [
                (a, b, score, reasons_text(reasons))
                for a, b, score, reasons in (result.duplicates if result else [])
            ],
            "columns": importing.COLUMNS,
        },
    )


@never_stored
@permission_required("assistance.view_cashprogramme", load=programme_for)
def duplicate_queue(request: AuthenticatedHttpRequest, programme: CashProgramme) -> HttpResponse:
    """The pairs to review, side by side; showing them is a reading of identifying details,
    logged once per page shown."""
    if not may_review_duplicates(request.user, programme):
        raise PermissionDenied
    if request.method == "POST":
        pairs = services.duplicates_find(actor=request.user, programme=programme)
        messages.success(
            request,
            _("%(count)d probable duplicates found.")
            % {"count": sum(p.decision == DuplicatePair.Decision.PENDING for p in pairs)},
        )
        return redirect("assistance:duplicates", slug=programme.slug)
    page = Paginator(selectors.pending_pairs(programme), 20).get_page(request.GET.get("page"))
    if page.object_list:
        log_access(request.user, programme, "Review of probable duplicates")
    rows = [
        {
            "pair": pair,
            "reasons": reasons_text(pair.reasons),
            "people": [pair.member_a, pair.member_b],
            "form": DecisionForm(prefix=f"p{pair.pk}"),
        }
        for pair in page
    ]
    return render(
        request,
        "assistance/duplicate_queue.html",
        {"programme": programme, "page": page, "rows": rows},
    )


@require_POST
@permission_required("assistance.view_cashprogramme", load=pair_for)
def duplicate_decide(request: AuthenticatedHttpRequest, pair: DuplicatePair) -> HttpResponse:
    if not may_review_duplicates(request.user, pair):
        raise PermissionDenied
    form = DecisionForm(request.POST, prefix=f"p{pair.pk}")
    if form.is_valid():
        try:
            services.duplicate_decide(
                actor=request.user, pair=pair, decision=form.cleaned_data["decision"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Decision recorded."))
    else:
        messages.error(request, _("Choose same person or different people."))
    return redirect("assistance:duplicates", slug=pair.programme.slug)
