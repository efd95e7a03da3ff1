"""Several keepers changing one record at once: with the same `If-Match`, exactly one change is
applied and the others are told it changed (412), on SQLite and on PostgreSQL; a write that cannot
get SQLite's lock in time is told to try again (503), never a server error.

The keepers' changes are sent from processes of their own, as an installation's web processes
send them, so each has its own connection and none shares the test process's memory."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from subprocess import PIPE, Popen
from typing import Any

import pytest
from django.db import connection
from rest_framework.test import APIClient

from migralocal.core.tests.api_helpers import client_for
from migralocal.core.tests.databases import database_shared_by_processes, database_url
from migralocal.core.tests.world import World, build_world
from migralocal.directory.models import Hub, Service
from migralocal.directory.tests.helpers import make_service, world_hubs

PARALLEL = 4
HARNESS = "migralocal.core.tests.writer_harness"
WAIT_SECONDS = 60


def token_of(client: APIClient) -> str:
    """The personal token a client sends (a role has one at a time: a new one replaces it)."""
    return str(client._credentials["HTTP_AUTHORIZATION"]).removeprefix("Token ")


@pytest.fixture
def shared_world(transactional_db: None) -> Iterator[World]:
    """A world committed to a database that other processes reach."""
    with database_shared_by_processes():
        yield build_world()


def writer(workdir: Path, index: int, url: str, body: dict, etag: str, token: str) -> Popen[str]:
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(connection.settings_dict),
        "DJANGO_SETTINGS_MODULE": "migralocal.settings_test",
        "MIGRALOCAL_TEST_TOKEN": token,
    }
    command = [sys.executable, "-m", HARNESS, str(workdir), str(index), url, json.dumps(body), etag]
    return Popen(command, env=environment, stdout=PIPE, stderr=PIPE, text=True)


def patch_in_parallel(
    workdir: Path, token: str, url: str, bodies: list[dict], etag: str
) -> list[int]:
    """Send one PATCH per body at the same moment, each from a process of its own (as the web
    processes of an installation do); the status codes, in the bodies' order."""
    processes = [
        writer(workdir, index, url, body, etag, token) for index, body in enumerate(bodies)
    ]
    try:
        deadline = time.monotonic() + WAIT_SECONDS
        while not all((workdir / f"{index}.ready").exists() for index in range(len(bodies))):
            ended = [process for process in processes if process.poll() is not None]
            if ended:
                pytest.fail(f"a writer ended before it was ready: {ended[0].stderr.read()}")  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "the writers never got ready"
            time.sleep(0.02)
        (workdir / "go").touch()
        outputs = [process.communicate(timeout=WAIT_SECONDS) for process in processes]
    finally:
        for process in processes:
            process.kill()
    for process, (_out, errors) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, errors
    return [int(out.split()[-1]) for out, _errors in outputs]


@pytest.mark.django_db(transaction=True)
def test_of_parallel_service_changes_with_one_etag_exactly_one_wins(
    shared_world: World, tmp_path: Path
) -> None:
    own, _other = world_hubs(shared_world)
    service = make_service(hub=own, name={"es": "Orientación laboral", "en": "Work guidance"})
    url = f"/api/v1/services/{service.pk}/"
    keeper = client_for(shared_world, "hub_staff")
    etag = keeper.get(url)["ETag"]
    emails = [f"keeper{index}@example.org" for index in range(PARALLEL)]

    codes = patch_in_parallel(
        tmp_path, token_of(keeper), url, [{"email": email} for email in emails], etag
    )

    assert sorted(codes) == [200, 412, 412, 412], codes
    winner = emails[codes.index(200)]
    assert Service.objects.get(pk=service.pk).email == winner


@pytest.mark.django_db(transaction=True)
def test_of_parallel_hub_changes_with_one_etag_exactly_one_wins(
    shared_world: World, tmp_path: Path
) -> None:
    own, _other = world_hubs(shared_world)
    url = f"/api/v1/hubs/{own.slug}/"
    keeper = client_for(shared_world, "hub_staff")
    etag = keeper.get(url)["ETag"]
    phones = [f"+504 9999-000{index}" for index in range(PARALLEL)]  # none is the current one

    codes = patch_in_parallel(
        tmp_path, token_of(keeper), url, [{"phone": phone} for phone in phones], etag
    )

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
