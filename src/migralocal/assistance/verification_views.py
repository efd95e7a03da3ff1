"""The payment verification pages: a cycle's sample and its rates, the draw of a sample, and
the result of one call. Thin views over verification_selectors and verification_services.

The cycle's page shows rates and references to whoever reads the programme's payments; the
heads' names and phones only to the operator's staff with two-factor authentication, and the
page is never stored by a cache."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from migralocal.assistance import verification_selectors, verification_services
from migralocal.assistance.models import PaymentCycle
from migralocal.assistance.payment_views import _errors_to, cycle_for
from migralocal.assistance.permissions import may, may_read_identity
from migralocal.assistance.verification import PaymentVerification
from migralocal.assistance.verification_forms import DrawForm, ResultForm
from migralocal.core.decorators import AuthenticatedHttpRequest, permission_required
from migralocal.core.exports import table_response
from migralocal.core.no_store import never_stored
from migralocal.core.services import log_access


def verification_for(request: HttpRequest, slug: str, pk: int) -> PaymentVerification:
    verification = verification_selectors.verification_by_id(slug, pk)
    if verification is None or not request.user.has_perm(
        "assistance.view_cashprogramme", verification.cycle.programme
    ):
        raise Http404
    return verification


def _head(verification: PaymentVerification) -> Any:
    return next((m for m in verification.household.members.all() if m.is_head), None)


@never_stored
@permission_required("assistance.view_payments", load=cycle_for)
def cycle_verification(request: AuthenticatedHttpRequest, cycle: PaymentCycle) -> HttpResponse:
    """The cycle's sampled households and its verification rates."""
    programme = cycle.programme
    names = may_read_identity(request.user, programme)
    sample = list(verification_selectors.sample_of_cycle(cycle))
    return render(
        request,
        "assistance/payments/verification.html",
        {
            "programme": programme,
            "cycle": cycle,
            "rates": verification_selectors.cycle_rates(cycle),
            "rows": [(one, _head(one) if names else None) for one in sample],
            "names": names,
            "may_draw": may(request.user, "assistance.draw_verification_samples", programme),
            "may_record": names and may(request.user, "assistance.record_verifications", programme),
        },
    )


@permission_required("assistance.view_payments", load=cycle_for)
def cycle_verification_export(
    request: AuthenticatedHttpRequest, cycle: PaymentCycle, file_format: str
) -> HttpResponse:
    """The cycle's verification table as CSV or XLSX, for whoever reads the page: household
    references and answers only, so no name or phone leaves in the file."""
    if file_format not in ("csv", "xlsx"):
        raise Http404
    headers = (
        _("Household reference"),
        _("Municipality"),
        _("Amount paid"),
        _("Currency"),
        _("Reached"),
        _("Received"),
        _("Amount received"),
        _("Satisfaction"),
        _("Contacted on"),
    )
    return table_response(
        f"{cycle.programme.slug}-verification-{cycle.number}",
        headers,
        verification_selectors.verification_table(cycle),
        file_format,
        sheet_title=str(_("Payment verification")),
    )


@permission_required("assistance.view_payments", load=cycle_for)
def verification_draw(request: AuthenticatedHttpRequest, cycle: PaymentCycle) -> HttpResponse:
    programme = cycle.programme
    if not may(request.user, "assistance.draw_verification_samples", programme):
        raise PermissionDenied
    form = DrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            draw = verification_services.verification_sample_draw(
                actor=request.user,
                cycle=cycle,
                size=form.cleaned_data["size"],
                share=form.cleaned_data["share"],
            )
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(
                request,
                _("%(count)d households were drawn to verify.")
                % {"count": draw.verifications.count()},
            )
            return redirect("assistance:verification", slug=programme.slug, pk=cycle.pk)
    return render(
        request,
        "assistance/payments/form.html",
        {
            "programme": programme,
            "form": form,
            "title": _("Draw households to verify in %(cycle)s") % {"cycle": cycle},
        },
    )


@never_stored
@permission_required("assistance.view_payments", load=verification_for)
def verification_record(
    request: AuthenticatedHttpRequest, verification: PaymentVerification
) -> HttpResponse:
    """One sampled household: the head's name and phone to call, and the result to record."""
    programme = verification.cycle.programme
    if not (
        may_read_identity(request.user, programme)
        and may(request.user, "assistance.record_verifications", programme)
    ):
        raise PermissionDenied
    initial = {
        "reached": verification.reached,
        "received": verification.received,
        "amount_received": verification.amount_received,
        "satisfaction": verification.satisfaction,
        "contacted_on": verification.contacted_on,
        "notes": verification.notes,
    }
    form = ResultForm(request.POST or None, initial=initial, currency=programme.currency)
    if request.method == "POST" and form.is_valid():
        try:
            verification_services.verification_record(
                actor=request.user,
                verification=verification,
                result=verification_services.VerificationResult(**form.cleaned_data),
            )
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("The result of the call was recorded."))
            return redirect(
                "assistance:verification", slug=programme.slug, pk=verification.cycle_id
            )
    else:
        log_access(request.user, verification.household, "Payment verification call")
    return render(
        request,
        "assistance/payments/verification_record.html",
        {
            "programme": programme,
            "verification": verification,
            "head": _head(verification),
            "form": form,
        },
    )
