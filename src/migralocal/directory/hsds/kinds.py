"""The HSDS objects MigraLocal models, and how they nest.

`KINDS` says which model holds each object, which of its fields are translated and which objects
it nests; `flatten` turns a nested object into one row per HSDS id, the shape both the import and
the tabular export work on.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from migralocal.core.models import Taxonomy, TaxonomyTerm
from migralocal.directory.models import (
    Accessibility,
    Address,
    Attribute,
    Contact,
    CostOption,
    Language,
    Location,
    Organization,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
)

TERM_NAMESPACE = uuid.UUID("6d3f0c3e-5f8e-4a55-9a55-3c1f1d7e2a10")
HUB_EXTENSION = "migralocal_hub"
# What the tabular export writes where HSDS's tabular schema requires a value the directory does
# not hold (a postal code in a town without one); the tabular import reads it back as empty.
# docs/directory.md documents it.
NOT_GIVEN = "N/A"


@dataclass(frozen=True)
class Child:
    key: str
    kind: str
    link: str  # the foreign key: on the child for a list, on the parent for a single object
    many: bool = True


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[models.Model]
    fields: tuple[str, ...]
    translated: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    children: tuple[Child, ...] = ()


PHONES = Child("phones", "phone", "phone_parent")
KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "organization",
            Organization,
            (
                "name",
                "alternate_name",
                "email",
                "website",
                "tax_status",
                "tax_id",
                "year_incorporated",
                "legal_status",
                "logo",
                "uri",
                "parent_organization_id",
            ),
            translated=("description",),
            children=(
                Child("contacts", "contact", "organization_id"),
                Child("phones", "phone", "organization_id"),
                Child("locations", "location", "organization_id"),
                Child("services", "service", "organization_id"),
            ),
        ),
        Kind(
            "service",
            Service,
            (
                "url",
                "email",
                "status",
                "minimum_age",
                "maximum_age",
                "assured_date",
                "assurer_email",
                "last_modified",
            ),
            translated=(
                "name",
                "alternate_name",
                "description",
                "interpretation_services",
                "application_process",
                "fees_description",
                "wait_time",
                "fees",
                "accreditations",
                "eligibility_description",
                "licenses",
                "alert",
            ),
            links=("organization_id",),
            children=(
                Child("organization", "organization", "organization_id", many=False),
                Child("phones", "phone", "service_id"),
                Child("schedules", "schedule", "service_id"),
                Child("service_areas", "service_area", "service_id"),
                Child("service_at_locations", "service_at_location", "service_id"),
                Child("languages", "language", "service_id"),
                Child("cost_options", "cost_option", "service_id"),
                Child("required_documents", "required_document", "service_id"),
                Child("contacts", "contact", "service_id"),
                Child("attributes", "attribute", "link_id"),
            ),
        ),
        Kind(
            "location",
            Location,
            (
                "location_type",
                "url",
                "latitude",
                "longitude",
                "external_identifier",
                "external_identifier_type",
            ),
            translated=("name", "alternate_name", "description", "transportation"),
            links=("organization_id",),
            children=(
                Child("languages", "language", "location_id"),
                Child("addresses", "address", "location_id"),
                Child("contacts", "contact", "location_id"),
                Child("accessibility", "accessibility", "location_id"),
                Child("phones", "phone", "location_id"),
                Child("schedules", "schedule", "location_id"),
            ),
        ),
        Kind(
            "service_at_location",
            ServiceAtLocation,
            ("description",),
            links=("service_id", "location_id"),
            children=(
                Child("location", "location", "location_id", many=False),
                Child("contacts", "contact", "service_at_location_id"),
                Child("phones", "phone", "service_at_location_id"),
                Child("schedules", "schedule", "service_at_location_id"),
            ),
        ),
        Kind(
            "address",
            Address,
            (
                "attention",
                "address_1",
                "address_2",
                "city",
                "region",
                "state_province",
                "postal_code",
                "country",
                "address_type",
            ),
            links=("location_id",),
        ),
        Kind(
            "contact",
            Contact,
            ("name", "title", "department", "email"),
            links=("organization_id", "service_id", "service_at_location_id", "location_id"),
            children=(Child("phones", "phone", "contact_id"),),
        ),
        Kind(
            "phone",
            Phone,
            ("number", "extension", "type", "description"),
            links=(
                "location_id",
                "service_id",
                "organization_id",
                "contact_id",
                "service_at_location_id",
            ),
            children=(Child("languages", "language", "phone_id"),),
        ),
        Kind(
            "schedule",
            Schedule,
            (
                "valid_from",
                "valid_to",
                "dtstart",
                "timezone",
                "until",
                "count",
                "wkst",
                "freq",
                "interval",
                "byday",
                "byweekno",
                "bymonthday",
                "byyearday",
                "opens_at",
                "closes_at",
                "schedule_link",
                "attending_type",
            ),
            translated=("description", "notes"),
            links=("service_id", "location_id", "service_at_location_id"),
        ),
        Kind(
            "language",
            Language,
            ("name", "code", "note"),
            links=("service_id", "location_id", "phone_id"),
        ),
        Kind(
            "cost_option",
            CostOption,
            ("valid_from", "valid_to", "currency", "amount"),
            translated=("option", "amount_description"),
            links=("service_id",),
        ),
        Kind(
            "required_document",
            RequiredDocument,
            ("uri",),
            translated=("document",),
            links=("service_id",),
        ),
        Kind(
            "service_area",
            ServiceArea,
            ("name", "description", "extent", "extent_type", "uri"),
            links=("service_id",),
        ),
        Kind(
            "accessibility",
            Accessibility,
            ("description", "details", "url"),
            links=("location_id",),
        ),
        Kind(
            "attribute",
            Attribute,
            ("link_type", "link_entity", "value"),
            links=("link_id", "taxonomy_term_id"),
            children=(Child("taxonomy_term", "taxonomy_term", "taxonomy_term_id", many=False),),
        ),
        Kind(
            "taxonomy_term",
            TaxonomyTerm,
            ("code", "name", "description", "parent_id", "taxonomy", "language", "term_uri"),
            links=("taxonomy_id",),
            children=(Child("taxonomy_detail", "taxonomy", "taxonomy_id", many=False),),
        ),
        Kind(
            "taxonomy",
            Taxonomy,
            ("name", "description", "uri", "version"),
        ),
    )
}
TABLE_FILES = {
    "organization": "organizations.csv",
    "service": "services.csv",
    "location": "locations.csv",
    "service_at_location": "service_at_location.csv",
    "address": "addresses.csv",
    "contact": "contacts.csv",
    "phone": "phones.csv",
    "schedule": "schedules.csv",
    "language": "languages.csv",
    "cost_option": "cost_options.csv",
    "required_document": "required_documents.csv",
    "service_area": "service_areas.csv",
    "accessibility": "accessibility.csv",
    "attribute": "attributes.csv",
    "taxonomy_term": "taxonomy_terms.csv",
    "taxonomy": "taxonomies.csv",
}


@dataclass
class Item:
    """One top-level object of the input (a service, or an organisation with its services)."""

    kind: str
    data: dict[str, Any]
    origin: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.kind} {self.data.get('id', '?')}"


Tables = dict[str, dict[str, dict[str, Any]]]


def flatten(
    kind_name: str,
    data: dict[str, Any],
    parent: tuple[str, str, Child] | None,
    tables: Tables,
) -> None:
    """Turn a nested HSDS object into rows keyed by id, merging repeats of the same id."""
    kind = KINDS[kind_name]
    object_id = str(data.get("id", ""))
    row = tables[kind_name].setdefault(object_id, {"id": object_id})
    for name, value in data.items():
        if isinstance(value, dict | list):
            continue
        if value is None:
            continue
        row[name] = value
    if parent is not None:
        _parent_kind, parent_id, child = parent
        if child.many:
            row[child.link] = parent_id
    for child in kind.children:
        value = data.get(child.key)
        if value is None:
            continue
        if child.many:
            for item in value:
                if isinstance(item, dict):
                    flatten(child.kind, item, (kind_name, object_id, child), tables)
        elif isinstance(value, dict):
            flatten(child.kind, value, (kind_name, object_id, child), tables)
            row[child.link] = str(value.get("id", ""))
    if kind_name == "attribute" and "link_id" not in row and parent is not None:
        row["link_id"] = parent[1]
