"""Every URL pattern of the site and the API, found by walking the resolver, and how an answer
to a request is read: allowed, sent to sign in, or refused."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.http import HttpResponseBase
from django.urls import URLPattern, URLResolver, get_resolver

ALLOWED = "allowed"
SIGN_IN = "sign-in redirect"
REFUSED = "refused (403/404)"
SERVER_ERROR = "server error"
NOT_ALLOWED_METHOD = "method not allowed (405)"

LOGIN_PATHS = ("/accounts/login/", "/admin/login/")


@dataclass(frozen=True)
class Pattern:
    """One URL pattern: its name as `reverse()` takes it, where it sits and what it needs."""

    name: str
    route: str
    params: tuple[str, ...]
    positional: int = 0  # unnamed regex groups (the admin's translation pages)
    is_named: bool = True  # unnamed patterns go by their route and cannot be reversed

    @property
    def namespace(self) -> str:
        return self.name.split(":", 1)[0] if ":" in self.name else ""

    def placeholder_url(self, value: str) -> str:
        """The address of an unnamed pattern, each parameter filled with `value`."""
        url = re.sub(r"\(\?P<\w+>[^)]*\)", value, self.route)
        url = re.sub(r"<[^>]+>", value, url)
        return url.replace("^", "").replace("$", "")

    @property
    def test_id(self) -> str:
        suffix = "[format]" if "format" in self.params else ""
        return f"{self.name}{suffix}"


def _walk(resolver: URLResolver, namespaces: tuple[str, ...], prefix: str) -> list[Pattern]:
    found = []
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
            found.extend(_walk(entry, inner, route))
        elif isinstance(entry, URLPattern):
            # Unnamed patterns (the favicon, the admin's old-style redirects) go by their route.
            name = ":".join((*namespaces, entry.name or route))
            regex = entry.pattern.regex
            params = tuple(regex.groupindex)
            found.append(
                Pattern(
                    name=name,
                    route=route,
                    params=params,
                    positional=regex.groups - len(params),
                    is_named=bool(entry.name),
                )
            )
    return found


def all_patterns() -> list[Pattern]:
    """Every pattern once (the DRF router's `.json` variants count as their own pattern)."""
    unique: dict[tuple[str, tuple[str, ...]], Pattern] = {}
    for pattern in _walk(get_resolver(), (), "/"):
        unique.setdefault((pattern.name, pattern.params), pattern)
    return list(unique.values())


def answer_kind(response: HttpResponseBase) -> str:
    """Read an answer: 2xx and 4xx form errors mean the request got through; a redirect to a
    sign-in page means sign in; 401/403/404 mean refused."""
    status = response.status_code
    if status >= 500:
        return SERVER_ERROR
    if status in {301, 302, 303, 307, 308}:
        location = response.get("Location", "")
        return SIGN_IN if any(path in location for path in LOGIN_PATHS) else ALLOWED
    if status in {401, 403, 404}:
        return REFUSED
    if status == 405:
        return NOT_ALLOWED_METHOD
    return ALLOWED
