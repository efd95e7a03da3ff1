"""Fixtures shared by every module's tests: a named world with one user per role."""

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from migralocal.core.tests.world import World, build_world


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Rows are rolled back after each test; what parler, pages and rate limits cached of them
    must go too."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    """A request under /en/ leaves English active in the thread; each test starts in Spanish."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def world(db: None) -> World:
    return build_world()
