"""Reading HSDS input: a JSON file, or a folder holding the tabular form (CSV files).

Both become the same nested items, so that one validation serves both. An input that cannot be
read at all raises `InputError`.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from migralocal.directory.hsds.kinds import KINDS, NOT_GIVEN, TABLE_FILES, Item
from migralocal.directory.hsds.validating import column_types, required_fields

# An address's required parts may be empty in HSDS's JSON schema (a town without postal codes,
# a country without provinces), so an empty cell is read as an empty text there rather than as
# a missing key, and the tabular form imports whatever the JSON form would.
BLANK_ALLOWED = {"address": required_fields("address") - {"id", "address_type"}}


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
        blank_allowed = BLANK_ALLOWED.get(kind, frozenset())
        rows = []
        with path.open(newline="", encoding="utf-8-sig") as handle:
            for number, raw in enumerate(csv.DictReader(handle), start=2):
                row: dict[str, Any] = {}
                for name, value in raw.items():
                    if name is None:
                        continue
                    if value == NOT_GIVEN or (value == "" and name in blank_allowed):
                        row[name] = ""
                    elif value not in (None, ""):
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
