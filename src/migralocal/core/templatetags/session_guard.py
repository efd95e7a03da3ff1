"""`{% session_guard %}`: the session-end warning of a signed-in person's page (base.html)."""

from __future__ import annotations

from typing import Any

from django import template

from migralocal.core.session_guard import session_times

register = template.Library()


@register.inclusion_tag("core/session_guard.html", takes_context=True)
def session_guard(context: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return {"shown": False}
    return {
        "shown": True,
        "times": session_times(request),
        "csrf_token": context.get("csrf_token"),
    }
