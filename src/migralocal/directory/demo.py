"""Directory demo data (directory/data/demo.yaml): hubs in Honduras, Mexico, El Salvador and
Legazpi City, their services in both languages, and referral pathways. Loading twice changes
nothing: every row is upserted on its slug or on an id derived from one."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from migralocal.core.data_files import Entry, read_data_file
from migralocal.core.demo import Writer, all_known, coordinate, known, set_translations, upsert
from migralocal.core.models import AdministrativeArea, Country, Organisation, TaxonomyTerm
from migralocal.directory import services
from migralocal.directory.models import (
    WEEKDAYS,
    Hub,
    ListingReport,
    PathwayStep,
    ReferralPathway,
    Schedule,
    Service,
)

DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo.yaml"
DEMO_NAMESPACE = uuid.UUID("0f1d5c2e-8b7a-4c3d-9e6f-1a2b3c4d5e6f")


@dataclass(frozen=True)
class WeeklyHours:
    """One weekly schedule, as the hub form edits it: the same hours on the days listed."""

    byday: str
    opens_at: time
    closes_at: time


def weekly_hours(spec: Entry, key: str) -> WeeklyHours:
    hours = spec.entry(key)
    days = hours.codes("days")
    unknown = [day for day in days if day not in WEEKDAYS]
    if not days or unknown:
        raise hours.error("days", f"must list day codes among {', '.join(WEEKDAYS)}")
    opens_at, closes_at = clock_time(hours, "opens"), clock_time(hours, "closes")
    if opens_at >= closes_at:
        raise hours.error("closes", "must be later than `opens`")
    ordered = [day for day in WEEKDAYS if day in days]
    return WeeklyHours(",".join(ordered), opens_at, closes_at)


def clock_time(spec: Entry, key: str) -> time:
    try:
        return time.fromisoformat(spec.text(key))
    except ValueError as error:
        raise spec.error(key, 'must be a 24-hour time in quotes, like "08:30"') from error


@dataclass(frozen=True)
class ServiceTemplate:
    code: str
    texts: dict[str, dict[str, str]]
    needs: list[TaxonomyTerm]
    profiles: list[TaxonomyTerm]
    minimum_age: int | None


@dataclass(frozen=True)
class HubSpec:
    """A hub as the loader writes it: from the file, or derived for a Mexican information point."""

    slug: str
    operator: Organisation
    municipality: AdministrativeArea
    kind: str
    timezone: str
    languages: list[str]
    phone: str
    address: str
    name: dict[str, str]
    description: dict[str, str]
    hours: WeeklyHours
    opening_hours: dict[str, str]
    services: list[ServiceTemplate]
    service_descriptions: dict[str, dict[str, str]] = field(default_factory=dict)
    whatsapp: str = ""
    offset: tuple[float, float] = (0.0, 0.0)
    stale: bool = False


@dataclass
class Places:
    """The rows the directory's demo refers to by code, loaded once."""

    organisations: dict[str, Organisation] = field(default_factory=dict)
    areas: dict[str, AdministrativeArea] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)
    terms: dict[str, TaxonomyTerm] = field(default_factory=dict)

    @classmethod
    def from_database(cls) -> Places:
        return cls(
            organisations={o.slug: o for o in Organisation.objects.all()},
            areas={a.code: a for a in AdministrativeArea.objects.select_related("country")},
            countries={c.code: c for c in Country.objects.all()},
            terms={
                term.code: term
                for term in TaxonomyTerm.objects.filter(
                    taxonomy__code__in=["service-categories", "migration-situations"]
                )
            },
        )


def demo_service_id(hub_slug: str, template: str) -> uuid.UUID:
    return uuid.uuid5(DEMO_NAMESPACE, f"{hub_slug}:{template}")


def service_template(code: str, spec: Entry, places: Places) -> ServiceTemplate:
    texts = spec.texts_of("name", "description")
    if spec.has("eligibility"):
        texts["eligibility_description"] = spec.texts("eligibility")
    if spec.has("application"):
        texts["application_process"] = spec.texts("application")
    among = "the service categories and migration situations"
    return ServiceTemplate(
        code=code,
        texts=texts,
        needs=all_known(places.terms, spec, "needs", among),
        profiles=all_known(places.terms, spec, "profiles", among),
        minimum_age=spec.optional_integer("minimum_age"),
    )


