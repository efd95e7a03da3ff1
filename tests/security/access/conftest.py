"""The access matrix's world, built once for this package (under xdist, once per worker that
runs any of it; loading takes seconds). Each test runs inside it in its own savepoint, so what
a request writes is rolled back; the whole world is rolled back when the package is done.
It is a package of its own so that no other test runs inside that open transaction."""

from collections.abc import Iterator

import pytest
from django.db import transaction
from django.test import Client
from pytest_django import DjangoDbBlocker

from tests.security.access.matrix_world import ANONYMOUS, ROLES, MatrixWorld, build_matrix_world


@pytest.fixture(scope="package")
def matrix_world(
    django_db_setup: None, django_db_blocker: DjangoDbBlocker
) -> Iterator[MatrixWorld]:
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_matrix_world()
        transaction.set_rollback(True)


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
