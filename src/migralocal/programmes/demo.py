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
from migralocal.programmes.results import ManualActual, Outcome, Output, ResultIndicator, Target
from migralocal.programmes.results_selectors import measure_catalogue

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


def _virtual_meetings(programme: Programme) -> int:
    from migralocal.learning.models import Event

    return programme.events.filter(kind=Event.Kind.VIRTUAL_MEETING).count()


# Counts of the demo's records that stand for what a programme would report by hand.
RECORD_COUNTS = {"virtual_meetings": _virtual_meetings}
RECORD_SOURCE = "Calendario de eventos de la plataforma (demo)"


def _load_indicator(
    programme: Programme, output: Output, position: int, spec: Entry, measures: set[str]
) -> int:
    """An indicator with its targets; returns how many targets it has."""
    measure = spec.optional_text("measure")
    if measure and measure not in measures:
        raise spec.error("measure", "is not a figure of the reports' catalogue")
    key, series, category = ([*measure.split("/"), "", ""])[:3]
    baseline = spec.entry("baseline") if spec.has("baseline") else None
    indicator = upsert(
        ResultIndicator,
        {"output": output, "position": position},
        {
            "source": ResultIndicator.Source.COMPUTED if measure else ResultIndicator.Source.MANUAL,
            "measure_key": key,
            "measure_series": series,
            "measure_category": category,
            "unit": spec.choice("unit", ResultIndicator.Unit.values)
            if spec.has("unit")
            else ResultIndicator.Unit.NUMBER,
            "baseline_value": Decimal(baseline.text("value")) if baseline else None,
            "baseline_year": baseline.integer("year") if baseline else None,
            "disaggregations": spec.optional_text("disaggregations"),
        },
    )
    set_translations(indicator, spec.texts_of("title", "definition"))
    countries = {country.code: country for country in programme.countries.all()}
    targets = spec.entries("targets") if spec.has("targets") else []
    for target in targets:
        code = target.optional_text("country")
        if code and code not in countries:
            raise target.error("country", "is not one of the programme's countries")
        upsert(
            Target,
            {
                "indicator": indicator,
                "starts_on": target.date("from"),
                "ends_on": target.date("to"),
                "country": countries.get(code),
            },
            {"value": Decimal(target.text("value"))},
        )
    if spec.has("counted_from_records"):
        count = RECORD_COUNTS[spec.text("counted_from_records")](programme)
        upsert(
            ManualActual,
            {
                "indicator": indicator,
                "starts_on": programme.starts_on,
                "ends_on": programme.ends_on,
                "country": None,
            },
            {"value": Decimal(count), "source": RECORD_SOURCE},
        )
    return len(targets)


def _load_results(programme: Programme, spec: Entry, measures: set[str]) -> int:
    """The programme's outcomes, outputs and indicators, by position; returns the targets."""
    targets = 0
    outcomes = spec.entries("results") if spec.has("results") else []
    for outcome_position, outcome_spec in enumerate(outcomes, start=1):
        outcome = upsert(Outcome, {"programme": programme, "position": outcome_position}, {})
        set_translations(outcome, outcome_spec.texts_of("title"))
        for output_position, output_spec in enumerate(outcome_spec.entries("outputs"), start=1):
            output = upsert(Output, {"outcome": outcome, "position": output_position}, {})
            set_translations(output, output_spec.texts_of("title"))
            indicators = output_spec.entries("indicators")
            for position, indicator_spec in enumerate(indicators, start=1):
                targets += _load_indicator(programme, output, position, indicator_spec, measures)
    return targets


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
    added = targets = 0
    specs = data.entries("programmes")
    measures = {measure.code for measure in measure_catalogue()}
    for spec in specs:
        programme = _load_programme(spec, countries, organisations, users)
        added += _attach(programme, spec, admin)
        targets += _load_results(programme, spec, measures)
    stdout.write(
        f"Programmes: {len(specs)} programmes, {added} activities newly attached, "
        f"{targets} result targets.\n"
    )
