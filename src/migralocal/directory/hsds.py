"""Open Referral HSDS 3.0: export our directory, and import directories that already exist.

Both directions go through one description of the HSDS objects we model (`KINDS`): which model
holds each object, which of its fields are translated, and how objects nest. HSDS objects we do
not model (program, funding, metadata, organization identifiers) are not imported.

Import works in two steps. First every object of the input is flattened into rows, one per HSDS
id (an object repeated under several parents, such as one phone listed for a service and for its
location, becomes one row with both links, as in HSDS's tabular form), checked against the
official JSON schema and converted into model values; every problem is collected with its object,
field and reason. Only then, and only if nothing is wrong (or the caller asked to skip what is),
is everything written, in one transaction, matching existing rows on their HSDS ids.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify
from django.utils.translation import gettext as _
from jsonschema import Draft7Validator, FormatChecker

from migralocal.core.models import Taxonomy, TaxonomyTerm
from migralocal.directory import services as directory_services
from migralocal.directory.models import (
    Accessibility,
    Address,
    Attribute,
    Contact,
    CostOption,
    Hub,
    Language,
    Location,
    Organization,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyIdentity,
    TermIdentity,
)

SCHEMA_DIR = Path(__file__).resolve().parent / "hsds_schema"
TERM_NAMESPACE = uuid.UUID("6d3f0c3e-5f8e-4a55-9a55-3c1f1d7e2a10")
HUB_EXTENSION = "migralocal_hub"


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
    required_text: tuple[str, ...] = ()


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
            required_text=("description",),
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
            required_text=("name", "description"),
        ),
        Kind(
            "taxonomy",
            Taxonomy,
            ("name", "description", "uri", "version"),
            required_text=("name", "description"),
        ),
    )
}
# Written parents first, so that every link points at a row that exists.
WRITE_ORDER = (
    "taxonomy",
    "taxonomy_term",
    "organization",
    "location",
    "service",
    "service_at_location",
    "address",
    "contact",
    "phone",
    "schedule",
    "language",
    "cost_option",
    "required_document",
    "service_area",
    "accessibility",
    "attribute",
)
REQUIRED_LINKS = {
    "service_at_location": ("service_id", "location_id"),
    "address": ("location_id",),
    "accessibility": ("location_id",),
    "cost_option": ("service_id",),
    "required_document": ("service_id",),
    "service_area": ("service_id",),
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


@cache
def service_schema() -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / "service_with_definitions.json").read_text())


@cache
def tabular_schema() -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / "tabular.json").read_text())


def table_columns(kind: str) -> list[str]:
    """The CSV columns of an HSDS table, in the order the specification gives them."""
    properties = tabular_schema()["properties"][kind]["items"]["properties"]
    return [
        name for name, spec in properties.items() if spec.get("type") not in ("array", "object")
    ]


def column_types(kind: str) -> dict[str, str]:
    properties = tabular_schema()["properties"][kind]["items"]["properties"]
    return {name: spec.get("type", "string") for name, spec in properties.items()}


def service_validator() -> Draft7Validator:
    return Draft7Validator(service_schema(), format_checker=FormatChecker())


def definition_validator(kind: str) -> Draft7Validator:
    schema = {"$ref": f"#/definitions/{kind}", "definitions": service_schema()["definitions"]}
    return Draft7Validator(schema, format_checker=FormatChecker())


# ----------------------------------------------------------------------------------------------
# Export


def term_hsds_id(term: TaxonomyTerm) -> str:
    identity = getattr(term, "hsds", None)
    if identity is not None:
        return str(identity.hsds_id)
    return str(uuid.uuid5(TERM_NAMESPACE, f"term:{term.taxonomy.code}:{term.code}"))


def taxonomy_hsds_id(taxonomy: Taxonomy) -> str:
    identity = getattr(taxonomy, "hsds", None)
    if identity is not None:
        return str(identity.hsds_id)
    return str(uuid.uuid5(TERM_NAMESPACE, f"taxonomy:{taxonomy.code}"))


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _scalars(kind: Kind, obj: Any, language: str) -> dict[str, Any]:
    data: dict[str, Any] = {"id": str(obj.pk)}
    for name in (*kind.fields, *kind.translated):
        raw = (
            obj.safe_translation_getter(name, language_code=language, any_language=True)
            if name in kind.translated
            else getattr(obj, name)
        )
        value = _plain(raw)
        if value not in (None, ""):
            data[name] = value
        elif name in kind.required_text:
            data[name] = ""
    return data


def _term_object(term: TaxonomyTerm, language: str) -> dict[str, Any]:
    identity = getattr(term, "hsds", None)
    taxonomy = term.taxonomy
    taxonomy_identity = getattr(taxonomy, "hsds", None)
    data: dict[str, Any] = {
        "id": term_hsds_id(term),
        "code": term.code,
        "name": term.safe_translation_getter("label", language_code=language, any_language=True)
        or term.code,
        "description": term.safe_translation_getter(
            "description", language_code=language, any_language=True
        )
        or "",
        "taxonomy": (identity.taxonomy_label if identity and identity.taxonomy_label else "")
        or taxonomy.code,
        "taxonomy_id": taxonomy_hsds_id(taxonomy),
        "taxonomy_detail": {
            "id": taxonomy_hsds_id(taxonomy),
            "name": taxonomy.safe_translation_getter(
                "name", language_code=language, any_language=True
            )
            or taxonomy.code,
            "description": taxonomy.safe_translation_getter(
                "description", language_code=language, any_language=True
            )
            or "",
        },
    }
    if taxonomy_identity is not None:
        for name in ("uri", "version"):
            if getattr(taxonomy_identity, name):
                data["taxonomy_detail"][name] = getattr(taxonomy_identity, name)
    if term.parent_id and term.parent is not None:
        data["parent_id"] = term_hsds_id(term.parent)
    if identity is not None:
        if identity.parent_id:
            data["parent_id"] = str(identity.parent_id)
        for name in ("language", "term_uri"):
            if getattr(identity, name):
                data[name] = getattr(identity, name)
    return data


def serialize(kind_name: str, obj: Any, language: str, parent: str = "") -> dict[str, Any]:
    """One HSDS object with its nested objects, as the service schema nests them."""
    kind = KINDS[kind_name]
    data = _scalars(kind, obj, language)
    for link in kind.links:
        value = getattr(obj, link, None)
        if value is not None and link != "taxonomy_term_id":
            data[link] = str(value)
    if kind_name == "attribute":
        data["link_id"] = str(obj.service_id)
        data["taxonomy_term_id"] = term_hsds_id(obj.taxonomy_term)
        data["taxonomy_term"] = _term_object(obj.taxonomy_term, language)
        return data
    for child in kind.children:
        if child.kind == parent or (kind_name == "organization" and child.key == "services"):
            continue
        if child.many:
            related = getattr(obj, child.key)
            data[child.key] = [
                serialize(child.kind, item, language, parent=kind_name) for item in related.all()
            ]
        else:
            related_obj = getattr(obj, child.key, None)
            if related_obj is not None:
                data[child.key] = serialize(child.kind, related_obj, language, parent=kind_name)
    if kind_name == "service" and obj.hub_id:
        data[HUB_EXTENSION] = obj.hub.slug
    return data


# Everything an HSDS service object nests, so that serialising a page of services takes a fixed
# number of queries.
SERVICE_PREFETCH = (
    "translations",
    "organization__translations",
    "organization__contacts__phones__languages",
    "organization__phones__languages",
    "organization__locations__translations",
    "phones__languages",
    "schedules__translations",
    "service_areas",
    "service_at_locations__location__translations",
    "service_at_locations__location__addresses",
    "service_at_locations__location__phones__languages",
    "service_at_locations__location__languages",
    "service_at_locations__location__schedules__translations",
    "service_at_locations__location__accessibility",
    "service_at_locations__location__contacts__phones__languages",
    "service_at_locations__contacts__phones__languages",
    "service_at_locations__phones__languages",
    "service_at_locations__schedules__translations",
    "languages",
    "cost_options__translations",
    "required_documents__translations",
    "contacts__phones__languages",
    "attributes__taxonomy_term__translations",
    "attributes__taxonomy_term__taxonomy__translations",
    "attributes__taxonomy_term__hsds",
    "attributes__taxonomy_term__parent",
    "attributes__taxonomy_term__taxonomy__hsds",
)


def exported_services() -> Iterator[Service]:
    """Public services, with everything an HSDS export nests, read in few queries."""
    return (
        Service.objects.exclude(status=Service.Status.DEFUNCT)
        .exclude(hub__status=Hub.Status.CLOSED)
        .select_related("organization", "hub")
        .prefetch_related(*SERVICE_PREFETCH)
        .order_by("pk")
        .iterator(chunk_size=200)
    )


def export_services_json(language: str) -> list[dict[str, Any]]:
    return [serialize("service", service, language) for service in exported_services()]


def _table_rows(services: list[dict[str, Any]]) -> dict[str, dict[str, dict[str, Any]]]:
    tables: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for service in services:
        _flatten("service", service, None, tables, [])
    return tables


def write_tabular(services: list[dict[str, Any]], folder: Path) -> None:
    """The HSDS tabular form: one CSV per table and a datapackage.json describing them."""
    folder.mkdir(parents=True, exist_ok=True)
    tables = _table_rows(services)
    resources = []
    for kind, filename in TABLE_FILES.items():
        columns = table_columns(kind)
        types = column_types(kind)
        with (folder / filename).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            for row in tables.get(kind, {}).values():
                writer.writerow({name: _csv_value(row.get(name)) for name in columns})
        resources.append(
            {
                "name": kind,
                "path": filename,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {"name": name, "type": types.get(name, "string")} for name in columns
                    ]
                },
            }
        )
    package = {
        "name": "migralocal-hsds",
        "title": "MigraLocal directory (HSDS 3.0)",
        "profile": "tabular-data-package",
        "resources": resources,
    }
    (folder / "datapackage.json").write_text(json.dumps(package, indent=2, ensure_ascii=False))


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    return str(value)


def export_directory(out: Path, language: str) -> int:
    """Write `out/services.json` and the tabular package `out/csv/`. Returns the service count."""
    services = export_services_json(language)
    out.mkdir(parents=True, exist_ok=True)
    (out / "services.json").write_text(json.dumps(services, indent=2, ensure_ascii=False))
    write_tabular(services, out / "csv")
    return len(services)


def export_zip(language: str | None = None) -> bytes:
    """The same export as one zip file, for the download on the directory page."""
    import tempfile

    from django.utils.translation import get_language

    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        export_directory(root, language or get_language() or "es")
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(root).as_posix())
    return buffer.getvalue()


# ----------------------------------------------------------------------------------------------
# Import


@dataclass(frozen=True)
class Problem:
    kind: str
    object_id: str
    field: str
    reason: str
    where: str = ""

    def __str__(self) -> str:
        place = f" ({self.where})" if self.where else ""
        field_part = f", {self.field}" if self.field else ""
        return f"{self.kind} {self.object_id}{place}{field_part}: {self.reason}"


@dataclass
class ImportResult:
    created: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    updated: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    problems: list[Problem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    written: bool = False


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


def _flatten(
    kind_name: str,
    data: dict[str, Any],
    parent: tuple[str, str, Child] | None,
    tables: Tables,
    problems: list[Problem],
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
                    _flatten(child.kind, item, (kind_name, object_id, child), tables, problems)
        elif isinstance(value, dict):
            _flatten(child.kind, value, (kind_name, object_id, child), tables, problems)
            row[child.link] = str(value.get("id", ""))
    if kind_name == "attribute" and "link_id" not in row and parent is not None:
        row["link_id"] = parent[1]


def _schema_problems(item: Item) -> list[Problem]:
    if item.kind == "service":
        validator = service_validator()
        documents = [(item.data, validator, "service")]
    else:
        organization = {k: v for k, v in item.data.items() if k != "services"}
        documents = [(organization, definition_validator("organization"), "organization")]
        documents += [
            (service, service_validator(), "service")
            for service in item.data.get("services", [])
            if isinstance(service, dict)
        ]
    problems = []
    for document, validator, kind in documents:
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
            problems.append(_problem_at(document, kind, list(error.absolute_path), error.message))
    return [_with_origin(problem, item) for problem in problems]


def _problem_at(document: dict[str, Any], kind: str, path: list[Any], reason: str) -> Problem:
    """Name the innermost object with an id on the path of a schema error."""
    current: Any = document
    owner_kind, owner_id, field_path = kind, str(document.get("id", "?")), []
    kinds_by_key = {child.key: child.kind for spec in KINDS.values() for child in spec.children}
    pending_kind = kind
    for step in path:
        if isinstance(current, dict) and isinstance(step, str):
            pending_kind = kinds_by_key.get(step, pending_kind)
        if isinstance(current, dict | list):
            try:
                current = current[step]
            except (KeyError, IndexError, TypeError):
                break
        field_path.append(str(step))
        if isinstance(current, dict) and "id" in current:
            owner_kind, owner_id, field_path = pending_kind, str(current["id"]), []
    return Problem(owner_kind, owner_id, ".".join(field_path), reason)


def _with_origin(problem: Problem, item: Item) -> Problem:
    where = item.origin.get(f"{problem.kind}:{problem.object_id}", "")
    if not where:
        return problem
    return Problem(problem.kind, problem.object_id, problem.field, problem.reason, where)


def _convert(
    kind: Kind, row: dict[str, Any], problems: list[Problem], origin: dict[str, str]
) -> dict[str, Any]:
    """Model values for one row, with a problem for each value the model cannot hold."""
    values: dict[str, Any] = {}
    object_id = row["id"]

    def problem(name: str, reason: str) -> None:
        where = origin.get(f"{kind.name}:{object_id}", "")
        problems.append(Problem(kind.name, object_id, name, reason, where))

    model_fields = {f.name: f for f in kind.model._meta.get_fields() if hasattr(f, "attname")}
    for name in (*kind.fields, *kind.translated):
        if name not in row:
            continue
        raw = row[name]
        model_field = model_fields.get(name)
        if model_field is None:
            values[name] = raw
            continue
        try:
            values[name] = _to_model_value(model_field, raw)
        except (ValueError, TypeError, InvalidOperation):
            problem(name, _("%(value)r is not a valid value here.") % {"value": raw})
            continue
        except ValidationError as error:
            problem(name, " ".join(str(message) for message in error.messages))
            continue
    for name, low, high in (("latitude", -90, 90), ("longitude", -180, 180)):
        value = values.get(name)
        if value is not None and not low <= value <= high:
            problem(
                name,
                _("%(value)s is outside the possible range, %(low)s to %(high)s.")
                % {"value": row[name], "low": low, "high": high},
            )
            values.pop(name)
    low_age, high_age = values.get("minimum_age"), values.get("maximum_age")
    if low_age is not None and high_age is not None and low_age > high_age:
        problem("maximum_age", _("The maximum age cannot be below the minimum age."))
    return values


def _to_model_value(model_field: Any, raw: Any) -> Any:
    if isinstance(model_field, models.DateTimeField):
        parsed = parse_datetime(str(raw).replace("Z", "+00:00"))
        if parsed is None:
            raise ValueError(raw)
        return parsed
    if isinstance(model_field, models.DateField):
        return date.fromisoformat(str(raw))
    if isinstance(model_field, models.TimeField):
        # Times are kept as local wall-clock times; an offset in the data is dropped.
        return time.fromisoformat(str(raw).replace("Z", "")).replace(tzinfo=None)
    if isinstance(model_field, models.DecimalField):
        amount = Decimal(str(raw))
        if model_field.name not in ("latitude", "longitude"):  # checked with a clearer message
            model_field.run_validators(amount)
        return amount
    if isinstance(model_field, models.IntegerField):
        number = float(raw)
        if not number.is_integer():
            raise ValueError(raw)
        model_field.run_validators(int(number))
        return int(number)
    if isinstance(model_field, models.FloatField):
        return float(raw)
    if isinstance(model_field, models.UUIDField):
        return uuid.UUID(str(raw))
    value = str(raw)
    model_field.run_validators(value)
    return value


def _uuid_problems(tables: Tables, origin: dict[str, str]) -> list[Problem]:
    problems = []
    for kind_name, rows in tables.items():
        for object_id in rows:
            try:
                uuid.UUID(object_id)
            except ValueError:
                where = origin.get(f"{kind_name}:{object_id}", "")
                problems.append(
                    Problem(kind_name, object_id, "id", _("An HSDS id must be a UUID."), where)
                )
    return problems


@dataclass
class Prepared:
    tables: Tables
    values: dict[str, dict[str, dict[str, Any]]]


def prepare(item: Item) -> tuple[Prepared, list[Problem]]:
    """Flatten, validate and convert one item without writing anything."""
    problems = _schema_problems(item)
    tables: Tables = defaultdict(dict)
    _flatten(item.kind, item.data, None, tables, problems)
    problems += _uuid_problems(tables, item.origin)
    values: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for kind_name, rows in tables.items():
        for object_id, row in rows.items():
            values[kind_name][object_id] = _convert(KINDS[kind_name], row, problems, item.origin)
    unique = list(dict.fromkeys(problems))
    return Prepared(tables, values), unique


def _merge(into: Prepared, other: Prepared) -> None:
    for kind_name, rows in other.tables.items():
        for object_id, row in rows.items():
            into.tables[kind_name].setdefault(object_id, {}).update(row)
            into.values[kind_name].setdefault(object_id, {}).update(
                other.values[kind_name][object_id]
            )


def import_items(
    items: Iterable[Item], *, language: str, skip_invalid: bool = False
) -> ImportResult:
    """Import HSDS objects. Nothing is written if any is invalid, unless `skip_invalid`, which
    leaves out the invalid top-level objects (and lists them) and imports the rest."""
    result = ImportResult()
    merged = Prepared(defaultdict(dict), defaultdict(dict))
    for item in items:
        prepared, problems = prepare(item)
        if problems:
            result.problems.extend(problems)
            result.skipped.append(item.label)
            continue
        _merge(merged, prepared)
    if result.problems and not skip_invalid:
        result.skipped = []
        return result
    _write(merged, language, result)
    result.written = True
    return result


@transaction.atomic
def _write(prepared: Prepared, language: str, result: ImportResult) -> None:
    terms = _write_taxonomies(prepared, language, result)
    known: dict[str, set[str]] = defaultdict(set)
    for kind_name in WRITE_ORDER:
        if kind_name in ("taxonomy", "taxonomy_term"):
            continue
        kind = KINDS[kind_name]
        for object_id, row in prepared.tables.get(kind_name, {}).items():
            values = prepared.values[kind_name][object_id]
            _write_row(kind, object_id, row, values, language, terms, known, result)
    for object_id in prepared.tables.get("service", {}):
        service = Service.objects.select_related("hub").get(pk=object_id)
        directory_services.service_refresh(service=service)


def _existing(model: type[models.Model], ids: Iterable[Any]) -> set[str]:
    return {
        str(pk)
        for pk in model._default_manager.filter(pk__in=list(ids)).values_list("pk", flat=True)
    }


def _write_row(
    kind: Kind,
    object_id: str,
    row: dict[str, Any],
    values: dict[str, Any],
    language: str,
    terms: dict[str, TaxonomyTerm],
    known: dict[str, set[str]],
    result: ImportResult,
) -> None:
    plain = {name: value for name, value in values.items() if name in kind.fields}
    for link in kind.links:
        target = row.get(link)
        if not target:
            continue
        if kind.name == "attribute":
            continue
        target_kind = link.removesuffix("_id")
        target_model = KINDS[target_kind].model if target_kind in KINDS else None
        if target_model is not None and (
            target in known[target_kind] or _existing(target_model, [target])
        ):
            plain[link] = target
    if kind.name == "attribute":
        term = terms.get(str(row.get("taxonomy_term_id", "")))
        service_id = row.get("link_id")
        if term is None or not service_id or not Service.objects.filter(pk=service_id).exists():
            return
        plain.update(service_id=service_id, taxonomy_term=term)
        Attribute.objects.filter(service_id=service_id, taxonomy_term=term).exclude(
            pk=object_id
        ).delete()
    if any(link not in plain for link in REQUIRED_LINKS.get(kind.name, ())):
        return  # an orphan row (only possible in tabular input): nothing to attach it to
    if kind.name == "service":
        hub_slug = row.get(HUB_EXTENSION)
        if hub_slug:
            plain["hub"] = Hub.objects.filter(slug=hub_slug).first()
    obj = kind.model._default_manager.filter(pk=object_id).first()
    created = obj is None
    if obj is None:
        obj = kind.model(pk=object_id)
    for name, value in plain.items():
        setattr(obj, name, value)
    if kind.translated:
        obj.set_current_language(language)  # type: ignore[attr-defined]
        for name in kind.translated:
            if name in values:
                setattr(obj, name, values[name])
    obj.save()
    known[kind.name].add(object_id)
    (result.created if created else result.updated)[kind.name] += 1


def _write_taxonomies(
    prepared: Prepared, language: str, result: ImportResult
) -> dict[str, TaxonomyTerm]:
    """Map HSDS taxonomies and terms onto ours, creating what is new; returns terms by HSDS id."""
    ours_by_uuid = {
        str(uuid.uuid5(TERM_NAMESPACE, f"term:{term.taxonomy.code}:{term.code}")): term
        for term in TaxonomyTerm.objects.select_related("taxonomy")
    }
    taxonomies_by_uuid = {
        str(uuid.uuid5(TERM_NAMESPACE, f"taxonomy:{taxonomy.code}")): taxonomy
        for taxonomy in Taxonomy.objects.all()
    }
    taxonomies: dict[str, Taxonomy] = {}
    for object_id, row in prepared.tables.get("taxonomy", {}).items():
        identity = TaxonomyIdentity.objects.filter(hsds_id=object_id).first()
        taxonomy = identity.taxonomy if identity else taxonomies_by_uuid.get(object_id)
        if taxonomy is None:
            code = slugify(row.get("name", ""))[:50] or f"hsds-{object_id[:8]}"
            taxonomy, _created = Taxonomy.objects.get_or_create(code=code)
            result.created["taxonomy"] += 1
            _set_taxonomy_text(taxonomy, row, language)
            TaxonomyIdentity.objects.update_or_create(
                taxonomy=taxonomy,
                defaults={
                    "hsds_id": object_id,
                    "uri": row.get("uri", ""),
                    "version": row.get("version", ""),
                },
            )
        elif identity is not None:
            _set_taxonomy_text(taxonomy, row, language)
            identity.uri, identity.version = row.get("uri", ""), row.get("version", "")
            identity.save()
        taxonomies[object_id] = taxonomy
    terms: dict[str, TaxonomyTerm] = {}
    for object_id, row in prepared.tables.get("taxonomy_term", {}).items():
        term_identity = (
            TermIdentity.objects.filter(hsds_id=object_id).select_related("term").first()
        )
        if term_identity is None and object_id in ours_by_uuid:
            # One of our own terms coming back from an export: ours stays as it is.
            terms[object_id] = ours_by_uuid[object_id]
            continue
        if term_identity is not None:
            term = term_identity.term
            result.updated["taxonomy_term"] += 1
        else:
            taxonomy = taxonomies.get(str(row.get("taxonomy_id", "")))
            if taxonomy is None:
                taxonomy, _created = Taxonomy.objects.get_or_create(
                    code=slugify(row.get("taxonomy", ""))[:50] or "hsds-imported"
                )
            code = str(row.get("code") or slugify(row.get("name", "")) or object_id)[:60]
            term, _created = TaxonomyTerm.objects.get_or_create(taxonomy=taxonomy, code=code)
            result.created["taxonomy_term"] += 1
        values = prepared.values["taxonomy_term"][object_id]
        term.set_current_language(language)
        term.label = values.get("name", term.code)
        term.description = values.get("description", "")
        term.save()
        TermIdentity.objects.update_or_create(
            term=term,
            defaults={
                "hsds_id": object_id,
                "parent_id": values.get("parent_id"),
                "taxonomy_label": row.get("taxonomy", ""),
                "term_uri": row.get("term_uri", ""),
                "language": row.get("language", ""),
            },
        )
        terms[object_id] = term
    return terms


def _set_taxonomy_text(taxonomy: Taxonomy, row: dict[str, Any], language: str) -> None:
    taxonomy.set_current_language(language)
    taxonomy.name = row.get("name", "") or taxonomy.code
    taxonomy.description = row.get("description", "")
    taxonomy.save()


# ----------------------------------------------------------------------------------------------
# Reading input files


class InputError(Exception):
    """The input cannot be read at all (not JSON, no CSV, unknown shape)."""


def items_from_json(document: Any) -> list[Item]:
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        document = document["contents"]
    objects = document if isinstance(document, list) else [document]
    items = []
    for obj in objects:
        if not isinstance(obj, dict):
            raise InputError(_("Expected HSDS objects, found %(value)r.") % {"value": obj})
        kind = "service" if "status" in obj or "service_at_locations" in obj else "organization"
        items.append(Item(kind, obj))
    return items


def read_items(path: Path) -> list[Item]:
    """HSDS items from a JSON file (a service, a list or page of them, an organisation with its
    services) or from a tabular package folder (CSV files, with or without datapackage.json).
    An input with nothing in it is refused: an import that reports success having done nothing
    would hide a wrong or truncated file."""
    items = _items_in(path)
    if not items:
        raise InputError(_("%(path)s holds no services to import.") % {"path": path})
    return items


def _items_in(path: Path) -> list[Item]:
    if path.is_dir():
        return items_from_tables(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(
            _("%(path)s is not a readable JSON file: %(error)s") % {"path": path, "error": error}
        ) from error
    except RecursionError as error:
        raise InputError(_("%(path)s is nested too deeply.") % {"path": path}) from error
    if _depth(document) > MAX_DEPTH:
        raise InputError(_("%(path)s is nested too deeply.") % {"path": path})
    return items_from_json(document)


# HSDS objects nest about six levels (service → location → schedule → …); anything far deeper
# is not a directory and would exhaust the validator's recursion.
MAX_DEPTH = 32


def _depth(document: Any) -> int:
    deepest, stack = 0, [(document, 1)]
    while stack:
        value, level = stack.pop()
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            break
        children = value.values() if isinstance(value, dict) else value
        if isinstance(value, dict | list):
            stack.extend((child, level + 1) for child in children)
    return deepest


def _read_tables(folder: Path) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str]]:
    try:
        return _read_table_files(folder)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise InputError(
            _("%(path)s holds a CSV file that cannot be read: %(error)s")
            % {"path": folder, "error": error}
        ) from error


def _read_table_files(folder: Path) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str]]:
    tables: dict[str, list[dict[str, Any]]] = {}
    origin: dict[str, str] = {}
    for kind, filename in TABLE_FILES.items():
        path = folder / filename
        if not path.exists():
            continue
        types = column_types(kind)
        rows = []
        with path.open(newline="", encoding="utf-8-sig") as handle:
            for number, raw in enumerate(csv.DictReader(handle), start=2):
                row: dict[str, Any] = {}
                for name, value in raw.items():
                    if name is None or value in (None, ""):
                        continue
                    row[name] = _typed(value, types.get(name, "string"))
                rows.append(row)
                origin[f"{kind}:{row.get('id', '')}"] = _("%(file)s row %(row)s") % {
                    "file": filename,
                    "row": number,
                }
        tables[kind] = rows
    if "service" not in tables:
        raise InputError(_("%(path)s holds no services.csv.") % {"path": folder})
    return tables, origin


def _typed(value: str, column_type: str) -> Any:
    """CSV cells are text; numbers become numbers so that the JSON schema sees their type."""
    if column_type in ("number", "integer"):
        try:
            number = float(value)
        except ValueError:
            return value
        return int(number) if number.is_integer() and "." not in value else number
    return value


def items_from_tables(folder: Path) -> list[Item]:
    """Rebuild nested service objects from the tabular form, so one validation serves both."""
    tables, origin = _read_tables(folder)
    by_id = {kind: {str(row.get("id")): row for row in rows} for kind, rows in tables.items()}

    def children(kind: str, link: str, parent_id: str) -> list[dict[str, Any]]:
        return [row for row in tables.get(kind, []) if str(row.get(link, "")) == parent_id]

    def nest(kind_name: str, row: dict[str, Any], parent_kind: str = "") -> dict[str, Any]:
        kind = KINDS[kind_name]
        data = dict(row)
        if kind_name == "attribute":
            data = dict(row)
            term = by_id.get("taxonomy_term", {}).get(str(row.get("taxonomy_term_id", "")))
            if term is not None:
                data["taxonomy_term"] = nest("taxonomy_term", term, "attribute")
            return data
        if kind_name == "taxonomy_term":
            data = dict(row)
            taxonomy = by_id.get("taxonomy", {}).get(str(row.get("taxonomy_id", "")))
            if taxonomy is not None:
                data["taxonomy_detail"] = dict(taxonomy)
            return data
        for child in kind.children:
            if child.kind == parent_kind or child.key == "services" or child.key == "locations":
                continue
            if child.many:
                data[child.key] = [
                    nest(child.kind, item, kind_name)
                    for item in children(child.kind, child.link, str(row.get("id")))
                ]
            else:
                target = by_id.get(child.kind, {}).get(str(row.get(child.link, "")))
                if target is not None:
                    data[child.key] = nest(child.kind, target, kind_name)
        return data

    return [Item("service", nest("service", row), origin) for row in tables.get("service", [])]
