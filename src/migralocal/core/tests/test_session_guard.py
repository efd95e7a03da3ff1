"""The warning before a session ends, and the way to stay signed in."""

from __future__ import annotations

import time

import pytest
from django.test import Client

from migralocal.core.kept_posts import SIGNED_OUT_USER
from migralocal.core.middleware import LAST_SEEN_AT
from migralocal.core.tests.world import World

pytestmark = pytest.mark.django_db

EXTEND = "/es/session/extend/"


def signed_in(world: World) -> Client:
    client = Client()
    client.force_login(world.user("trainer"))
    assert client.get("/es/me/").status_code == 200
    return client


def test_a_signed_in_page_tells_the_warning_how_long_is_left(world: World, settings) -> None:
    page = signed_in(world).get("/es/me/").content.decode()
    assert 'id="session-guard"' in page
    idle_left = int(page.split('data-idle-left="', 1)[1].split('"', 1)[0])
    assert settings.SESSION_IDLE_SECONDS - 5 <= idle_left <= settings.SESSION_IDLE_SECONDS
    assert "Seguir con la sesión abierta" in page


def test_visitors_get_no_warning(world: World) -> None:
    assert 'id="session-guard"' not in Client().get("/es/").content.decode()


def test_staying_signed_in_starts_the_idle_time_again(world: World, settings) -> None:
    client = signed_in(world)
    session = client.session
    session[LAST_SEEN_AT] = int(time.time()) - settings.SESSION_IDLE_SECONDS + 30
    session.save()
    response = client.post(EXTEND)
    assert response.status_code == 200
    assert response.json()["idle_left"] == settings.SESSION_IDLE_SECONDS
    assert client.session[LAST_SEEN_AT] >= int(time.time()) - 2


def test_an_ended_session_cannot_be_extended(world: World, settings) -> None:
    client = signed_in(world)
    session = client.session
    session[LAST_SEEN_AT] = int(time.time()) - settings.SESSION_IDLE_SECONDS - 1
    session.save()
    response = client.post(EXTEND)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_signing_out_is_never_kept_as_a_form(world: World) -> None:
    client = signed_in(world)
    response = client.post("/es/accounts/logout/")
    assert "kept-form" not in response.get("Location", "")
    assert SIGNED_OUT_USER not in client.session
