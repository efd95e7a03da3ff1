"""The results page is served from the shared cache to signed-in readers with the same roles and
the same rights on the programme; one who keeps the programme gets a page of their own."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from migralocal.core.models import User
from migralocal.core.roles import ProgrammeRole
from migralocal.core.services import programme_role_grant
from migralocal.core.tests.factories import UserFactory
from migralocal.core.tests.world import World
from migralocal.programmes.tests.results_builders import build_framework

pytestmark = pytest.mark.django_db


def reader(first_name: str, world: World) -> User:
    user = UserFactory.create(first_name=first_name, last_name="Lectora")
    programme_role_grant(
        user=user,
        role=ProgrammeRole.PROGRAMME_MANAGER,
        countries=[world.honduras, world.el_salvador],
    )
    return user


def page_of(user: User, url: str) -> tuple[str, int]:
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"year": "2026"})
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_readers_with_the_same_rights_share_the_page_and_a_keeper_gets_their_own(
    world: World,
) -> None:
    framework = build_framework(world)
    programme = framework.programme
    url = reverse("programmes:results", args=[programme.slug])
    keep_link = reverse("programmes:results_framework", args=[programme.slug])
    lucia, marta, keeper = (reader(name, world) for name in ("Lucía", "Marta", "Rosa"))
    programme.managers.add(keeper)

    first, rendering = page_of(lucia, url)
    second, replaying = page_of(marta, url)
    kept, _queries = page_of(keeper, url)

    assert replaying < rendering / 2  # from the cache
    assert "Marta Lectora" in second and "Lucía" not in second
    assert keep_link not in first and keep_link not in second
    # Same roles, but she keeps the programme: her own page, with the links to keep it.
    assert keep_link in kept and "Rosa Lectora" in kept and "Marta" not in kept
    assert "Personas formadas" in kept
    # Downloads are made for the request.
    client = Client()
    client.force_login(marta)
    download = client.get(url, {"year": "2026", "format": "xlsx"})
    assert download.status_code == 200 and download["Content-Type"].startswith("application/")
