"""Every URL of the site and the API, as every role and as an anonymous visitor, against the
declared table of who may do what (`access_table.py`, which says how to add an entry)."""

from __future__ import annotations

from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.http import HttpResponseBase
from django.test import Client
from django.urls import reverse

from tests.security.access.access_table import ACCESS, NAMESPACES, Door, door_for
from tests.security.access.matrix_world import ANONYMOUS, ROLES, MatrixWorld
from tests.security.access.urlwalk import (
    ALLOWED,
    REFUSED,
    SERVER_ERROR,
    Pattern,
    all_patterns,
    answer_kind,
)

pytestmark = pytest.mark.django_db  # also tells pytest-django to set up the test database

PATTERNS = all_patterns()
PLACEHOLDER = "0"


def expected_answer(door: Door, role: str) -> str:
    if role in door.allow:
        return ALLOWED
    return door.anonymous if role == ANONYMOUS else door.refusal


def filled(source: str, world: MatrixWorld, name: str) -> str:
    if source.startswith("="):
        return source[1:]
    assert source in world.values, f"{name}: no '{source}' in the matrix world"
    return world.values[source]


def url_for(pattern: Pattern, door: Door, world: MatrixWorld) -> str:
    query = urlencode(
        {key: filled(source, world, pattern.name) for key, source in door.query.items()}
    )
    path = path_for(pattern, door, world)
    return f"{path}?{query}" if query else path


def path_for(pattern: Pattern, door: Door, world: MatrixWorld) -> str:
    if not pattern.is_named:
        return pattern.placeholder_url(PLACEHOLDER)
    kwargs = {}
    for param in pattern.params:
        source = door.params.get(param)
        if param == "format":
            kwargs[param] = "json"
        elif source is not None:
            kwargs[param] = filled(source, world, pattern.name)
        else:
            assert pattern.namespace in NAMESPACES, (
                f"{pattern.name}: say how to fill <{param}> in its access_table entry's params"
            )
            kwargs[param] = PLACEHOLDER
    if pattern.positional:
        return reverse(pattern.name, args=[PLACEHOLDER] * pattern.positional)
    return reverse(pattern.name, kwargs=kwargs)


def roles_asking(pattern: Pattern, door: Door) -> tuple[str, ...]:
    if door.asked_by is not None:
        return tuple(role for role in ROLES if role in door.asked_by)
    if door.record_pages_asked_by is not None and (pattern.params or pattern.positional):
        return tuple(role for role in ROLES if role in door.record_pages_asked_by)
    return ROLES


def ask(session_cookies: SimpleCookie, door: Door, url: str) -> HttpResponseBase:
    """One request in a fresh browser carrying the role's session: a sign-out or a message
    cookie in one answer never leaks into the next."""
    client = Client(raise_request_exception=False)
    client.cookies = SimpleCookie(session_cookies.output(header="", sep=";"))
    if door.method == "POST":
        return client.post(url, {})
    return client.get(url)


def test_every_url_has_an_entry() -> None:
    missing = sorted({p.name for p in PATTERNS if door_for(p.name, p.test_id) is None})
    assert not missing, (
        "These URLs have no entry in tests/security/access/access_table.py; add one saying who may "
        "open them (see the comment at the top of that file): " + ", ".join(missing)
    )


def test_every_entry_names_a_url() -> None:
    names = {p.name for p in PATTERNS} | {p.test_id for p in PATTERNS}
    stale = sorted(set(ACCESS) - names)
    assert not stale, f"Entries for URLs that no longer exist: {', '.join(stale)}"


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda pattern: pattern.test_id)
def test_who_may_open(
    pattern: Pattern, matrix_world: MatrixWorld, role_clients: dict[str, Client]
) -> None:
    door = door_for(pattern.name, pattern.test_id)
    if door is None:
        pytest.skip("no entry: test_every_url_has_an_entry fails for it")
    url = url_for(pattern, door, matrix_world)
    wrong = []
    for role in roles_asking(pattern, door):
        got = answer_kind(ask(role_clients[role].cookies, door, url))
        if door.any_answer:
            if got == SERVER_ERROR:
                wrong.append(f"{role}: {got}")
            continue
        wanted = expected_answer(door, role)
        if got == REFUSED and wanted == ALLOWED and door.allowed_may_refuse:
            continue
        if got != wanted:
            wrong.append(f"{role}: expected {wanted}, got {got}")
    assert not wrong, f"{door.method} {url}\n  " + "\n  ".join(wrong)


def test_roles_sign_in_as_declared(role_clients: dict[str, Client]) -> None:
    """The matrix means nothing if a role's browser is not signed in."""
    assert settings.SESSION_COOKIE_NAME not in role_clients[ANONYMOUS].cookies
    for role in ROLES:
        if role != ANONYMOUS:
            assert settings.SESSION_COOKIE_NAME in role_clients[role].cookies, role
