"""Write many rows of one model fast: COPY on PostgreSQL, `bulk_create` elsewhere.

Imports of tens of thousands of rows spend most of their time building model instances and SQL
parameters; PostgreSQL's COPY takes plain values instead. Like `bulk_create`, this calls no
`save()` and sends no signals.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone
from psycopg import sql


def insert_many(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    returning_ids: bool = False,
) -> list[Any]:
    """Insert `rows` (plain database values in the order of `columns`, given by attribute name
    such as `hub_id`) and return the new primary keys in row order when asked.

    Fields left out take their default; automatic timestamps take the time of the insert.
    """
    given = [_field_by_attname(model, name) for name in columns]
    left_out = [
        field
        for field in model._meta.concrete_fields
        if field not in given and not field.primary_key
    ]
    defaults = tuple(_batch_default(field) for field in left_out)
    if connection.vendor != "postgresql":
        created = model._default_manager.bulk_create(
            model(**dict(zip(columns, row, strict=True))) for row in rows
        )
        return [instance.pk for instance in created] if returning_ids else []
    return _copy(model, [*given, *left_out], rows, defaults, returning_ids)


def _field_by_attname(model: type[models.Model], attname: str) -> models.Field[Any, Any]:
    for field in model._meta.concrete_fields:
        if field.attname == attname:
            return field
    raise ValueError(f"{model.__name__} has no column {attname!r}")


def _batch_default(field: models.Field[Any, Any]) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now()
    return field.get_db_prep_save(field.get_default(), connection)


def _copy(
    model: type[models.Model],
    fields: list[models.Field[Any, Any]],
    rows: Sequence[Sequence[Any]],
    defaults: tuple[Any, ...],
    returning_ids: bool,
) -> list[Any]:
    table = model._meta.db_table
    pk_column = str(model._meta.pk.column) if model._meta.pk else "id"
    names = [str(field.column) for field in fields]
    with connection.cursor() as cursor:
        ids: list[Any] = []
        if returning_ids:
            # Reserve the ids first, so that rows written by COPY can be linked to right away.
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk_column, len(rows)],
            )
            ids = [value for (value,) in cursor.fetchall()]
            names.insert(0, pk_column)
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(name) for name in names)
        )
        with cursor.cursor.copy(statement) as copy:
            for index, row in enumerate(rows):
                prefix = (ids[index],) if returning_ids else ()
                copy.write_row((*prefix, *row, *defaults))
    return ids
