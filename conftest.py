"""Fixtures shared by every module's tests: a named world with one user per role."""

import pytest

from migralocal.core.tests.world import World, build_world


@pytest.fixture
def world(db: None) -> World:
    return build_world()
