"""The page for a form whose CSRF check failed (settings.CSRF_FAILURE_VIEW): it says what
happened in the person's language and, for a form sent from this site, offers to send it again.

A stale token is what people meet: a page left open past the token's life, or a sign-in in
another tab that rotated it. The form's fields go back into this page (never into the address
or a cookie) with a fresh token, so that one click sends them again. Only for a request that
comes from this site (its Origin, or Sec-Fetch-Site without one): echoing another site's
forged form with a valid token would let that site use the person's click to get through.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from migralocal.core.kept_posts import resendable_fields
from migralocal.core.no_store import mark_never_stored


def sent_from_this_site(request: HttpRequest) -> bool:
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        return request.META.get("HTTP_SEC_FETCH_SITE") == "same-origin"
    try:
        own = f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        return False
    return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    resendable = request.method == "POST" and not request.FILES and sent_from_this_site(request)
    response = render(
        request,
        "403_csrf.html",
        {
            "action": request.get_full_path(),
            "fields": resendable_fields(request) if resendable else [],
            "cookies_on": bool(request.COOKIES),
        },
        status=403,
    )
    # The page may hold what the person typed: no cache keeps it.
    return mark_never_stored(response)
