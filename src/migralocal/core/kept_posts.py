"""A form sent after the session ended is kept through the sign-in and offered to be sent again.

When a POST is turned away to the sign-in page because the session ended (or was ended in
another tab), its fields are kept and, once the same person has signed in again, the "form
kept" page offers to send them to where they were going, with a fresh CSRF token. The page the
form goes to checks and saves it as it would have: nothing is saved behind the person's back,
and a form with an error comes back filled in, with the error beside the field.

Why server-side, and encrypted: these forms carry personal data (a consultation may name the
person served). They are never put in the address (logs, history, the Referer header), in a
cookie, or in the browser's storage (sessionStorage is written to disk by some browsers and
readable by any script of the site). They go into the session, which is stored server-side,
encrypted with the platform's Fernet keys (core/crypto.py) like the identities of
consultations, and only for KEPT_SECONDS. They are given back only to the person who was
signed in when the form was filled in, in the same browser: the session remembers who was
signed out in it, and a form whose author is not known is not kept.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from migralocal.core import crypto
from migralocal.core.decorators import AuthenticatedHttpRequest, permission_required
from migralocal.core.no_store import never_stored

KEPT_POST = "kept_post"
SIGNED_OUT_USER = "signed_out_user"
# Long enough to find one's password or authenticator; short enough not to keep personal data.
KEPT_SECONDS = 60 * 60
# Fields never sent back: the stale token (a fresh one is given) and any password.
NOT_KEPT = ("csrfmiddlewaretoken",)


@dataclass(frozen=True)
class KeptPost:
    path: str
    fields: list[tuple[str, str]]


def resendable_fields(request: HttpRequest) -> list[tuple[str, str]]:
    """The form's fields as sent, in order, without the CSRF token or any password."""
    return [
        (name, value)
        for name, values in request.POST.lists()
        if name not in NOT_KEPT and "password" not in name.lower()
        for value in values
    ]


def keep_post(request: HttpRequest, user_pk: int) -> None:
    """Keep the POST's fields in the (server-side) session for `user_pk`'s next sign-in."""
    payload = json.dumps({"path": request.get_full_path(), "fields": resendable_fields(request)})
    request.session[KEPT_POST] = {
        "user": user_pk,
        "at": int(time.time()),
        "data": crypto.encrypt(payload),
    }


def kept_post_for(request: HttpRequest) -> KeptPost | None:
    """The form kept for the signed-in person, if there is one still fresh."""
    kept = request.session.get(KEPT_POST)
    if not kept or not request.user.is_authenticated or kept.get("user") != request.user.pk:
        return None
    if int(time.time()) - int(kept.get("at", 0)) > KEPT_SECONDS:
        del request.session[KEPT_POST]
        return None
    try:
        payload = json.loads(crypto.decrypt(kept["data"]))
    except (crypto.InvalidToken, KeyError, ValueError):
        del request.session[KEPT_POST]
        return None
    return KeptPost(path=payload["path"], fields=[tuple(pair) for pair in payload["fields"]])


def forget_kept_post(request: HttpRequest) -> None:
    request.session.pop(KEPT_POST, None)


def _sends_to_sign_in(response: HttpResponse) -> bool:
    if not isinstance(response, HttpResponseRedirect):
        return False
    return urlsplit(response["Location"]).path == resolve_url(settings.LOGIN_URL)


class KeepPostThroughSignInMiddleware:
    """Between authentication and the idle timeout (which may sign the person out on this very
    request): notes who was signed out, keeps a POST that is sent to sign in, and lets go of the
    kept form once it has been sent again."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        signed_in_as = request.user.pk if request.user.is_authenticated else None
        response = self.get_response(request)
        if request.user.is_authenticated:
            if request.method == "POST" and _is_kept_path(request):
                # Sent again: saved, or back with its errors and every field filled in.
                forget_kept_post(request)
            return response
        if signed_in_as is not None and not _is_account_page(request):
            # Signed out by the timeout, not by choice: their other tabs' forms are theirs.
            request.session[SIGNED_OUT_USER] = signed_in_as
        author = signed_in_as or request.session.get(SIGNED_OUT_USER)
        if (
            request.method == "POST"
            and author is not None
            and not request.FILES
            and not _is_account_page(request)
            and _sends_to_sign_in(response)
        ):
            keep_post(request, author)
            messages.info(request, _("What you typed was kept: sign in again to send it."))
            return redirect_to_login(reverse("core:kept_post"))
        return response


def _is_kept_path(request: HttpRequest) -> bool:
    if KEPT_POST not in request.session:
        return False
    kept = kept_post_for(request)
    return kept is not None and urlsplit(kept.path).path == request.path


def _is_account_page(request: HttpRequest) -> bool:
    """Signing in or out is never kept: only the forms of the platform's own pages are."""
    language_free = request.path.split("/", 2)[2] if request.path.count("/") >= 2 else ""
    return language_free.startswith("accounts/")


@never_stored
@require_http_methods(["GET", "POST"])
@permission_required("core.keep_own_session")
def kept_post(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The form kept while the person signed in again: send it now, or drop it."""
    kept = kept_post_for(request)
    if kept is None or not url_has_allowed_host_and_scheme(
        kept.path, allowed_hosts={request.get_host()}
    ):
        forget_kept_post(request)
        return redirect("core:landing")
    if request.method == "POST":
        # "Drop it": back to the page, empty.
        forget_kept_post(request)
        return redirect(kept.path)
    return render(request, "core/kept_post.html", {"action": kept.path, "fields": kept.fields})
