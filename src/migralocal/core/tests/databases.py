"""Second databases for tests that need one outside the test's transaction: an empty, migrated
copy of the test database, reachable under an alias of its own or by URL from another process."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

from django.db import DEFAULT_DB_ALIAS, connection, connections

from migralocal.core.tests import snapshots


@contextmanager
def copy_of_test_database(suffix: str) -> Iterator[dict[str, Any]]:
    """A copy of the migrated test database (reference data, no test's rows); yields the copy's
    connection settings and removes it afterwards. Call it outside a test's transaction (from a
    session fixture)."""
    with snapshots.active().copy_of(snapshots.MIGRATED, suffix) as copy_settings:
        yield copy_settings


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


@contextmanager
def database_shared_by_processes(*, busy_timeout: float = 20) -> Iterator[None]:
    """Let other processes share the database of a committing test
    (`django_db(transaction=True)`), each on a connection of its own, as the web processes of an
    installation do (`database_url(connection.settings_dict)` names it for them).

    On PostgreSQL the test's database already is one. SQLite's in-memory test database is seen
    by other connections through a shared cache that locks whole tables and never waits; so the
    test's thread moves to a file copy of the migrated database, opened with the installation's
    options (WAL, busy timeout, IMMEDIATE transactions). Request it before the fixtures that
    write."""
    if connection.vendor != "sqlite":
        yield
        return
    from migralocal.settings import sqlite_file_options

    with snapshots.active().copy_of(snapshots.MIGRATED, "threads") as copy_settings:
        # A wrapper of the test's own for this thread, rather than the worker's one switched to
        # the file: a live server thread left by a browser test shares the worker's wrapper and
        # may still be answering a page's last requests on it.
        shared = connections[DEFAULT_DB_ALIAS]
        own = type(shared)(
            {
                **shared.settings_dict,
                "NAME": copy_settings["NAME"],
                "OPTIONS": sqlite_file_options(busy_timeout),
            },
            DEFAULT_DB_ALIAS,
        )
        connections[DEFAULT_DB_ALIAS] = own
        try:
            yield
        finally:
            own.close()
            connections[DEFAULT_DB_ALIAS] = shared
