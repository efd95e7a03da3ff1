"""The targeting and payment pages: thin views over payment_selectors and payment_services.

Scores, ranks, references and totals carry no names: the operator's assistance staff and
platform admins read them. Approving and paying are the operator's decisions, checked with the
rule itself (`may`); the payment list with names goes only to its finance officers with
two-factor authentication, each export logged and never stored by a cache."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from migralocal.assistance import payment_selectors, payment_services
from migralocal.assistance.loaders import programme_for
from migralocal.assistance.models import CashProgramme, Household, PaymentCycle, PaymentList
from migralocal.assistance.payment_forms import (
    ApprovalForm,
    CycleForm,
    PaymentListForm,
    ProviderForm,
    ReportForm,
)
from migralocal.assistance.permissions import may, may_export_payments
from migralocal.core.decorators import AuthenticatedHttpRequest, permission_required
from migralocal.core.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from migralocal.core.no_store import never_stored

FORMATS = {"csv": CSV_CONTENT_TYPE, "xlsx": XLSX_CONTENT_TYPE}
PAYMENTS_PER_PAGE = 50


def payment_list_for(request: HttpRequest, slug: str, pk: int) -> PaymentList:
    payment_list = payment_selectors.payment_list_by_id(slug, pk)
    if payment_list is None or not request.user.has_perm(
        "assistance.view_cashprogramme", payment_list.cycle.programme
    ):
        raise Http404
    return payment_list


def cycle_for(request: HttpRequest, slug: str, pk: int) -> PaymentCycle:
    cycle = (
        PaymentCycle.objects.select_related("programme__operator")
        .filter(programme__slug=slug, pk=pk)
        .first()
    )
    if cycle is None or not request.user.has_perm("assistance.view_cashprogramme", cycle.programme):
        raise Http404
    return cycle


def _errors_to(form: Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _require(request: AuthenticatedHttpRequest, permission: str, obj: object) -> None:
    if not may(request.user, permission, obj):
        raise PermissionDenied


# Targeting ----------------------------------------------------------------------------------


@permission_required("assistance.view_targeting", load=programme_for)
def targeting(request: AuthenticatedHttpRequest, programme: CashProgramme) -> HttpResponse:
    """The ranked list within the budget, with each household's score and reasons."""
    user = request.user
    return render(
        request,
        "assistance/payments/targeting.html",
        {
            "programme": programme,
            "rows": payment_services.ranked_households(programme),
            "not_eligible": Household.objects.filter(
                programme=programme, status=Household.Status.NOT_ELIGIBLE
            ).count(),
            "to_assess": Household.objects.filter(
                programme=programme, status=Household.Status.REGISTERED
            ).count(),
            "may_assess": may(user, "assistance.assess_households", programme),
            "may_approve": may(user, "assistance.approve_households", programme),
        },
    )


@require_POST
@permission_required("assistance.view_targeting", load=programme_for)
def targeting_assess(request: AuthenticatedHttpRequest, programme: CashProgramme) -> HttpResponse:
    _require(request, "assistance.assess_households", programme)
    count = payment_services.households_assess(actor=request.user, programme=programme)
    messages.success(request, _("%(count)d households were assessed.") % {"count": count})
    return redirect("assistance:targeting", slug=programme.slug)


@require_POST
@permission_required("assistance.view_targeting", load=programme_for)
def targeting_approve(request: AuthenticatedHttpRequest, programme: CashProgramme) -> HttpResponse:
    _require(request, "assistance.approve_households", programme)
    form = ApprovalForm(request.POST, programme=programme)
    if not form.is_valid():
        messages.error(request, _("Choose eligible households to approve."))
    else:
        try:
            count = payment_services.households_approve(
                actor=request.user, programme=programme, households=form.cleaned_data["households"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("%(count)d households were approved.") % {"count": count})
    return redirect("assistance:targeting", slug=programme.slug)


@require_POST
@permission_required("assistance.view_targeting", load=programme_for)
def targeting_enrol(request: AuthenticatedHttpRequest, programme: CashProgramme) -> HttpResponse:
    _require(request, "assistance.approve_households", programme)
    count = payment_services.households_enrol(actor=request.user, programme=programme)
    messages.success(request, _("%(count)d households were enrolled.") % {"count": count})
    return redirect("assistance:targeting", slug=programme.slug)


# Payments -----------------------------------------------------------------------------------


@permission_required("assistance.view_payments", load=programme_for)
def payments(request: AuthenticatedHttpRequest, programme: CashProgramme) -> HttpResponse:
    """Providers, cycles and their lists, and the totals per cycle, provider and municipality."""
    return render(
        request,
        "assistance/payments/overview.html",
        {
            "programme": programme,
            "providers": payment_selectors.providers_of(programme),
            "cycles": payment_selectors.cycles_of(programme),
            "totals": payment_selectors.payment_totals(programme),
            "may_manage": may(request.user, "assistance.manage_payments", programme),
        },
    )


@permission_required("assistance.view_payments", load=programme_for)
def provider_create(request: AuthenticatedHttpRequest, programme: CashProgramme) -> HttpResponse:
    _require(request, "assistance.manage_payments", programme)
    form = ProviderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            payment_services.provider_create(
                actor=request.user, programme=programme, **form.cleaned_data
            )
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("The provider was added."))
            return redirect("assistance:payments", slug=programme.slug)
    return render(
        request,
        "assistance/payments/form.html",
        {"programme": programme, "form": form, "title": _("Add a financial service provider")},
    )


