"""Directory records for tests, built through the same services the pages use."""

from __future__ import annotations

from datetime import time
from decimal import Decimal
from typing import Any

from django.utils import timezone

from migralocal.core.models import AdministrativeArea, Organisation, TaxonomyTerm
from migralocal.core.tests.world import World
from migralocal.directory import services
from migralocal.directory.models import Hub, Service


def make_hub(
    *,
    operator: Organisation,
    municipality: AdministrativeArea,
    slug: str,
    name: dict[str, str] | None = None,
    latitude: str = "15.400300",
    longitude: str = "-87.801100",
    languages: str = ",es,",
    verified: bool = True,
    **extra: Any,
) -> Hub:
    hub = Hub(
        slug=slug,
        operator=operator,
        country=municipality.country,
        municipality=municipality,
        kind=Hub.Kind.INFORMATION_HUB,
        latitude=Decimal(latitude),
        longitude=Decimal(longitude),
        languages=languages,
        phone="+504 2647-0000",
        assured_date=timezone.localdate() if verified else None,
        **extra,
    )
    for language, text in (name or {"es": f"Ventanilla {slug}", "en": f"Desk {slug}"}).items():
        hub.set_current_language(language)
        hub.name = text
        hub.opening_hours = "Lunes a viernes, 8:00 a 16:00" if language == "es" else "Mon-Fri"
    hub.save()
    services.hub_refresh(hub=hub)
    return hub


def make_service(
    *,
    hub: Hub,
    name: dict[str, str],
    description: dict[str, str] | None = None,
    needs: list[TaxonomyTerm] | None = None,
    languages: list[str] | None = None,
    phone: str = "+504 2647-1111",
    verified: bool = True,
) -> Service:
    texts = {
        language: {"name": text, "description": (description or {}).get(language, "")}
        for language, text in name.items()
    }
    return services.service_save(
        service=None,
        hub=hub,
        user=None,
        texts=texts,
        status=Service.Status.ACTIVE,
        url="",
        email="",
        minimum_age=None,
        maximum_age=None,
        categories=needs or [],
        migration_profiles=[],
        languages=languages or ["es"],
        phone=phone,
        verified=verified,
    )


def open_weekdays(hub: Hub, opens: time = time(8), closes: time = time(16)) -> None:
    hub.schedules.all().delete()
    hub.schedules.create(freq="WEEKLY", byday="MO,TU,WE,TH,FR", opens_at=opens, closes_at=closes)


def world_hubs(world: World) -> tuple[Hub, Hub]:
    """One hub run by El Progreso (hub_staff's) and one by San Salvador (other_hub_staff's)."""
    own = make_hub(
        operator=world.el_progreso_municipality,
        municipality=world.el_progreso,
        slug="ventanilla-el-progreso",
        name={"es": "Ventanilla Municipal de Atención al Migrante", "en": "Migrant desk"},
    )
    other = make_hub(
        operator=world.san_salvador_municipality,
        municipality=world.san_salvador,
        slug="punto-san-salvador",
        latitude="13.700000",
        longitude="-89.200000",
        timezone="America/El_Salvador",
    )
    return own, other
