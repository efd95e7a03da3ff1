"""Directory demo data: hubs in Honduras, Mexico, El Salvador and Legazpi City, their services
in both languages, and referral pathways. Loading twice changes nothing: every row is upserted on
its slug or on an id derived from one."""

from __future__ import annotations

import uuid
from datetime import time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from migralocal.core.demo import Writer, coordinate, set_translations, upsert
from migralocal.core.models import AdministrativeArea, Country, Organisation, TaxonomyTerm
from migralocal.directory import services
from migralocal.directory.demo_data import (
    HUBS,
    MEXICAN_POINT_SERVICES,
    MEXICAN_POINTS,
    PATHWAYS,
    SERVICES,
)
from migralocal.directory.models import Hub, PathwayStep, ReferralPathway, Schedule, Service

DEMO_NAMESPACE = uuid.UUID("0f1d5c2e-8b7a-4c3d-9e6f-1a2b3c4d5e6f")
WEEKDAYS = "MO,TU,WE,TH,FR"


def demo_service_id(hub_slug: str, template: str) -> uuid.UUID:
    return uuid.uuid5(DEMO_NAMESPACE, f"{hub_slug}:{template}")


def mexican_hub_specs() -> list[dict[str, Any]]:
    specs = []
    for index, (code, operator, zone) in enumerate(MEXICAN_POINTS):
        city = AdministrativeArea.objects.get(code=code).name
        extra = MEXICAN_POINT_SERVICES[3 + index % 2]  # alternately labour or psychosocial care
        specs.append(
            {
                "slug": f"punto-informacion-{code.removeprefix('MX-')}",
                "operator": operator,
                "municipality": code,
                "kind": "information_point",
                "timezone": zone,
                "languages": ["es", "en"] if index % 3 == 0 else ["es"],
                "phone": f"+52 55 5550 {1000 + index:04d}",
                "address": "Centro de la ciudad",
                "name": {
                    "es": f"Punto de Información para Personas Migrantes de {city}",
                    "en": f"{city} Migrant Information Point",
                },
                # Tapachula, on the southern border, offers every service.
                "services": MEXICAN_POINT_SERVICES
                if code == "MX-tapachula"
                else [*MEXICAN_POINT_SERVICES[:3], extra],
                "stale": index % 6 == 5,
            }
        )
    return specs


def load_hub(spec: dict[str, Any], today: Any) -> Hub:
    municipality = AdministrativeArea.objects.select_related("country").get(
        code=spec["municipality"]
    )
    offset = spec.get("offset", (0.0, 0.0))
    verified = today - timedelta(days=240 if spec.get("stale") else 20)
    hub = upsert(
        Hub,
        {"slug": spec["slug"]},
        {
            "operator": Organisation.objects.get(slug=spec["operator"]),
            "country": municipality.country,
            "municipality": municipality,
            "kind": spec["kind"],
            "status": Hub.Status.ACTIVE,
            "address": spec["address"],
            "latitude": coordinate(float(municipality.latitude or 0) + offset[0]),
            "longitude": coordinate(float(municipality.longitude or 0) + offset[1]),
            "timezone": spec["timezone"],
            "languages": services.joined_codes(spec["languages"]),
            "channels": services.joined_codes(
                ["in_person", "phone", "whatsapp"]
                if spec.get("whatsapp")
                else ["in_person", "phone"]
            ),
            "phone": spec["phone"],
            "whatsapp": spec.get("whatsapp", ""),
            "assured_date": verified,
            "assurer_email": "hub.staff@demo.migralocal.org",
        },
    )
    hours = {"es": "Lunes a viernes, de 8:00 a 16:00", "en": "Monday to Friday, 8:00 to 16:00"}
    set_translations(hub, {"name": spec["name"], "opening_hours": hours})
    services.hub_refresh(hub=hub)
    if not hub.schedules.filter(byday=WEEKDAYS, opens_at=time(8), closes_at=time(16)).exists():
        hub.schedules.all().delete()
        Schedule.objects.create(
            hub=hub,
            location=hub.location,
            freq=Schedule.Freq.WEEKLY,
            wkst="MO",
            byday=WEEKDAYS,
            opens_at=time(8),
            closes_at=time(16),
        )
    return hub


def load_service(hub: Hub, template_code: str, terms: dict[str, TaxonomyTerm], today: Any) -> None:
    template = SERVICES[template_code]
    stale = hub.assured_date is not None and hub.assured_date < today - timedelta(days=183)
    service = upsert(
        Service,
        {"id": demo_service_id(hub.slug, template_code)},
        {
            "hub": hub,
            "status": Service.Status.ACTIVE,
            "assured_date": today - timedelta(days=250 if stale else 30),
            "assurer_email": "hub.staff@demo.migralocal.org",
            "minimum_age": 18 if template_code in {"labour", "predeparture"} else None,
        },
    )
    texts: dict[str, dict[str, str]] = {
        "name": template["name"],
        "description": template["description"],
    }
    if "eligibility" in template:
        texts["eligibility_description"] = template["eligibility"]
    if "application" in template:
        texts["application_process"] = template["application"]
    set_translations(service, texts)
    services.set_service_terms(service, [terms[c] for c in template["needs"]], "service-categories")
    services.set_service_terms(
        service, [terms[c] for c in template["profiles"]], "migration-situations"
    )
    services.set_service_languages(service, hub.language_codes)
    services.set_service_phone(service, hub.phone)
    services.service_refresh(service=service)


def load_pathway(spec: dict[str, Any], terms: dict[str, TaxonomyTerm]) -> None:
    pathway = upsert(
        ReferralPathway,
        {"slug": spec["slug"]},
        {
            "country": Country.objects.get(code=spec["country"]),
            "municipality": AdministrativeArea.objects.get(code=spec["municipality"]),
            "situation": terms.get(spec["situation"]),
            "first_call": spec["first_call"],
            "is_published": True,
        },
    )
    set_translations(pathway, {"title": spec["title"], "summary": spec["summary"]})
    for position, (title, instructions, phone, linked) in enumerate(spec["steps"], start=1):
        step = upsert(PathwayStep, {"pathway": pathway, "position": position}, {"phone": phone})
        set_translations(step, {"title": title, "instructions": instructions})
        wanted = {demo_service_id(hub_slug, code) for hub_slug, code in linked}
        if set(step.services.values_list("pk", flat=True)) != wanted:
            step.services.set(list(wanted))


@transaction.atomic
def load(stdout: Writer) -> None:
    today = timezone.localdate()
    terms = {
        term.code: term
        for term in TaxonomyTerm.objects.filter(
            taxonomy__code__in=["service-categories", "migration-situations"]
        )
    }
    hub_count = service_count = 0
    for spec in [*HUBS, *mexican_hub_specs()]:
        hub = load_hub(spec, today)
        hub_count += 1
        for template_code in spec["services"]:
            load_service(hub, template_code, terms, today)
            service_count += 1
    for pathway in PATHWAYS:
        load_pathway(pathway, terms)
    stdout.write(
        f"Directory: {hub_count} hubs, {service_count} services, "
        f"{len(PATHWAYS)} referral pathways.\n"
    )