def service_descriptions(spec: Entry, offered: list[ServiceTemplate]) -> dict[str, dict[str, str]]:
    """A hub's own descriptions of services it offers, by template code."""
    if not spec.has("service_descriptions"):
        return {}
    section = spec.entry("service_descriptions")
    codes = {template.code for template in offered}
    descriptions = {}
    for code in section.values:
        if code not in codes:
            raise section.error(str(code), "is not one of this hub's services")
        descriptions[code] = section.texts(code)
    return descriptions


def hub_spec(spec: Entry, places: Places, templates: dict[str, ServiceTemplate]) -> HubSpec:
    offset = spec.numbers("offset", 2) or [0.0, 0.0]
    offered = all_known(templates, spec, "services", "the service templates")
    return HubSpec(
        slug=spec.text("slug"),
        operator=known(places.organisations, spec, "operator", "the demo organisations"),
        municipality=known(places.areas, spec, "municipality", "the demo areas"),
        kind=spec.choice("kind", Hub.Kind.values),
        timezone=spec.text("timezone"),
        languages=spec.codes("languages"),
        phone=spec.text("phone"),
        address=spec.text("address"),
        name=spec.texts("name"),
        description=spec.texts("description"),
        hours=weekly_hours(spec, "hours"),
        opening_hours=spec.texts("opening_hours"),
        services=offered,
        service_descriptions=service_descriptions(spec, offered),
        whatsapp=spec.optional_text("whatsapp"),
        offset=(offset[0], offset[1]),
        stale=spec.flag("stale", default=False),
    )


def mexican_hub_specs(
    network: Entry, places: Places, templates: dict[str, ServiceTemplate]
) -> list[HubSpec]:
    """One information point per city: named after it, with the first three services and, in
    turn, the fourth or the fifth (Tapachula, on the southern border, offers every one); its own
    description and hours where the file gives them, the network's otherwise."""
    offered = all_known(templates, network, "services", "the service templates")
    specs = []
    for index, point in enumerate(network.entries("points")):
        municipality = known(places.areas, point, "municipality", "the demo areas")
        city = municipality.name
        own = point if point.has("description") else network
        timed = point if point.has("hours") else network
        specs.append(
            HubSpec(
                slug=f"punto-informacion-{municipality.code.removeprefix('MX-')}",
                operator=known(places.organisations, point, "operator", "the demo organisations"),
                municipality=municipality,
                kind=Hub.Kind.INFORMATION_POINT,
                timezone=point.text("timezone"),
                languages=["es", "en"] if index % 3 == 0 else ["es"],
                phone=f"+52 55 5550 {1000 + index:04d}",
                address=network.text("address"),
                name=network.filled_texts("name", city=city),
                description=own.filled_texts("description", city=city),
                hours=weekly_hours(timed, "hours"),
                opening_hours=timed.texts("opening_hours"),
                services=offered
                if municipality.code == "MX-tapachula"
                else [*offered[:3], offered[3 + index % 2]],
                stale=index % 6 == 5,
            )
        )
    return specs


def load_hub(spec: HubSpec, today: date) -> Hub:
    municipality = spec.municipality
    verified = today - timedelta(days=240 if spec.stale else 20)
    hub = upsert(
        Hub,
        {"slug": spec.slug},
        {
            "operator": spec.operator,
            "country": municipality.country,
            "municipality": municipality,
            "kind": spec.kind,
            "status": Hub.Status.ACTIVE,
            "address": spec.address,
            "latitude": coordinate(float(municipality.latitude or 0) + spec.offset[0]),
            "longitude": coordinate(float(municipality.longitude or 0) + spec.offset[1]),
            "timezone": spec.timezone,
            "languages": services.joined_codes(spec.languages),
            "channels": services.joined_codes(
                ["in_person", "phone", "whatsapp"] if spec.whatsapp else ["in_person", "phone"]
            ),
            "phone": spec.phone,
            "whatsapp": spec.whatsapp,
            "assured_date": verified,
            "assurer_email": "hub.staff@demo.migralocal.org",
        },
    )
    set_translations(
        hub,
        {"name": spec.name, "description": spec.description, "opening_hours": spec.opening_hours},
    )
    services.hub_refresh(hub=hub)
    hours = spec.hours
    schedules = list(hub.schedules.values_list("byday", "opens_at", "closes_at"))
    if schedules != [(hours.byday, hours.opens_at, hours.closes_at)]:
        hub.schedules.all().delete()
        Schedule.objects.create(
            hub=hub,
            location=hub.location,
            freq=Schedule.Freq.WEEKLY,
            wkst="MO",
            byday=hours.byday,
            opens_at=hours.opens_at,
            closes_at=hours.closes_at,
        )
    return hub


