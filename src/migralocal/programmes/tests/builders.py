"""Programmes for tests, built through the services the pages use."""

from __future__ import annotations

import datetime as dt

from migralocal.core.models import Country, User
from migralocal.core.tests.world import World
from migralocal.programmes import services
from migralocal.programmes.models import Programme


def make_programme(
    world: World,
    *,
    slug: str = "centros-de-informacion",
    countries: list[Country] | None = None,
    managers: list[User] | None = None,
    is_public: bool = True,
) -> Programme:
    fields = services.ProgrammeFields(
        names={"es": "Centros de Información", "en": "Information Hubs"},
        codes={"es": "CI", "en": "IH"},
        descriptions={"es": "Ventanillas para personas migrantes.", "en": "Desks for migrants."},
        starts_on=dt.date(2024, 1, 1),
        ends_on=dt.date(2027, 12, 31),
        countries=countries if countries is not None else [world.honduras, world.el_salvador],
        donors=[world.mexican_cso],
        implementers=[world.el_progreso_municipality],
        is_public=is_public,
    )
    return services.programme_create(
        actor=world.user("admin"),
        slug=slug,
        fields=fields,
        managers=managers if managers is not None else [world.user("programme_manager")],
    )
