"""Request-wide safety: sessions that expire, two-factor before personal data, and a busy
database that answers "try again shortly" rather than an error."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from migralocal.core.two_factor import two_factor_missing
from migralocal.core.two_factor_enrolment import needs_confirmation

SIGNED_IN_AT = "signed_in_at"
LAST_SEEN_AT = "last_seen_at"
# Writing the session on every request would cost a write per page; a minute's precision is
# plenty for a timeout counted in tens of minutes.
LAST_SEEN_PRECISION = 60
TWO_FACTOR_NEXT = "two_factor_next"


class SessionIdleTimeoutMiddleware:
    """Sign a person out after SESSION_IDLE_SECONDS without a request, and SESSION_MAX_SECONDS
    after they signed in, whatever they did since (NIST 800-63B, AAL2)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and self._expired(request):
            logout(request)
            messages.info(request, _("You were signed out after a period without activity."))
        return self.get_response(request)

    def _expired(self, request: HttpRequest) -> bool:
        session = request.session
        now = int(time.time())
        signed_in_at = session.setdefault(SIGNED_IN_AT, now)
        last_seen_at = session.get(LAST_SEEN_AT, now)
        if now - last_seen_at > settings.SESSION_IDLE_SECONDS:
            return True
        if now - signed_in_at > settings.SESSION_MAX_SECONDS:
            return True
        if now - last_seen_at >= LAST_SEEN_PRECISION or LAST_SEEN_AT not in session:
            session[LAST_SEEN_AT] = now
        return False


def _lets_through(path: str) -> bool:
    """Account pages (sign-out, two-factor set-up, e-mail, password), the language switch and
    static files stay open; the API answers for itself through its permission class."""
    language_free = path.split("/", 2)[2] if path.count("/") >= 2 else ""
    open_prefixes = ("accounts/",)
    if any(language_free.startswith(prefix) for prefix in open_prefixes):
        return True
    return path.startswith(
        (
            "/i18n/",
            "/api/",
            "/favicon.ico",
            f"/{settings.STATIC_URL.lstrip('/')}",
            f"/{settings.MEDIA_URL.lstrip('/')}",
        )
    )


class TwoFactorRequiredMiddleware:
    """Send a person whose role reaches personal data to the authenticator set-up page, with an
    explanation, until they have set it up; then back to where they were going."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _lets_through(request.path) and two_factor_missing(request.user):
            return self._send_to_setup(request)
        if self._set_up_unconfirmed(request):
            return HttpResponseRedirect(reverse("core:two_factor_enrolment"))
        return self.get_response(request)

    def _set_up_unconfirmed(self, request: HttpRequest) -> bool:
        """allauth's set-up page, before the e-mailed link or an admin's code allowed a first
        authenticator (core/two_factor_enrolment.py)."""
        return (
            request.user.is_authenticated
            and request.path == reverse("mfa_activate_totp")
            and needs_confirmation(request.user, request.session)
        )

    def _send_to_setup(self, request: HttpRequest) -> HttpResponse:
        if request.method == "GET":
            request.session[TWO_FACTOR_NEXT] = request.get_full_path()
        messages.warning(
            request,
            _(
                "Your role lets you see personal data of the people served through this "
                "platform, so your account needs two-factor authentication. Add this account "
                "to an authenticator app on your phone and enter the code it shows; you will "
                "then be able to go on."
            ),
        )
        return HttpResponseRedirect(reverse("mfa_activate_totp"))


# What SQLite says when another process held the write lock for longer than the busy timeout.
DATABASE_BUSY_MESSAGES = ("database is locked", "database table is locked")
DATABASE_BUSY_RETRY_SECONDS = 5


def is_database_busy(exception: Exception) -> bool:
    return isinstance(exception, OperationalError) and any(
        message in str(exception) for message in DATABASE_BUSY_MESSAGES
    )


class DatabaseBusyMiddleware:
    """A write that could not get the database's lock in time changed nothing (its transaction
    was rolled back): answer 503 with Retry-After, as a page or as API problem details, so that
    people and clients send it again, instead of a server error."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_busy(exception):
            return None
        detail = _(
            "The database is busy with other changes. Nothing was saved: try again in a moment."
        )
        response: HttpResponse
        if request.path.startswith("/api/"):
            response = JsonResponse(
                {
                    "type": "about:blank",
                    "status": 503,
                    "title": "Service Unavailable",
                    "detail": detail,
                },
                status=503,
                content_type="application/problem+json",
            )
        else:
            response = HttpResponse(
                render_to_string("503.html", {"detail": detail}, request=request), status=503
            )
        response["Retry-After"] = str(DATABASE_BUSY_RETRY_SECONDS)
        return response
