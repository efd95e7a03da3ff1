"""Checking HSDS input against the bundled HSDS 3.0 schemas, and converting it to model values.

`prepare` takes one input item, validates it against the official JSON schema, flattens it into
rows and converts each value into what the model holds, collecting every problem with its object,
field and reason. Nothing here writes to the database.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from jsonschema import Draft7Validator, FormatChecker

from migralocal.directory.hsds.kinds import KINDS, Item, Kind, Tables, flatten

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "hsds_schema"


@cache
def service_schema() -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / "service_with_definitions.json").read_text())


@cache
def tabular_schema() -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / "tabular.json").read_text())


@cache
def tabular_package() -> dict[str, Any]:
    """The specification's own tabular data package: its 21 tables, their columns in order,
    types, required fields and foreign keys."""
    return json.loads((SCHEMA_DIR / "datapackage.json").read_text())


@cache
def required_fields(kind: str) -> frozenset[str]:
    """The fields the JSON schema requires of an HSDS object."""
    definitions = service_schema()["definitions"]
    schema = service_schema() if kind == "service" else definitions.get(kind, {})
    return frozenset(schema.get("required", ()))


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
    translated_fields = _translated_fields(kind)
    for name in (*kind.fields, *kind.translated):
        if name not in row:
            continue
        raw = row[name]
        model_field = model_fields.get(name)
        if model_field is None:
            try:
                if isinstance(raw, str) and name in translated_fields:
                    translated_fields[name].run_validators(raw)  # lengths, as the forms check
            except ValidationError as error:
                problem(name, " ".join(str(message) for message in error.messages))
                continue
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


def _translated_fields(kind: Kind) -> dict[str, Any]:
    """The fields of a kind's translations (parler keeps them on a model of their own)."""
    parler_meta = getattr(kind.model, "_parler_meta", None)
    if parler_meta is None:
        return {}
    return {
        field.name: field
        for translations in parler_meta.get_all_models()
        for field in translations._meta.get_fields()
        if field.name in kind.translated
    }


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
    flatten(item.kind, item.data, None, tables)
    problems += _uuid_problems(tables, item.origin)
    values: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for kind_name, rows in tables.items():
        for object_id, row in rows.items():
            values[kind_name][object_id] = _convert(KINDS[kind_name], row, problems, item.origin)
    unique = list(dict.fromkeys(problems))
    return Prepared(tables, values), unique
