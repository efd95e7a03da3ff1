"""Fixtures for the commitments tests: uploads go to a temporary folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from migralocal.commitments.tests.builders import CommitmentBuilder
from migralocal.core.tests.world import World


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def build(world: World) -> CommitmentBuilder:
    return CommitmentBuilder(world)
