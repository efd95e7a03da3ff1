"""Every page declares who may open it: a view reached from an address is either public by
design (listed below) or wrapped by `permission_required` (core/decorators.py), so a new page
cannot go without its check. Who gets through each one is the access matrix's to prove
(tests/security/access/)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern

from migralocal.core.decorators import declared_access

# Pages anyone may open, whatever they ask for: what they show is public (suppressed figures,
# published records), or the address itself is the key (a confirmation or edit link).
PUBLIC = {
    "favicon.ico",
    "service_worker",  # the offline site's script and manifest: the same for everyone
    "manifest",
    "set_language",
    "core:home",
    "core:organisation_list",
    "core:demo_mail",  # the demo's e-mails, under DEBUG only
    "directory:search",
    "directory:pathway_list",
    "directory:pathway_detail",
    "learning:catalogue",
    "learning:certificate_verify",
    "learning:event_list",
    "learning:community",
    "assessments:verify",
    "assessments:certified_list",
    "assessments:public_summary",
    "commitments:list",
    "commitments:feed",
    "commitments:export_csv",
    "commitments:export_xlsx",
    "commitments:submit",
    "commitments:thanks",
    "commitments:confirm",
    "commitments:edit_with_link",
    "reports:public",
    "programmes:list",  # public programmes, and private ones only to their managers
    "calls:list",  # the calls of the programmes the visitor may see
    "assistance:template",  # the registration file's columns and two made-up rows
    "assistance:grievance_public",  # anyone raises a grievance (rate-limited, a honeypot)
    "assistance:grievance_status",  # by reference and secret: status and response only
    # Following by e-mail (core/following.py): the form (rate-limited) and the signed links.
    "core:follow",
    "core:follow_sent",
    "core:follow_confirm",
    "core:follow_stop",
    "learning:event_series",  # a public series and its public events
}

# Guarded by their own machinery: the admin site, the API's permission classes
# (core/api_framework.py), and allauth's account pages (the visitor's own).
GUARDED_ELSEWHERE = ("admin/", "api/v1/", "accounts/")


def pages(
    resolver: URLResolver | None = None, namespace: str = "", route: str = ""
) -> Iterator[tuple[str, str, Callable[..., Any]]]:
    """Each address pattern of the site: its name (or route, unnamed), route and view."""
    for entry in (resolver or get_resolver()).url_patterns:
        here = (
            route if isinstance(entry.pattern, LocalePrefixPattern) else route + str(entry.pattern)
        )
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from pages(entry, inner, here)
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}{entry.name}" if entry.name else here), here, entry.callback


def site_pages() -> list[tuple[str, Callable[..., Any]]]:
    return [
        (name, view) for name, route, view in pages() if not route.startswith(GUARDED_ELSEWHERE)
    ]


def test_every_page_is_public_by_design_or_declares_its_permission() -> None:
    undeclared = sorted(
        name for name, view in site_pages() if name not in PUBLIC and declared_access(view) is None
    )
    assert not undeclared, (
        "These pages neither declare a permission with @permission_required "
        "(migralocal.core.decorators) nor are listed as public by design in this test: "
        + ", ".join(undeclared)
    )


def test_the_public_list_names_only_public_pages() -> None:
    found = dict(site_pages())
    missing = sorted(PUBLIC - set(found))
    assert not missing, f"No such pages: {missing}"
    guarded = sorted(name for name in PUBLIC if declared_access(found[name]) is not None)
    assert not guarded, f"Listed as public but declaring a permission: {guarded}"
