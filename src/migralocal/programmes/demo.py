"""Demo programmes (programmes/data/demo.yaml), loaded after every other module's demo, with the
demo activities that belong to each. Every write is an upsert, so loading twice is a no-op."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from migralocal.core.data_files import Entry, read_data_file
from migralocal.core.demo import DEMO_DOMAIN, Writer, all_known, set_translations, upsert
from migralocal.core.models import Country, Organisation, User
from migralocal.programmes import selectors, services
from migralocal.programmes.models import ACTIVITY_KINDS, ActivityKind, Programme, model_of

DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo.yaml"


def _same_set(manager: Any, wanted: list[Any]) -> None:
    if set(manager.all()) != set(wanted):
        manager.set(wanted)


def _load_donors(specs: list[Entry], countries: dict[str, Country]) -> None:
    for spec in specs:
        upsert(
            Organisation,
            {"slug": spec.text("slug")},
            {
                "name": spec.text("name"),
                "acronym": spec.optional_text("acronym"),
                "kind": Organisation.Kind.INTERNATIONAL,
                "country": countries[spec.text("country")],
            },
        )


def _matching(programme: Programme, kind: ActivityKind, patterns: Any) -> QuerySet[Any]:
    """The activities a spec names: `all` in the programme's countries, or slugs and `prefix*`
    patterns (`organisation-slug/year` for assessment rounds)."""
    if patterns == "all":
        return selectors.candidates(programme, kind)
    condition = Q(pk__in=[])
    for pattern in patterns:
        if kind.code == "assessments":
            organisation, _slash, year = pattern.partition("/")
            condition |= Q(organisation__slug=organisation, year=int(year))
        elif pattern.endswith("*"):
            condition |= Q(slug__startswith=pattern[:-1])
        else:
            condition |= Q(slug=pattern)
    return model_of(kind)._default_manager.filter(condition)


def _attach(programme: Programme, spec: Entry, admin: User) -> int:
    activities = spec.entry("activities") if spec.has("activities") else None
    added = 0
    for kind in ACTIVITY_KINDS:
        if activities is None or not activities.has(kind.code):
            continue
        wanted = _matching(programme, kind, activities.values[kind.code])
        missing = list(wanted.exclude(programmes=programme))
        if missing:
            services.activities_attach(
                actor=admin, programme=programme, kind=kind.code, activities=missing
            )
            added += len(missing)
    return added


def _load_programme(
    spec: Entry,
    countries: dict[str, Country],
    organisations: dict[str, Organisation],
    users: dict[str, User],
) -> Programme:
    budget = spec.optional_text("budget")
    programme = upsert(
        Programme,
        {"slug": spec.text("slug")},
        {
            "starts_on": spec.date("starts_on"),
            "ends_on": spec.date("ends_on"),
            "budget": Decimal(budget) if budget else None,
            "currency": spec.optional_text("currency"),
            "is_public": spec.flag("public", default=True),
        },
    )
    texts = spec.texts_of("name", "code", "description")
    set_translations(programme, texts)
    _same_set(programme.countries, all_known(countries, spec, "countries", "the demo countries"))
    _same_set(programme.donors, all_known(organisations, spec, "donors", "the organisations"))
    _same_set(
        programme.implementers, all_known(organisations, spec, "implementers", "the organisations")
    )
    _same_set(programme.managers, all_known(users, spec, "managers", "the demo accounts"))
    return programme


@transaction.atomic
def load(stdout: Writer) -> None:
    data = read_data_file(DEMO_FILE)
    countries = {country.code: country for country in Country.objects.all()}
    _load_donors(data.entries("donors"), countries)
    organisations = {organisation.slug: organisation for organisation in Organisation.objects.all()}
    users = {
        user.email.split("@")[0]: user for user in User.objects.filter(email__endswith=DEMO_DOMAIN)
    }
    admin = users["admin"]
    added = 0
    specs = data.entries("programmes")
    for spec in specs:
        programme = _load_programme(spec, countries, organisations, users)
        added += _attach(programme, spec, admin)
    stdout.write(f"Programmes: {len(specs)} programmes, {added} activities newly attached.\n")
