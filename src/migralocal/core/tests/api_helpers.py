"""API clients for the tests of every module: anonymous, or with the token of a world role."""

from __future__ import annotations

from rest_framework.test import APIClient

from migralocal.core import services
from migralocal.core.tests.world import ROLE_NAMES, World

ANONYMOUS = "anonymous"
EVERYONE = (ANONYMOUS, *ROLE_NAMES)


def client_for(world: World, role: str, language: str = "en") -> APIClient:
    """A client that sends `role`'s personal token (none for `anonymous`), as a partner's
    script would, in `language`."""
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    if role != ANONYMOUS:
        key = services.api_token_create(user=world.user(role)).key
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client
