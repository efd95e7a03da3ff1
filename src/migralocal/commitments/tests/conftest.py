"""Fixtures for the commitments tests: uploads go to a temporary folder, counters start at zero."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import translation

from migralocal.commitments.tests.builders import CommitmentBuilder
from migralocal.core.tests.world import World


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    """Rate-limit counters and parler's cached translations must not leak between tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def spanish_first() -> Iterator[None]:
    """A request under /en/ leaves English active in this thread; each test starts in Spanish."""
    translation.activate("es")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def build(world: World) -> CommitmentBuilder:
    return CommitmentBuilder(world)
