"""The access matrix's world, built once per run as a database template (see
`migralocal.core.tests.snapshots`) and copied for each worker that runs any of this package.
Each test runs inside it in its own savepoint, so what a request writes is rolled back; the
whole world is rolled back when the package is done. It is a package of its own so that no other
test runs inside that open transaction."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client
from pytest_django import DjangoDbBlocker

from migralocal.core.tests.snapshots import Kind, Snapshots, register
from tests.security.access import matrix_world as matrix_world_module
from tests.security.access.matrix_world import (
    ANONYMOUS,
    ROLES,
    MatrixWorld,
    build_matrix_world_template,
)

register(Kind("matrix", build_matrix_world_template, sources=(Path(matrix_world_module.__file__),)))


@pytest.fixture(scope="package")
def matrix_world(snapshots: Snapshots, django_db_blocker: DjangoDbBlocker) -> Iterator[MatrixWorld]:
    with django_db_blocker.unblock():
        world = MatrixWorld.from_metadata(snapshots.metadata("matrix"))
        with snapshots.rolled_back("matrix"):
            yield world.loaded()


@pytest.fixture(scope="package")
def role_clients(
    matrix_world: MatrixWorld, django_db_blocker: DjangoDbBlocker
) -> dict[str, Client]:
    """A signed-in browser per role (and one for the anonymous visitor), signed in once."""
    clients = {ANONYMOUS: Client()}
    with django_db_blocker.unblock():
        for role in ROLES:
            if role != ANONYMOUS:
                clients[role] = Client()
                clients[role].force_login(matrix_world.users[role])
    return clients
