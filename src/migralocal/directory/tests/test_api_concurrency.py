"""Several keepers changing one record at once: with the same `If-Match`, exactly one change is
applied and the others are told it changed (412), on SQLite and on PostgreSQL; a write that cannot
get SQLite's lock in time is told to try again (503), never a server error."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection, connections
from rest_framework.test import APIClient

from migralocal.core.tests.api_helpers import client_for
from migralocal.core.tests.databases import database_shared_by_threads
from migralocal.core.tests.world import World, build_world
from migralocal.directory.models import Hub, Service
from migralocal.directory.tests.helpers import make_service, world_hubs

PARALLEL = 4


def clients_of(world: World, role: str) -> list[APIClient]:
    """One client per thread (a client is not shared between threads), all with the role's
    token: a new token replaces the last one."""
    first = client_for(world, role)
    clients = [first]
    for _ in range(PARALLEL - 1):
        client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        client.credentials(**first._credentials)
        clients.append(client)
    return clients


@pytest.fixture
def shared_world(transactional_db: None) -> Iterator[World]:
    """A world committed to a database that the test's threads share."""
    with database_shared_by_threads():
        yield build_world()


def patch_in_parallel(
    clients: list[APIClient], url: str, bodies: list[dict], etag: str
) -> list[int]:
    """Send one PATCH per client at the same moment, each from a thread with its own
    connection; the status codes, in the clients' order."""
    start = threading.Barrier(len(clients))
    codes: list[int] = [0] * len(clients)

    def send(index: int) -> None:
        try:
            start.wait()
            response = clients[index].patch(url, bodies[index], format="json", HTTP_IF_MATCH=etag)
            codes[index] = response.status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(index,)) for index in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return codes


@pytest.mark.django_db(transaction=True)
def test_of_parallel_service_changes_with_one_etag_exactly_one_wins(
    shared_world: World,
) -> None:
    own, _other = world_hubs(shared_world)
    service = make_service(hub=own, name={"es": "Orientación laboral", "en": "Work guidance"})
    url = f"/api/v1/services/{service.pk}/"
    clients = clients_of(shared_world, "hub_staff")
    etag = clients[0].get(url)["ETag"]
    emails = [f"keeper{index}@example.org" for index in range(PARALLEL)]

    codes = patch_in_parallel(clients, url, [{"email": email} for email in emails], etag)

    assert sorted(codes) == [200, 412, 412, 412], codes
    winner = emails[codes.index(200)]
    assert Service.objects.get(pk=service.pk).email == winner


@pytest.mark.django_db(transaction=True)
def test_of_parallel_hub_changes_with_one_etag_exactly_one_wins(shared_world: World) -> None:
    own, _other = world_hubs(shared_world)
    url = f"/api/v1/hubs/{own.slug}/"
    clients = clients_of(shared_world, "hub_staff")
    etag = clients[0].get(url)["ETag"]
    phones = [f"+504 9999-000{index}" for index in range(PARALLEL)]  # none is the current one

    codes = patch_in_parallel(clients, url, [{"phone": phone} for phone in phones], etag)

    assert sorted(codes) == [200, 412, 412, 412], codes
    assert Hub.objects.get(pk=own.pk).phone == phones[codes.index(200)]


@pytest.mark.django_db(transaction=True)
def test_a_write_that_cannot_get_the_sqlite_lock_is_told_to_retry(
    shared_world: World, settings: Any
) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL writers wait for the rows they need, not for the whole database")
    own, _other = world_hubs(shared_world)
    url = f"/api/v1/hubs/{own.slug}/"
    client = client_for(shared_world, "hub_staff", language="es")
    connection.settings_dict["OPTIONS"]["timeout"] = 0.2
    connection.close()
    other_process = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    other_process.execute("BEGIN IMMEDIATE")  # holds the write lock, as a long import would
    try:
        response = client.patch(url, {"phone": "+504 0000-0000"}, format="json")
    finally:
        other_process.execute("ROLLBACK")
        other_process.close()

    assert response.status_code == 503, response.content
    assert int(response["Retry-After"]) > 0
    assert response["Content-Type"] == "application/problem+json"
    assert "inténtelo de nuevo" in response.json()["detail"]
    assert Hub.objects.get(pk=own.pk).phone != "+504 0000-0000"