def load_service(
    hub: Hub, template: ServiceTemplate, today: date, description: dict[str, str] | None
) -> None:
    stale = hub.assured_date is not None and hub.assured_date < today - timedelta(days=183)
    service = upsert(
        Service,
        {"id": demo_service_id(hub.slug, template.code)},
        {
            "hub": hub,
            "status": Service.Status.ACTIVE,
            "assured_date": today - timedelta(days=250 if stale else 30),
            "assurer_email": "hub.staff@demo.migralocal.org",
            "minimum_age": template.minimum_age,
        },
    )
    texts = (
        template.texts if description is None else {**template.texts, "description": description}
    )
    set_translations(service, texts)
    services.set_service_terms(service, template.needs, "service-categories")
    services.set_service_terms(service, template.profiles, "migration-situations")
    services.set_service_languages(service, hub.language_codes)
    services.set_service_phone(service, hub.phone)
    services.service_refresh(service=service)


def load_pathway(spec: Entry, places: Places, offered: set[tuple[str, str]]) -> None:
    pathway = upsert(
        ReferralPathway,
        {"slug": spec.text("slug")},
        {
            "country": known(places.countries, spec, "country", "the demo countries"),
            "municipality": known(places.areas, spec, "municipality", "the demo areas"),
            "situation": known(places.terms, spec, "situation", "the migration situations")
            if spec.has("situation")
            else None,
            "first_call": spec.optional_text("first_call"),
            "is_published": True,
        },
    )
    set_translations(pathway, spec.texts_of("title", "summary"))
    for position, step_spec in enumerate(spec.entries("steps"), start=1):
        step = upsert(
            PathwayStep,
            {"pathway": pathway, "position": position},
            {"phone": step_spec.optional_text("phone")},
        )
        set_translations(step, step_spec.texts_of("title", "instructions"))
        wanted = set()
        for link in step_spec.entries("services"):
            hub_slug, code = link.text("hub"), link.text("service")
            if (hub_slug, code) not in offered:
                raise link.error("service", f"the hub “{hub_slug}” does not offer “{code}”")
            wanted.add(demo_service_id(hub_slug, code))
        if set(step.services.values_list("pk", flat=True)) != wanted:
            step.services.set(list(wanted))


@transaction.atomic
def load(stdout: Writer) -> None:
    today = timezone.localdate()
    data = read_data_file(DEMO_FILE)
    places = Places.from_database()
    templates = {
        code: service_template(code, spec, places)
        for code, spec in data.named_entries("services").items()
    }
    hubs = [hub_spec(spec, places, templates) for spec in data.entries("hubs")]
    hubs += mexican_hub_specs(data.entry("mexican_information_points"), places, templates)
    service_count = 0
    for spec in hubs:
        hub = load_hub(spec, today)
        for template in spec.services:
            load_service(hub, template, today, spec.service_descriptions.get(template.code))
            service_count += 1
    offered = {(hub.slug, template.code) for hub in hubs for template in hub.services}
    pathways = data.entries("pathways")
    for pathway in pathways:
        load_pathway(pathway, places, offered)
    _listing_report_demo()
    stdout.write(
        f"Directory: {len(hubs)} hubs, {service_count} services, "
        f"{len(pathways)} referral pathways.\n"
    )


def _listing_report_demo() -> None:
    """One open problem report from the public, on a hub the demo hub staff keep."""
    hub = Hub.objects.filter(slug="ventanilla-el-progreso").first()
    if hub is None or ListingReport.objects.filter(hub=hub).exists():
        return
    ListingReport.objects.create(
        hub=hub,
        country_id=hub.country_id,
        problem=ListingReport.Problem.WRONG_PHONE,
        details="El número de WhatsApp ya no responde; ahora atienden en el 9555-0102.",
    )
