"""Pages of following by e-mail: the form, the confirmation link, the stop link (with one-click
POST for mail programs, RFC 8058), and a signed-in person's list of follows."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from migralocal.core import follow_services
from migralocal.core.decorators import AuthenticatedHttpRequest, permission_required
from migralocal.core.follow_forms import FollowForm
from migralocal.core.following import target
from migralocal.core.no_store import never_stored
from migralocal.core.rate_limits import client_address, within_rate_limit

FOLLOWS_PER_HOUR_BY_ADDRESS = getattr(settings, "FOLLOW_REQUESTS_PER_HOUR", 10)
FOLLOWS_PER_HOUR_BY_EMAIL = 3


def _site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


@never_stored  # a signed-in person's address is filled in
def follow(request: HttpRequest) -> HttpResponse:
    """Ask to follow something. GET shows the form for what the query names; POST sends the
    confirmation link (only)."""
    data = request.POST if request.method == "POST" else None
    initial = {"kind": request.GET.get("kind", ""), "key": request.GET.get("key", "")}
    if request.user.is_authenticated:
        initial["email"] = request.user.email
    form = FollowForm(data, initial=initial)
    kind = (data or initial).get("kind", "")
    found = target(str(kind))
    key = found.normalise(str((data or initial).get("key", ""))) if found else None
    what = found.describe(key) if found and key is not None else None
    status = 200
    if request.method == "POST" and form.is_valid():
        if what is None:
            form.add_error(None, _("This cannot be followed."))
        elif not within_rate_limit(
            "follow", client_address(request), limit=FOLLOWS_PER_HOUR_BY_ADDRESS
        ) or not within_rate_limit(
            "follow-email", form.cleaned_data["email"], limit=FOLLOWS_PER_HOUR_BY_EMAIL
        ):
            form.add_error(None, _("Too many requests. Please try again later."))
            status = 429
        else:
            try:
                follow_services.follow_request(
                    email=form.cleaned_data["email"],
                    kind=form.cleaned_data["kind"],
                    key=form.cleaned_data["key"],
                    language=form.cleaned_data["language"],
                    actor=request.user,
                    site_url=_site_url(request),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("core:follow_sent")
    if request.method == "POST" and form.errors and status == 200:
        status = 400
    if what is None and not form.errors:
        status = 404
    return render(
        request, "core/following/follow.html", {"form": form, "what": what}, status=status
    )


def follow_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "core/following/sent.html")


def follow_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows one button, so that mail scanners that open every link confirm nothing; the
    person's click (POST) confirms."""
    if request.method != "POST":
        if not follow_services.confirm_link_is_valid(token):
            return render(request, "core/following/link_invalid.html", status=400)
        return render(request, "core/following/confirm.html")
    try:
        followed = follow_services.follow_confirm(token=token)
    except ValidationError:
        return render(request, "core/following/link_invalid.html", status=400)
    what = follow_services.described(followed)
    return render(request, "core/following/confirmed.html", {"what": what})


@csrf_exempt  # RFC 8058: a mail program stops the follow by a POST with no cookie or token
def follow_stop(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows one button (link checkers that open every link must not stop a follow); POST,
    from that button or from a mail program, stops it."""
    if request.method == "POST":
        try:
            stopped = follow_services.follow_stop_by_token(token=token)
        except ValidationError:
            return render(request, "core/following/link_invalid.html", status=400)
        return render(request, "core/following/stopped.html", {"stopped": stopped})
    if not follow_services.stop_link_is_signed(token):
        return render(request, "core/following/link_invalid.html", status=400)
    return render(request, "core/following/stop.html")


@never_stored
@permission_required("core.view_landing")
def my_follows(request: AuthenticatedHttpRequest) -> HttpResponse:
    follows = [
        (item, follow_services.described(item))
        for item in follow_services.follows_of(request.user).order_by("-created_at")
    ]
    return render(request, "core/following/my_follows.html", {"follows": follows})


@require_POST
@permission_required("core.view_landing")
def my_follow_stop(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(follow_services.follows_of(request.user), pk=pk)
    follow_services.follow_stop(follow=item, user=request.user)
    messages.success(request, _("You no longer follow this."))
    return redirect("core:my_follows")
