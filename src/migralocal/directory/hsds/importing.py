"""Writing checked HSDS objects to the database, in one transaction, matched on their HSDS ids.

Items are first prepared (see `validating`); only if none has a problem (or the caller asked to
skip those that do) is anything written. Services are refreshed through the directory services.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.utils.text import slugify

from migralocal.core.models import Taxonomy, TaxonomyTerm
from migralocal.directory import services as directory_services
from migralocal.directory.hsds.kinds import HUB_EXTENSION, KINDS, TERM_NAMESPACE, Item, Kind
from migralocal.directory.hsds.validating import Prepared, Problem, prepare
from migralocal.directory.models import (
    Attribute,
    Hub,
    Service,
    TaxonomyIdentity,
    TermIdentity,
)

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


@dataclass
class ImportResult:
    created: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    updated: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    problems: list[Problem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    written: bool = False


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
