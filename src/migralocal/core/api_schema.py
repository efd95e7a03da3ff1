"""How the API describes itself (OpenAPI through drf-spectacular) and answers unknown addresses.

Apart from `api_framework` because drf-spectacular imports the viewsets machinery.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import page_not_found
from drf_spectacular.openapi import AutoSchema

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "An RFC 9457 problem: what went wrong, in the request's language.",
    "required": ["type", "status", "title"],
    "properties": {
        "type": {"type": "string"},
        "status": {"type": "integer"},
        "title": {"type": "string"},
        "detail": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": True},
    },
}


def document_problems(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular hook: every operation may answer a client error as a problem detail."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    problem = {
        "description": "A client error (bad input, no access, not found, too many requests).",
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        },
    }
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            operation.setdefault("responses", {}).setdefault("4XX", problem)
    return result


class RulesAutoSchema(AutoSchema):
    """Declare reads that anyone may make (the rule is `None`) as needing no authentication."""

    def get_auth(self) -> list[dict[str, list[str]]]:
        auth = super().get_auth()
        action = getattr(self.view, "action", None)
        mapping = getattr(self.view, "action_permissions", {})
        if action in mapping and mapping[action] is None and {} not in auth:
            auth.append({})
        return auth


def api_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """An API address that matches nothing still answers as a problem, not as a web page."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"type": "about:blank", "status": 404, "title": "Not Found"},
            status=404,
            content_type="application/problem+json",
        )
    return page_not_found(request, exception)
