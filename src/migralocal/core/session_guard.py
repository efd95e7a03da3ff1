"""Warn before a session ends, and let the person extend it (core/middleware.py ends sessions
after SESSION_IDLE_SECONDS without a request and SESSION_MAX_SECONDS after sign-in).

Every page of a signed-in person carries the seconds left (`session_times`) for the small
script static/js/session-guard.js, which warns WARN_SECONDS before the end and calls
`session_extend` when asked. A form sent after the end anyway is kept (core/kept_posts.py).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST

from migralocal.core.decorators import AuthenticatedHttpRequest, permission_required
from migralocal.core.middleware import LAST_SEEN_AT, LAST_SEEN_PRECISION, SIGNED_IN_AT

# Two minutes' notice; a shorter idle time (a test's) gets half of it.
WARN_SECONDS = 120


@dataclass(frozen=True)
class SessionTimes:
    idle_left: int  # before the idle timeout, counted from the last request the server noted
    max_left: int  # before the session's absolute end, which no activity pushes back
    idle_seconds: int  # what a request gives back, at worst
    warn_seconds: int

    def as_json(self) -> dict[str, int]:
        return {
            "idle_left": self.idle_left,
            "max_left": self.max_left,
            "idle_seconds": self.idle_seconds,
            "warn_seconds": self.warn_seconds,
        }


def session_times(request: HttpRequest) -> SessionTimes:
    """The seconds left of the signed-in person's session, as the idle timeout counts them.

    The timeout notes a request only once a minute (LAST_SEEN_PRECISION), so a request may
    give back that much less than the full idle time: the script counts on the worst case."""
    now = int(time.time())
    idle = settings.SESSION_IDLE_SECONDS
    session = request.session
    last_seen = int(session.get(LAST_SEEN_AT, now))
    signed_in = int(session.get(SIGNED_IN_AT, now))
    return SessionTimes(
        idle_left=max(0, idle - (now - last_seen)),
        max_left=max(0, settings.SESSION_MAX_SECONDS - (now - signed_in)),
        idle_seconds=max(0, idle - LAST_SEEN_PRECISION),
        warn_seconds=min(WARN_SECONDS, idle // 2),
    )


@require_POST
@permission_required("core.keep_own_session")
def session_extend(request: AuthenticatedHttpRequest) -> JsonResponse:
    """Count the person as active now, so the idle timeout starts again (the session's absolute
    end stays where it is). Once the session has ended, the answer is the redirect to sign in
    that every page gives: the script then says so."""
    request.session[LAST_SEEN_AT] = int(time.time())
    return JsonResponse(session_times(request).as_json())
