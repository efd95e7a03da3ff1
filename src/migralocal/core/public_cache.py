"""Public pages and figures kept in the shared cache, invalidated when the data behind them changes.

One small mechanism for every module. Each module's public data has a *version* in the cache (a
random token); every cached page or figure is stored with the versions of the modules it shows,
and is used only while they are still current. Saving or deleting a row of a module (or of
`core`, which every page shows: organisations, places, taxonomies) gives those modules a new
version, so every process stops using the old entries at once; each is replaced the next time
it is rendered, or expires by itself (`PUBLIC_CACHE_SECONDS`). An entry and the versions it
needs are read in one round trip to the cache.

Pages are cached for visitors who are not signed in (`public_page`), and for signed-in readers
only where a page shows nothing of them but their name (`role_page`): then it is shared by every
reader with the same roles (the same organisations and roles in them, the same programme
countries, the same administrator rights), whose menus, rights and links are the same; their name
is put back on the way out, and a page that shows the reader anywhere else is not stored. Every
other signed-in page is rendered afresh. The CSRF token of cached forms (the language switcher,
the sign-out button) is replaced by the reader's own on the way out.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.template.response import SimpleTemplateResponse
from django.utils.html import escape
from django.utils.translation import get_language

from migralocal.core.models import User
from migralocal.core.selectors import user_role_set

T = TypeVar("T")
View = Callable[..., HttpResponse]

# What each cached section shows, by app label: a change in any of them invalidates the section.
SECTION_SOURCES: dict[str, frozenset[str]] = {
    "core": frozenset({"core"}),
    "directory": frozenset({"core", "directory"}),
    "commitments": frozenset({"core", "commitments"}),
    "assessments": frozenset({"core", "assessments"}),
    "learning": frozenset({"core", "learning"}),
    "consultations": frozenset({"core", "directory", "consultations"}),
    # The programme's public figures count rows of every module; a report of one programme counts
    # what belongs to it, and lists only the programmes the reader may see.
    "reports": frozenset(
        {
            "core",
            "directory",
            "consultations",
            "assessments",
            "learning",
            "commitments",
            "programmes",
            "advisory",
            "assistance",
        }
    ),
    # A programme's results: its framework, and the reports' figures of what belongs to it.
    "programmes": frozenset(
        {
            "core",
            "directory",
            "consultations",
            "assessments",
            "learning",
            "commitments",
            "programmes",
            "advisory",
            "assistance",
        }
    ),
}
# Rows that change often and that no public page or figure shows.
IGNORED_MODELS = frozenset({"core.accesslog", "core.follow", "consultations.identityrecord"})
# Saves of a user that touch only these fields (every sign-in) change nothing public.
IGNORED_USER_FIELDS = frozenset({"last_login", "password"})

CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
# Where base.html names the signed-in reader; in a stored page it holds this placeholder.
SIGNED_IN_AS = re.compile(rb'(<span class="signed-in-as">)[^<]*(</span>)')
READER_PLACEHOLDER = b"\x00reader\x00"
MESSAGES_COOKIE = "messages"


def _version_key(section: str) -> str:
    return f"public:version:{section}"


def _section_names(sections: Iterable[str]) -> list[str]:
    names = sorted(set(sections))
    unknown = set(names) - SECTION_SOURCES.keys()
    if unknown:
        raise ValueError(f"Unknown public cache sections: {sorted(unknown)}")
    return names


def _versions_in(found: dict[str, Any], names: list[str]) -> str:
    versions = []
    for name in names:
        version = found.get(_version_key(name))
        if version is None:
            # First use, or evicted: a fresh random token never matches an old entry.
            cache.add(_version_key(name), uuid.uuid4().hex, timeout=None)
            version = cache.get(_version_key(name))
        versions.append(f"{name}={version}")
    return ",".join(versions)


def section_versions(sections: Iterable[str]) -> str:
    """The current versions of `sections`, as one string."""
    names = _section_names(sections)
    return _versions_in(cache.get_many([_version_key(name) for name in names]), names)


def _current_entry(key: str, sections: Iterable[str]) -> tuple[Any, str]:
    """The entry stored at `key` if the data it shows has not changed since (else None), and the
    current versions to store a new one with."""
    names = _section_names(sections)
    found = cache.get_many([key, *(_version_key(name) for name in names)])
    versions = _versions_in(found, names)
    entry = found.get(key)
    if entry is None or entry["versions"] != versions:
        return None, versions
    return entry, versions


def sections_changed_by(app_label: str) -> list[str]:
    return [name for name, sources in SECTION_SOURCES.items() if app_label in sources]


def bump_sections(sections: Iterable[str]) -> None:
    """Give `sections` new versions: every process stops serving their cached entries."""
    cache.set_many({_version_key(name): uuid.uuid4().hex for name in sections}, timeout=None)


def public_cache_timeout() -> int:
    return int(getattr(settings, "PUBLIC_CACHE_SECONDS", 300))


def cached_figure(sections: Iterable[str], name: str, compute: Callable[[], T]) -> T:
    """The value of `compute()`, shared by every process until the data of `sections` changes.
    For figures that are the same for everyone who may see them (never personal data)."""
    key = f"public:figure:{get_language()}:{name}"
    entry, versions = _current_entry(key, sections)
    if entry is None:
        entry = {"versions": versions, "value": compute()}
        cache.set(key, entry, public_cache_timeout())
    return entry["value"]


def cached_html(
    sections: Iterable[str],
    name: str,
    template_name: str,
    context: Callable[[], dict[str, Any]],
) -> str:
    """A part of a page, rendered once and shared like a figure, for a part that is the same for
    every reader who may see it (the rest of the page, their menu and rights, stays theirs)."""
    return cached_figure(
        sections, f"html:{name}", lambda: render_to_string(template_name, context())
    )


# Pages ---------------------------------------------------------------------------------------


def _has_pending_messages(request: HttpRequest) -> bool:
    if MESSAGES_COOKIE in request.COOKIES:
        return True
    session = getattr(request, "session", None)
    return bool(
        settings.SESSION_COOKIE_NAME in request.COOKIES and session and session.get("_messages")
    )


def _serves_cached(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return (
        request.method == "GET"
        and not (user is not None and user.is_authenticated)
        and not _has_pending_messages(request)
    )


def _page_key(request: HttpRequest, variant: str) -> str:
    query = sorted(request.GET.lists())
    address = f"{request.get_host()}{request.path}?{query}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"public:page:{get_language()}:{variant}:{digest}"


def _storable(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
    )


def _store(key: str, versions: str, response: HttpResponse, content: bytes) -> None:
    stored = {
        "versions": versions,
        "content": content,
        "status": response.status_code,
        "headers": list(response.headers.items()),
    }
    cache.set(key, stored, public_cache_timeout())


def _replay(stored: dict[str, Any], request: HttpRequest) -> HttpResponse:
    content = stored["content"]
    tokens: list[bytes] = []  # the reader's token, made only if the page has a form

    def reader_token(match: re.Match[bytes]) -> bytes:
        tokens[:] = tokens or [get_token(request).encode()]
        return match[1] + tokens[0] + match[2]

    content = CSRF_INPUT.sub(reader_token, content)
    if READER_PLACEHOLDER in content:
        name = escape(request.user.display_name).encode()  # type: ignore[union-attr]
        content = content.replace(READER_PLACEHOLDER, name)
    response = HttpResponse(content, status=stored["status"])
    for header, value in stored["headers"]:
        response[header] = value
    return response


def serve_public(
    request: HttpRequest,
    sections: Iterable[str],
    respond: Callable[[], HttpResponse],
    *,
    variant: str = "html",
    shared_content: Callable[[HttpResponse], bytes | None] = lambda response: response.content,
) -> HttpResponse:
    """The response stored for this address and language while the data of `sections` is
    unchanged; otherwise `respond()`, stored for the next reader. The caller decides who may be
    served a stored response; `shared_content` gives what of a response may be stored for others
    (None: nothing). `variant` tells apart responses of one address in several formats, or for
    readers with different roles."""
    key = _page_key(request, variant)
    stored, versions = _current_entry(key, sections)
    if stored is not None:
        return _replay(stored, request)
    response = respond()

    def store(rendered: HttpResponse) -> None:
        if _storable(rendered) and (content := shared_content(rendered)) is not None:
            _store(key, versions, rendered, content)

    if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
        # The API's responses are rendered after the view returns.
        response.add_post_render_callback(store)
    else:
        store(response)
    return response


def public_page(
    *sections: str, unless: Callable[[HttpRequest], bool] | None = None
) -> Callable[[View], View]:
    """Serve the view's page from the shared cache to visitors who are not signed in, per
    language, address and query string, until the data of `sections` changes. `unless(request)`
    true means: render this one afresh (a time-dependent filter, a visitor's position)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def cached_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not _serves_cached(request) or (unless is not None and unless(request)):
                return view(request, *args, **kwargs)
            return serve_public(request, sections, lambda: view(request, *args, **kwargs))

        return cached_view

    return decorator


# Pages that show the reader nothing but their name -------------------------------------------


def role_signature(user: User) -> str:
    """What decides a signed-in reader's menu, rights and links: their roles in each
    organisation, their programme roles' countries, and whether they administer the platform.
    Readers with the same signature are shown the same page."""
    roles = user_role_set(user)
    parts = [
        f"admin={user.is_superuser},{user.is_staff}",
        *(
            f"organisation {organisation}=" + ",".join(sorted(held))
            for organisation, held in sorted(roles.organisation_roles.items())
        ),
        *(
            f"programme {role}=" + ",".join(str(country) for country in sorted(countries))
            for role, countries in sorted(roles.programme_countries.items())
        ),
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def _without_reader(response: HttpResponse, user: User) -> bytes | None:
    """The page with a placeholder where base.html names the reader; None (not to be shared)
    where it shows their name or e-mail address anywhere else."""
    content = SIGNED_IN_AS.sub(
        lambda match: match[1] + READER_PLACEHOLDER + match[2], response.content
    )
    personal = {user.display_name, user.email} - {""}
    if any(escape(text).encode() in content for text in personal):
        return None
    return content


def asks_for_download(request: HttpRequest) -> bool:
    """A page's table as a file (`?format=csv`…): made for the request, not cached as a page."""
    return "format" in request.GET


def role_page(
    *sections: str,
    unless: Callable[[HttpRequest], bool] | None = None,
    variant: Callable[..., str] | None = None,
) -> Callable[[View], View]:
    """Serve the view's page to signed-in readers from the shared cache, per language, address
    and role signature, until the data of `sections` changes: for pages made only of what the
    reader's roles let them see (figures, choices, links), never of their own records. Visitors,
    readers with messages waiting, and requests for which `unless(request)` is true (a download)
    get the page rendered afresh. `variant(request, *args, **kwargs)` names what else of the
    reader the page depends on (their rights on the record it shows, which their roles alone do
    not decide): readers with the same roles but another variant get a page of their own."""

    def decorator(view: View) -> View:
        @wraps(view)
        def cached_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = getattr(request, "user", None)
            if (
                request.method != "GET"
                or user is None
                or not user.is_authenticated
                or _has_pending_messages(request)
                or (unless is not None and unless(request))
            ):
                return view(request, *args, **kwargs)
            return serve_public(
                request,
                sections,
                lambda: view(request, *args, **kwargs),
                variant=f"role:{role_signature(user)}"
                + (f":{variant(request, *args, **kwargs)}" if variant is not None else ""),
                shared_content=lambda response: _without_reader(response, user),
            )

        return cached_view

    return decorator


# Invalidation --------------------------------------------------------------------------------


def _changes_public_data(sender: type[Model], update_fields: Any = None) -> bool:
    label = sender._meta.label_lower
    if label in IGNORED_MODELS:
        return False
    return not (
        label == settings.AUTH_USER_MODEL.lower()
        and update_fields
        and set(update_fields) <= IGNORED_USER_FIELDS
    )


def _invalidate(sender: type[Model], **kwargs: Any) -> None:
    if kwargs.get("raw") or not _changes_public_data(sender, kwargs.get("update_fields")):
        return
    sections = sections_changed_by(sender._meta.app_label)
    if not sections:
        return
    # Now, so that this request and the tests see the change; and again after the commit, so that
    # a page another process rendered from the old rows meanwhile is not kept.
    bump_sections(sections)
    transaction.on_commit(lambda: bump_sections(sections), robust=True)


def _invalidate_m2m(sender: Any, action: str, instance: Model, model: Any, **kwargs: Any) -> None:
    if action.startswith("post_"):
        for changed in {sender, type(instance), model}:
            _invalidate(changed)


def connect_signals() -> None:
    """Called once by the core app when Django starts. Receivers are connected per model, only
    for the models that cached sections show, so that bulk deletes elsewhere stay fast."""
    shown = set().union(*SECTION_SOURCES.values())
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label not in shown or model._meta.label_lower in IGNORED_MODELS:
            continue
        uid = f"public_cache:{model._meta.label_lower}"
        post_save.connect(_invalidate, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(_invalidate, sender=model, dispatch_uid=f"{uid}:delete")
        m2m_changed.connect(_invalidate_m2m, sender=model, dispatch_uid=f"{uid}:m2m")
