"""The pages that stand before the first authenticator set-up (core/two_factor_enrolment.py)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from migralocal.core import two_factor_enrolment as enrolment
from migralocal.core.decorators import AuthenticatedHttpRequest, permission_required
from migralocal.core.forms import EnrolmentCodeForm

SET_UP_PAGE = "mfa_activate_totp"


def _send_link(request: AuthenticatedHttpRequest) -> bool:
    return enrolment.send_link(request.user, site_url=request.build_absolute_uri("/"))


@permission_required("core.enrol_own_authenticator")
def two_factor_enrolment(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Explains that a link was sent to the account's e-mail address, and takes an admin's code."""
    user = request.user
    if not enrolment.needs_confirmation(user, request.session):
        return redirect(SET_UP_PAGE)
    form = EnrolmentCodeForm(request.POST if request.POST.get("action") == "code" else None)
    if request.method == "POST" and request.POST.get("action") == "resend":
        if _send_link(request):
            messages.success(request, _("A new link was sent to your e-mail address."))
        return redirect("core:two_factor_enrolment")
    if form.is_bound and form.is_valid():
        if enrolment.redeem_code(user, form.cleaned_data["code"], request.session):
            messages.success(request, _("The code is accepted. Set up your authenticator app now."))
            return redirect(SET_UP_PAGE)
        form.add_error(
            "code",
            _(
                "This code is not valid for your account: it may be mistyped, used already or "
                "expired. Ask the administrator for a new one."
            ),
        )
    if request.method == "GET" and not enrolment.link_sent_recently(user):
        _send_link(request)
    return render(
        request,
        "core/two_factor_enrolment.html",
        {"form": form, "email": enrolment.verified_email(user)},
    )


@permission_required("core.enrol_own_authenticator")
def two_factor_enrolment_confirm(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    """The e-mailed link. Opening it only shows a button: mail scanners that open links must not
    use it up; pressing the button, in the session signed in to the account, does."""
    if not enrolment.needs_confirmation(request.user, request.session):
        return redirect(SET_UP_PAGE)
    if request.method == "POST":
        if enrolment.redeem_link(request.user, token, request.session):
            messages.success(
                request,
                _("Your e-mail address is confirmed. Set up your authenticator app now."),
            )
            return redirect(SET_UP_PAGE)
        messages.error(
            request,
            _(
                "This link cannot be used: it has expired, was used already, or was sent for "
                "another account. Ask for a new one below."
            ),
        )
        return redirect("core:two_factor_enrolment")
    return render(request, "core/two_factor_enrolment_confirm.html")
