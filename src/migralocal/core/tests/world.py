"""A small named world of places, organisations and one user per role, for every test."""

from __future__ import annotations

from dataclasses import dataclass, field

from migralocal.core.models import AdministrativeArea, Country, Organisation, User
from migralocal.core.roles import OrganisationRole, ProgrammeRole
from migralocal.core.tests.factories import (
    AreaFactory,
    CountryFactory,
    MembershipFactory,
    OrganisationFactory,
    ProgrammeAssignmentFactory,
    UserFactory,
)

ROLE_NAMES = (
    "admin",
    "hub_staff",
    "other_hub_staff",
    "focal_point",
    "member",
    "reviewer",
    "trainer",
    "mentor",
    "programme_manager",
    "no_role",
)


@dataclass
class World:
    honduras: Country
    el_salvador: Country
    mexico: Country
    el_progreso: AdministrativeArea
    san_salvador: AdministrativeArea
    el_progreso_municipality: Organisation
    san_salvador_municipality: Organisation
    mexican_cso: Organisation
    private_cso: Organisation
    users: dict[str, User] = field(default_factory=dict)

    def user(self, role: str) -> User:
        return self.users[role]


def build_world() -> World:
    honduras = CountryFactory(code="HN", names={"es": "Honduras", "en": "Honduras"})
    el_salvador = CountryFactory(code="SV", names={"es": "El Salvador", "en": "El Salvador"})
    mexico = CountryFactory(code="MX", names={"es": "México", "en": "Mexico"})
    el_progreso = AreaFactory(country=honduras, code="HN-YO-1804", name="El Progreso")
    san_salvador = AreaFactory(
        country=el_salvador,
        code="SV-SS-ss",
        name="San Salvador",
        latitude="13.7",
        longitude="-89.2",
    )
    world = World(
        honduras=honduras,
        el_salvador=el_salvador,
        mexico=mexico,
        el_progreso=el_progreso,
        san_salvador=san_salvador,
        el_progreso_municipality=OrganisationFactory(
            name="Municipalidad de El Progreso",
            slug="municipalidad-el-progreso",
            kind=Organisation.Kind.MUNICIPALITY,
            country=honduras,
            municipality=el_progreso,
            description={"es": "Gobierno municipal de El Progreso."},
        ),
        san_salvador_municipality=OrganisationFactory(
            name="Alcaldía de San Salvador",
            slug="alcaldia-san-salvador",
            kind=Organisation.Kind.MUNICIPALITY,
            country=el_salvador,
            municipality=san_salvador,
        ),
        mexican_cso=OrganisationFactory(
            name="Colectivo Caminos", slug="colectivo-caminos", country=mexico
        ),
        private_cso=OrganisationFactory(
            name="Red Discreta", slug="red-discreta", country=honduras, is_public=False
        ),
    )
    users = world.users
    users["admin"] = UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    for name, organisation, role in (
        ("hub_staff", world.el_progreso_municipality, OrganisationRole.HUB_STAFF),
        ("other_hub_staff", world.san_salvador_municipality, OrganisationRole.HUB_STAFF),
        ("focal_point", world.el_progreso_municipality, OrganisationRole.FOCAL_POINT),
        ("member", world.mexican_cso, OrganisationRole.ORGANISATION_MEMBER),
    ):
        users[name] = UserFactory(email=f"{name}@example.org")
        MembershipFactory(user=users[name], organisation=organisation, role=role)
    for name, role, countries in (
        ("reviewer", ProgrammeRole.REVIEWER, [honduras]),
        ("trainer", ProgrammeRole.TRAINER, [honduras, mexico]),
        ("mentor", ProgrammeRole.MENTOR, [mexico]),
        ("programme_manager", ProgrammeRole.PROGRAMME_MANAGER, [honduras, el_salvador]),
    ):
        users[name] = UserFactory(email=f"{name}@example.org")
        ProgrammeAssignmentFactory(user=users[name], role=role, countries=countries)
    users["no_role"] = UserFactory(email="no_role@example.org")
    return world
