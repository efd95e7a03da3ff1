from typing import Any

from django.conf import settings
from django.http import HttpRequest

from migralocal.core.navigation import menu_for


def platform(request: HttpRequest) -> dict[str, Any]:
    return {
        "menu": menu_for(request.user) if hasattr(request, "user") else [],
        "PLATFORM_NAME": "MigraLocal",
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        "MAP_TILE_ATTRIBUTION": settings.MAP_TILE_ATTRIBUTION,
    }
