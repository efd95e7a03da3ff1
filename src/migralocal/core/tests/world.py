"""A small named world of places, organisations and one user per role, for every test."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    hotp_value,
)

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

# The roles that reach identifying personal data must have two-factor authentication set up
# (core/two_factor.py); their test accounts have an authenticator app with this secret.
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
TWO_FACTOR_ROLES = ("admin", "hub_staff", "other_hub_staff", "reviewer")

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
    honduras = CountryFactory.create(code="HN", names={"es": "Honduras", "en": "Honduras"})
    el_salvador = CountryFactory.create(code="SV", names={"es": "El Salvador", "en": "El Salvador"})
    mexico = CountryFactory.create(code="MX", names={"es": "México", "en": "Mexico"})
    el_progreso = AreaFactory.create(country=honduras, code="HN-YO-1804", name="El Progreso")
    san_salvador = AreaFactory.create(
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
        el_progreso_municipality=OrganisationFactory.create(
            name="Municipalidad de El Progreso",
            slug="municipalidad-el-progreso",
            kind=Organisation.Kind.MUNICIPALITY,
            country=honduras,
            municipality=el_progreso,
            description={"es": "Gobierno municipal de El Progreso."},
        ),
        san_salvador_municipality=OrganisationFactory.create(
            name="Alcaldía de San Salvador",
            slug="alcaldia-san-salvador",
            kind=Organisation.Kind.MUNICIPALITY,
            country=el_salvador,
            municipality=san_salvador,
        ),
        mexican_cso=OrganisationFactory.create(
            name="Colectivo Caminos", slug="colectivo-caminos", country=mexico
        ),
        private_cso=OrganisationFactory.create(
            name="Red Discreta", slug="red-discreta", country=honduras, is_public=False
        ),
    )
    users = world.users
    users["admin"] = UserFactory.create(email="admin@example.org", is_staff=True, is_superuser=True)
    organisation_roles: tuple[tuple[str, Organisation, OrganisationRole], ...] = (
        ("hub_staff", world.el_progreso_municipality, OrganisationRole.HUB_STAFF),
        ("other_hub_staff", world.san_salvador_municipality, OrganisationRole.HUB_STAFF),
        ("focal_point", world.el_progreso_municipality, OrganisationRole.FOCAL_POINT),
        ("member", world.mexican_cso, OrganisationRole.ORGANISATION_MEMBER),
    )
    for name, organisation, role in organisation_roles:
        users[name] = UserFactory.create(email=f"{name}@example.org")
        MembershipFactory.create(user=users[name], organisation=organisation, role=role)
    programme_roles: tuple[tuple[str, ProgrammeRole, list[Country]], ...] = (
        ("reviewer", ProgrammeRole.REVIEWER, [honduras]),
        ("trainer", ProgrammeRole.TRAINER, [honduras, mexico]),
        ("mentor", ProgrammeRole.MENTOR, [mexico]),
        ("programme_manager", ProgrammeRole.PROGRAMME_MANAGER, [honduras, el_salvador]),
    )
    for name, programme_role, countries in programme_roles:
        users[name] = UserFactory.create(email=f"{name}@example.org")
        ProgrammeAssignmentFactory.create(
            user=users[name], role=programme_role, countries=countries
        )
    users["no_role"] = UserFactory.create(email="no_role@example.org")
    for name in TWO_FACTOR_ROLES:
        give_authenticator(users[name])
    return world


def existing_world() -> World:
    """The world `build_world` made, read back from a database that holds it (a copy of the
    "world" test template): a few queries instead of building it again for every test."""
    countries = Country.objects.in_bulk(["HN", "SV", "MX"], field_name="code")
    areas = AdministrativeArea.objects.in_bulk(["HN-YO-1804", "SV-SS-ss"], field_name="code")
    organisations = Organisation.objects.in_bulk(
        [
            "municipalidad-el-progreso",
            "alcaldia-san-salvador",
            "colectivo-caminos",
            "red-discreta",
        ],
        field_name="slug",
    )
    users = User.objects.in_bulk([f"{name}@example.org" for name in ROLE_NAMES], field_name="email")
    return World(
        honduras=countries["HN"],
        el_salvador=countries["SV"],
        mexico=countries["MX"],
        el_progreso=areas["HN-YO-1804"],
        san_salvador=areas["SV-SS-ss"],
        el_progreso_municipality=organisations["municipalidad-el-progreso"],
        san_salvador_municipality=organisations["alcaldia-san-salvador"],
        mexican_cso=organisations["colectivo-caminos"],
        private_cso=organisations["red-discreta"],
        users={name: users[f"{name}@example.org"] for name in ROLE_NAMES},
    )


class AuthenticatorClock:
    """Stands in for the clock of allauth's TOTP module during a test (the top-level conftest
    installs it). Reading a code moves the clock to a time step of its own, which the server then
    takes as the present: every code is fresh, none is a replay of one already used, and no test
    waits for the next period."""

    def __init__(self, step: int) -> None:
        self.step = step

    @classmethod
    def from_now(cls) -> AuthenticatorClock:
        return cls(int(time.time()) // mfa_settings.TOTP_PERIOD)

    def time(self) -> float:
        return float(self.step * mfa_settings.TOTP_PERIOD)

    def next_code(self, secret: str) -> str:
        self.step += 1
        return format_hotp_value(hotp_value(secret, self.step))


CLOCK: AuthenticatorClock | None = None  # the clock of the running test


def current_totp_code(secret: str = TEST_TOTP_SECRET) -> str:
    """The code an authenticator app shows, computed with allauth's own TOTP helpers, for the
    next time step of the test's clock."""
    if CLOCK is None:
        raise RuntimeError("No authenticator clock: the top-level conftest installs one per test.")
    return CLOCK.next_code(secret)


# A code read in the last seconds of its period may expire before another process checks it.
FRESH_CODE_SECONDS = 8


def real_time_totp_code(secret: str = TEST_TOTP_SECRET) -> str:
    """The code for the real present, with at least FRESH_CODE_SECONDS of its period left: for
    servers in other processes, which read the real clock."""
    period = mfa_settings.TOTP_PERIOD
    left = period - time.time() % period
    if left < FRESH_CODE_SECONDS:
        time.sleep(left)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def give_authenticator(user: User, secret: str = TEST_TOTP_SECRET) -> None:
    """Set up an authenticator app for `user`, as allauth does when they scan the QR code."""
    TOTP.activate(user, secret)
