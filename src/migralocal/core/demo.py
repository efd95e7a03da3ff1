"""The core demo dataset: countries, places, organisations and one account per role.

Every write is an upsert on a natural key (ISO code, area code, slug, e-mail), so loading twice
changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol, TypeVar

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from migralocal.core import services
from migralocal.core.data_files import Entry, read_data_file
from migralocal.core.models import AdministrativeArea, Country, Organisation, TaxonomyTerm, User
from migralocal.core.roles import Role

DEMO_PASSWORD = "demo-MigraLocal-2026"  # noqa: S105  (printed for the demo; never used in production)
DEMO_DOMAIN = "demo.migralocal.org"
# The demo accounts whose roles reach personal data must use two-factor authentication, like
# everyone else in those roles; they share this authenticator secret, printed by `manage.py demo`
# and in the README, so that a person trying the demo can add it to an authenticator app.
DEMO_TOTP_SECRET = "MIGRALOCALDEMOKEYFORTRYINGITOUT2"  # noqa: S105  (public demo secret)
DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo.yaml"

ModelT = TypeVar("ModelT", bound=models.Model)
T = TypeVar("T")


class Writer(Protocol):
    """Where a demo loader reports what it loaded (a command's stdout, or a StringIO)."""

    def write(self, msg: str, /) -> Any: ...


@dataclass(frozen=True)
class DemoAccount:
    label: str | Promise
    email: str
    first_name: str
    last_name: str
    role: str | None = None
    organisation_slug: str | None = None
    countries: tuple[str, ...] = ()
    is_admin: bool = False

    @property
    def needs_two_factor(self) -> bool:
        """Platform admins, hub staff and reviewers reach personal data (core/two_factor.py)."""
        return self.is_admin or self.role in {Role.HUB_STAFF, Role.REVIEWER}


DEMO_ACCOUNTS = (
    DemoAccount(
        _("Platform admin"), f"admin@{DEMO_DOMAIN}", "Ana", "Administradora", is_admin=True
    ),
    DemoAccount(
        Role.HUB_STAFF.label,
        f"hub.staff@{DEMO_DOMAIN}",
        "Karla",
        "Mejía",
        Role.HUB_STAFF,
        organisation_slug="municipalidad-de-el-progreso",
    ),
    DemoAccount(
        Role.FOCAL_POINT.label,
        f"focal.point@{DEMO_DOMAIN}",
        "Jorge",
        "Castillo",
        Role.FOCAL_POINT,
        organisation_slug="alcaldia-municipal-de-san-pedro-sula",
    ),
    DemoAccount(
        Role.ORGANISATION_MEMBER.label,
        f"member@{DEMO_DOMAIN}",
        "Lucía",
        "Hernández",
        Role.ORGANISATION_MEMBER,
        organisation_slug=None,  # the first civil-society organisation in Mexico
    ),
    DemoAccount(
        Role.REVIEWER.label,
        f"reviewer@{DEMO_DOMAIN}",
        "Marta",
        "Ruiz",
        Role.REVIEWER,
        countries=("HN", "MX", "SV"),
    ),
    DemoAccount(
        Role.TRAINER.label,
        f"trainer@{DEMO_DOMAIN}",
        "Daniel",
        "Ortega",
        Role.TRAINER,
        countries=("HN", "MX", "SV", "GT", "CO", "US"),
    ),
    DemoAccount(
        Role.MENTOR.label,
        f"mentor@{DEMO_DOMAIN}",
        "Sofía",
        "Paredes",
        Role.MENTOR,
        countries=("MX", "GT"),
    ),
    DemoAccount(
        Role.PROGRAMME_MANAGER.label,
        f"manager@{DEMO_DOMAIN}",
        "Pablo",
        "Vargas",
        Role.PROGRAMME_MANAGER,
        countries=("HN", "MX", "SV", "GT"),
    ),
)


def upsert(model: type[ModelT], lookup: dict[str, Any], values: dict[str, Any]) -> ModelT:
    """Create the row, or update only the fields that differ, so that a second load is a no-op."""
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        return model._default_manager.create(**lookup, **values)
    changed = [field for field, value in values.items() if getattr(instance, field) != value]
    for field in changed:
        setattr(instance, field, values[field])
    if changed:
        instance.save()
    return instance


def stored_text(instance: Any, field: str, language: str) -> str | None:
    """The text saved in exactly `language`, without parler's fallback to another language."""
    if not instance.has_translation(language):
        return None
    return getattr(instance.get_translation(language), field)


def set_translations(instance: Any, texts_by_field: dict[str, dict[str, str]]) -> None:
    """Give a parler model its text in every language, saving only what changed."""
    changed = False
    for field, texts in texts_by_field.items():
        for language, text in texts.items():
            if stored_text(instance, field, language) != text:
                instance.set_current_language(language)
                setattr(instance, field, text)
                changed = True
    if changed:
        instance.save()


def coordinate(value: float) -> Decimal:
    return Decimal(str(round(value, 6)))


def load_countries(specs: list[Entry]) -> dict[str, Country]:
    countries = {}
    for spec in specs:
        country = upsert(
            Country,
            {"code": spec.text("code")},
            {
                "iso3": spec.text("iso3"),
                "latitude": coordinate(spec.number("latitude")),
                "longitude": coordinate(spec.number("longitude")),
            },
        )
        set_translations(country, spec.texts_of("name"))
        countries[country.code] = country
    return countries


def known(rows: Mapping[str, T], spec: Entry, key: str, among: str) -> T:
    """The row (or other item) whose code the spec gives under `key`, one of `among`."""
    code = spec.text(key)
    if code not in rows:
        raise spec.error(key, f"“{code}” is not one of {among}")
    return rows[code]


def all_known(rows: Mapping[str, T], spec: Entry, key: str, among: str) -> list[T]:
    """The rows (or other items) whose codes the spec lists under `key`, each one of `among`."""
    unknown = [code for code in spec.codes(key) if code not in rows]
    if unknown:
        raise spec.error(key, f"“{unknown[0]}” is not one of {among}")
    return [rows[code] for code in spec.codes(key)]


def load_areas(specs: list[Entry], countries: dict[str, Country]) -> dict[str, AdministrativeArea]:
    areas: dict[str, AdministrativeArea] = {}
    for spec in specs:
        areas[spec.text("code")] = upsert(
            AdministrativeArea,
            {"code": spec.text("code")},
            {
                "country": known(countries, spec, "country", "the countries above"),
                "parent": known(areas, spec, "parent", "the areas above")
                if spec.has("parent")
                else None,
                "level": spec.choice("level", AdministrativeArea.Level.values),
                "name": spec.text("name"),
                "latitude": coordinate(spec.number("latitude")),
                "longitude": coordinate(spec.number("longitude")),
            },
        )
    return areas


def load_organisations(
    specs: list[Entry], countries: dict[str, Country], areas: dict[str, AdministrativeArea]
) -> dict[str, Organisation]:
    areas_of_work = {term.code: term for term in TaxonomyTerm.objects.of("areas-of-work")}
    organisations = {}
    for spec in specs:
        organisation = upsert(
            Organisation,
            {"slug": spec.text("slug")},
            {
                "name": spec.text("name"),
                "acronym": spec.optional_text("acronym"),
                "kind": spec.choice("kind", Organisation.Kind.values),
                "country": known(countries, spec, "country", "the countries above"),
                "municipality": known(areas, spec, "municipality", "the areas above")
                if spec.has("municipality")
                else None,
                "website": spec.optional_text("website"),
                "is_public": spec.flag("is_public", default=True),
            },
        )
        set_translations(organisation, spec.texts_of("description"))
        wanted = set(all_known(areas_of_work, spec, "areas_of_work", "the areas-of-work codes"))
        if set(organisation.areas_of_work.all()) != wanted:
            organisation.areas_of_work.set(wanted)
        organisations[organisation.slug] = organisation
    return organisations


def _member_organisation(organisations: dict[str, Organisation]) -> Organisation:
    return next(
        organisation
        for organisation in organisations.values()
        if organisation.kind == Organisation.Kind.CIVIL_SOCIETY
        and organisation.country.code == "MX"
        and organisation.is_public
    )


def load_accounts(
    countries: dict[str, Country], organisations: dict[str, Organisation]
) -> list[User]:
    users = []
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(email=account.email).first()
        if user is None:
            user = User.objects.create_user(
                account.email,
                DEMO_PASSWORD,
                first_name=account.first_name,
                last_name=account.last_name,
                is_staff=account.is_admin,
                is_superuser=account.is_admin,
            )
        upsert(
            EmailAddress,
            {"user": user, "email": account.email},
            {"verified": True, "primary": True},
        )
        if account.role in {Role.HUB_STAFF, Role.FOCAL_POINT, Role.ORGANISATION_MEMBER}:
            organisation = (
                organisations[account.organisation_slug]
                if account.organisation_slug
                else _member_organisation(organisations)
            )
            services.membership_grant(user=user, organisation=organisation, role=account.role)
            if account.role == Role.ORGANISATION_MEMBER:  # and administers its organisation
                services.membership_grant(
                    user=user, organisation=organisation, role=Role.ORGANISATION_ADMIN
                )
        elif account.role:
            services.programme_role_grant(
                user=user, role=account.role, countries=[countries[c] for c in account.countries]
            )
        if account.needs_two_factor:
            give_demo_authenticator(user)
        users.append(user)
    return users


def give_demo_authenticator(user: User) -> None:
    """An authenticator app set up with the demo secret, once."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)


@transaction.atomic
def load(stdout: Writer) -> None:
    data = read_data_file(DEMO_FILE)
    countries = load_countries(data.entries("countries"))
    areas = load_areas(data.entries("areas"), countries)
    organisations = load_organisations(data.entries("organisations"), countries, areas)
    load_accounts(countries, organisations)
    stdout.write(
        f"Core: {len(countries)} countries, {len(areas)} places, "
        f"{len(organisations)} organisations, {len(DEMO_ACCOUNTS)} demo accounts.\n"
    )
