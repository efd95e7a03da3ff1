"""Second databases for tests that need one outside the test's transaction: an empty, migrated
copy of the test database, reachable under an alias of its own or by URL from another process."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.db import connections


@contextmanager
def copy_of_test_database(suffix: str, folder: Path) -> Iterator[dict[str, Any]]:
    """Copy the test database as it is between tests (migrated, no test's rows) and yield the
    copy's connection settings; the copy is removed afterwards. Call it outside a test's
    transaction (from a session fixture)."""
    source = connections["default"]
    settings = {**source.settings_dict}
    if source.vendor == "sqlite":
        settings["NAME"] = str(folder / f"{suffix}.sqlite3")
        source.ensure_connection()
        copy = sqlite3.connect(settings["NAME"])
        source.connection.backup(copy)
        copy.close()
        yield settings
        return
    settings["NAME"] = f"{source.settings_dict['NAME']}_{suffix}"
    source.close()  # a template database must have no other connection open
    copy_name, template = settings["NAME"], source.settings_dict["NAME"]
    with source._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{copy_name}"')
        cursor.execute(f'CREATE DATABASE "{copy_name}" TEMPLATE "{template}"')
    try:
        yield settings
    finally:
        with source._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{copy_name}" WITH (FORCE)')


@contextmanager
def extra_connection(alias: str, settings: dict[str, Any]) -> Iterator[str]:
    """The database under `alias`, made the way Django's tests allow: a connection that is not
    among the configured databases, so the test's transaction does not wrap it."""
    connections.settings[alias] = settings
    try:
        wrapper = connections.create_connection(alias)
    finally:
        del connections.settings[alias]
    connections[alias] = wrapper
    try:
        yield alias
    finally:
        wrapper.close()
        del connections[alias]


def database_url(settings: dict[str, Any]) -> str:
    """The DATABASE_URL under which another process reaches the same database."""
    if "sqlite" in settings["ENGINE"]:
        return f"sqlite:///{settings['NAME']}"
    credentials = quote(settings["USER"] or "")
    if settings["PASSWORD"]:
        credentials += ":" + quote(settings["PASSWORD"])
    host = f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
    return f"postgres://{credentials}@{host}/{settings['NAME']}"


def row_counts(alias: str) -> dict[str, int]:
    """Rows in every table of the database under `alias`."""
    connection = connections[alias]
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts
