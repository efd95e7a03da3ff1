"""Fixtures shared by every module's tests: a named world with one user per role."""

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from migralocal.core.tests.world import World, build_world


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Rows are rolled back after each test; what parler and pages cached of them must go too."""
    yield
    cache.clear()


@pytest.fixture
def world(db: None) -> World:
    return build_world()
