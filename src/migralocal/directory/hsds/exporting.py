"""Exporting the directory as HSDS 3.0: nested JSON services and the tabular package of CSVs."""

from __future__ import annotations

import csv
import io
import json
import uuid
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from migralocal.core.models import Taxonomy, TaxonomyTerm
from migralocal.directory.hsds.kinds import (
    HUB_EXTENSION,
    KINDS,
    NOT_GIVEN,
    TERM_NAMESPACE,
    Kind,
    flatten,
)
from migralocal.directory.hsds.validating import required_fields, tabular_package
from migralocal.directory.models import Hub, Service


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
        elif name in required_fields(kind.name):
            # The schema requires the key but accepts "": an address without a postal code
            # (most of Honduras) is still a valid address.
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
        flatten("service", service, None, tables)
    return tables


@dataclass(frozen=True)
class ExportWarning:
    """Rows of one tabular column where HSDS requires a value the directory does not hold."""

    filename: str
    column: str
    rows: int

    def __str__(self) -> str:
        return ngettext(
            "%(file)s, %(column)s: %(count)d row has no value, which the HSDS tabular schema "
            "requires; it is written as “%(placeholder)s”.",
            "%(file)s, %(column)s: %(count)d rows have no value, which the HSDS tabular schema "
            "requires; they are written as “%(placeholder)s”.",
            self.rows,
        ) % {
            "file": self.filename,
            "column": self.column,
            "count": self.rows,
            "placeholder": NOT_GIVEN,
        }


@dataclass
class ExportResult:
    services: int
    warnings: list[ExportWarning] = field(default_factory=list)


def _required_columns(resource: dict[str, Any]) -> set[str]:
    return {
        spec["name"]
        for spec in resource["schema"]["fields"]
        if spec.get("constraints", {}).get("required")
    }


def write_tabular(services: list[dict[str, Any]], folder: Path) -> list[ExportWarning]:
    """The HSDS tabular form: one CSV for each of the specification's 21 tables, in its column
    order (a table we do not model is written with its header row only), and the
    specification's own datapackage.json, so that the package validates with its types,
    required fields and foreign keys. A required value the directory lacks is written as
    NOT_GIVEN and returned as a warning (docs/directory.md)."""
    folder.mkdir(parents=True, exist_ok=True)
    tables = _table_rows(services)
    package = tabular_package()
    warnings = []
    for resource in package["resources"]:
        columns = [spec["name"] for spec in resource["schema"]["fields"]]
        required = _required_columns(resource)
        filled: Counter[str] = Counter()
        with (folder / resource["path"]).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            for row in tables.get(resource["name"], {}).values():
                cells = {name: _csv_value(row.get(name)) for name in columns}
                for name in required:
                    if cells[name] == "":
                        cells[name] = NOT_GIVEN
                        filled[name] += 1
                writer.writerow(cells)
        warnings += [
            ExportWarning(resource["path"], name, filled[name]) for name in columns if filled[name]
        ]
    described = {
        **package,
        "name": "migralocal-hsds",
        "title": "MigraLocal directory (HSDS 3.0)",
    }
    (folder / "datapackage.json").write_text(json.dumps(described, indent=2, ensure_ascii=False))
    return warnings


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    return str(value)


def export_directory(out: Path, language: str) -> ExportResult:
    """Write `out/services.json`, the tabular package `out/csv/` and `out/README.txt`, which
    says what the export holds and lists its warnings."""
    services = export_services_json(language)
    out.mkdir(parents=True, exist_ok=True)
    (out / "services.json").write_text(json.dumps(services, indent=2, ensure_ascii=False))
    result = ExportResult(len(services), write_tabular(services, out / "csv"))
    with translation.override(language):
        (out / "README.txt").write_text(export_readme(result), encoding="utf-8")
    return result


def export_readme(result: ExportResult) -> str:
    lines = [
        _("MigraLocal directory, exported as Open Referral HSDS 3.0"),
        "",
        _("services.json: %(count)d services, each valid against the HSDS service schema.")
        % {"count": result.services},
        _(
            "csv/: the tabular form, one file per HSDS table, described by the "
            "specification's datapackage.json."
        ),
        "",
    ]
    if result.warnings:
        lines.append(_("Warnings:"))
        lines += [f"- {warning}" for warning in result.warnings]
    else:
        lines.append(_("No warnings: every value the tabular schema requires is present."))
    return "\n".join(lines) + "\n"


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