@permission_required("assistance.view_payments", load=programme_for)
def cycle_create(request: AuthenticatedHttpRequest, programme: CashProgramme) -> HttpResponse:
    _require(request, "assistance.manage_payments", programme)
    form = CycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            payment_services.cycle_create(
                actor=request.user, programme=programme, **form.cleaned_data
            )
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("The cycle was added."))
            return redirect("assistance:payments", slug=programme.slug)
    return render(
        request,
        "assistance/payments/form.html",
        {"programme": programme, "form": form, "title": _("Add a payment cycle")},
    )


@permission_required("assistance.view_payments", load=cycle_for)
def payment_list_create(request: AuthenticatedHttpRequest, cycle: PaymentCycle) -> HttpResponse:
    programme = cycle.programme
    _require(request, "assistance.manage_payments", programme)
    form = PaymentListForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            payment_list = payment_services.payment_list_create(
                actor=request.user,
                cycle=cycle,
                provider=form.cleaned_data["provider"],
                municipalities=form.cleaned_data["municipalities"],
            )
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("The payment list was made."))
            return redirect("assistance:payment_list", slug=programme.slug, pk=payment_list.pk)
    return render(
        request,
        "assistance/payments/form.html",
        {
            "programme": programme,
            "form": form,
            "title": _("Make a payment list for %(cycle)s") % {"cycle": cycle},
        },
    )


def _list_page(
    request: AuthenticatedHttpRequest, payment_list: PaymentList, form: ReportForm
) -> HttpResponse:
    programme = payment_list.cycle.programme
    return render(
        request,
        "assistance/payments/list.html",
        {
            "programme": programme,
            "payment_list": payment_list,
            "page": Paginator(
                payment_selectors.payments_of(payment_list), PAYMENTS_PER_PAGE
            ).get_page(request.GET.get("page")),
            "totals": payment_selectors.payment_list_totals(payment_list),
            "form": form,
            "may_manage": may(request.user, "assistance.manage_payments", programme),
            "may_export": may_export_payments(request.user, payment_list),
        },
    )


@permission_required("assistance.view_payments", load=payment_list_for)
def payment_list(request: AuthenticatedHttpRequest, payment_list: PaymentList) -> HttpResponse:
    """The list's payments by reference, amount and status, a page at a time under the whole
    list's totals, and the report's upload."""
    return _list_page(request, payment_list, ReportForm())


@require_POST
@permission_required("assistance.view_payments", load=payment_list_for)
def payment_list_reconcile(
    request: AuthenticatedHttpRequest, payment_list: PaymentList
) -> HttpResponse:
    """The provider's report read back: all its rows, or none with every problem shown."""
    _require(request, "assistance.manage_payments", payment_list)
    form = ReportForm(request.POST, request.FILES)
    if form.is_valid():
        content, filename = form.cleaned_data["report"]
        try:
            count = payment_services.payment_list_reconcile(
                actor=request.user, payment_list=payment_list, content=content, filename=filename
            )
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("%(count)d payments were reconciled.") % {"count": count})
            return redirect(
                "assistance:payment_list",
                slug=payment_list.cycle.programme.slug,
                pk=payment_list.pk,
            )
    return _list_page(request, payment_list, form)


@never_stored
@permission_required("assistance.view_payments", load=payment_list_for)
def payment_list_export(
    request: AuthenticatedHttpRequest, payment_list: PaymentList, file_format: str
) -> HttpResponse:
    """The list for the provider, in its columns, with the heads' names (logged)."""
    if file_format not in FORMATS:
        raise Http404
    if not may_export_payments(request.user, payment_list):
        raise PermissionDenied
    content = payment_services.payment_list_export(
        actor=request.user, payment_list=payment_list, file_format=file_format
    )
    response = HttpResponse(content, content_type=FORMATS[file_format])
    name = f"{payment_list.cycle.programme.slug}-{payment_list.cycle.number}-{payment_list.pk}"
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response
