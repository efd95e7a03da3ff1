from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from migralocal.core.tests.world import World
from migralocal.directory.models import Hub, Service
from migralocal.directory.tests.helpers import make_service, world_hubs


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def hubs(world: World) -> tuple[Hub, Hub]:
    """El Progreso's hub (hub_staff's, Honduras) and San Salvador's (other_hub_staff's)."""
    return world_hubs(world)


@pytest.fixture
def listings(hubs: tuple[Hub, Hub]) -> tuple[Service, Service, Service]:
    """Two services in Honduras and one in El Salvador."""
    own, other = hubs
    return (
        make_service(hub=own, name={"es": "Orientación laboral", "en": "Job guidance"}),
        make_service(hub=own, name={"es": "Atención psicosocial", "en": "Psychosocial care"}),
        make_service(hub=other, name={"es": "Asesoría legal", "en": "Legal advice"}),
    )
