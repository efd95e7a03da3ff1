"""`{% programme_calls programme as calls %}`: the calls a programme's page lists, with whether
the visitor may open a new one, so that the programmes app needs no view of its own for them."""

from __future__ import annotations

from typing import Any

from django import template

from migralocal.calls import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def programme_calls(context: dict[str, Any], programme: Any) -> dict[str, Any]:
    user = context["request"].user
    calls = list(selectors.calls_of(programme))
    return {
        "calls": [(call, call.is_open()) for call in calls],
        "may_open": user.has_perm("calls.open_call", programme),
    }
