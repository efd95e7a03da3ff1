"""Backups that restore: one zip archive with every table as JSON lines, the uploaded files as
they are stored, and a manifest (version, date, migrations, row counts, checksums).

Rows are kept as the database holds them, so encrypted columns stay encrypted in the archive and
are never decrypted on the way. Values are written in a form that every supported database reads
back (ISO dates, decimal strings…), so a backup of SQLite restores on PostgreSQL and the reverse.
Tables are read in chunks inside one read-only snapshot and written as a stream: memory stays
bounded however large a table is.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import hashlib
import io
import json
import os
import posixpath
import tempfile
import uuid
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import IO, Any

from django.apps import apps as global_apps
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.core.management.color import no_style
from django.db import connections, models, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.duration import duration_iso_string
from django.utils.translation import gettext as _

FORMAT = "migralocal-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHUNK_ROWS = 2000
READ_BLOCK = 1024 * 1024

# Tables that `migrate` itself fills (content types, permissions, and the reference data of data
# migrations): rows there do not make a database "in use".
FILLED_BY_MIGRATE = {
    "contenttypes.contenttype",
    "auth.permission",
    "core.country",
    "core.countrytranslation",
    "core.taxonomy",
    "core.taxonomytranslation",
    "core.taxonomyterm",
    "core.taxonomytermtranslation",
    "learning.selfassessmentquestion",
    "learning.selfassessmentquestiontranslation",
}

# Tables whose rows open accounts, and so must not travel in an archive that may be copied,
# mailed or kept for years: a restore empties them and people sign in again, make new tokens
# and ask for a new confirmation e-mail (docs/operations.md says the same to administrators).
LEFT_OUT = {
    "sessions.session": "signed-in sessions: whoever holds one is signed in",
    "core.apitoken": "API tokens: only digests are stored, but a token is made again in a click",
    "account.emailconfirmation": "e-mail confirmation keys, valid for a few days",
}

Progress = Callable[[str], None]


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the person who ran it."""


@dataclass(frozen=True)
class RestoreResult:
    tables: int
    rows: int
    files: int


def _quiet(message: str) -> None:
    """The default progress report: say nothing."""


def application_version() -> str:
    try:
        return version("migralocal")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "unknown"


# Which tables and columns ---------------------------------------------------------------------


def backed_up_models(app_registry: Any = global_apps) -> list[type[models.Model]]:
    """Every model with a table of its own, many-to-many link tables included."""
    found = [
        model
        for model in app_registry.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]
    return sorted(found, key=lambda model: model._meta.label_lower)


def kept_models(app_registry: Any = global_apps) -> list[type[models.Model]]:
    """The tables an archive holds: all but those LEFT_OUT."""
    return [
        model for model in backed_up_models(app_registry) if model._meta.label_lower not in LEFT_OUT
    ]


def _stored_as_is(field: models.Field[Any, Any]) -> bool:
    """A text column that its field transforms on reading (encrypted text): copy the stored text,
    never the value the field would turn it into."""
    return hasattr(field, "from_db_value") and field.get_internal_type() in {
        "TextField",
        "CharField",
    }


def _columns(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return list(model._meta.local_concrete_fields)


def _plain(value: Any) -> Any:
    """A database value as JSON that every backend reads back through the field."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_iso_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"Cannot store a {type(value).__name__} in a backup.")


def _rows(model: type[models.Model], using: str) -> Iterator[tuple[Any, ...]]:
    fields = _columns(model)
    names = []
    queryset = model._base_manager.using(using).order_by("pk")
    for field in fields:
        if _stored_as_is(field):
            alias = f"backup_stored_{field.attname}"
            queryset = queryset.annotate(**{alias: Cast(field.attname, models.TextField())})
            names.append(alias)
        else:
            names.append(field.attname)
    yield from queryset.values_list(*names).iterator(chunk_size=CHUNK_ROWS)


# Writing ----------------------------------------------------------------------------------------


class _Member:
    """One archive member written as a stream while its checksum and size are counted."""

    def __init__(self, archive: zipfile.ZipFile, name: str) -> None:
        self.name = name
        self._stream = archive.open(name, "w", force_zip64=True)
        self._digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self._stream.write(data)
        self._digest.update(data)
        self.size += len(data)

    def close(self) -> dict[str, Any]:
        self._stream.close()
        return {"sha256": self._digest.hexdigest(), "size": self.size}


@contextmanager
def _snapshot(using: str) -> Iterator[None]:
    """One consistent view of the whole database: on PostgreSQL a repeatable-read, read-only
    transaction; on SQLite a transaction, whose read lock keeps writers out until it ends."""
    connection = connections[using]
    nested = connection.in_atomic_block
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql" and not nested:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _applied_migrations(using: str) -> list[list[str]]:
    connection = connections[using]
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise BackupError(
            _("The database has migrations that are not applied yet. Run migrate first.")
        )
    applied = MigrationRecorder(connection).applied_migrations()
    return sorted([app, name] for app, name in applied)


def _stored_files(storage: Storage, folder: str = "") -> Iterator[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield posixpath.join(folder, name) if folder else name
    for name in sorted(folders):
        yield from _stored_files(storage, posixpath.join(folder, name) if folder else name)


def _write_table(
    archive: zipfile.ZipFile, model: type[models.Model], using: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    member = _Member(archive, f"data/{model._meta.label_lower}.jsonl")
    count = 0
    for row in _rows(model, using):
        line = json.dumps(row, default=_plain, ensure_ascii=False, separators=(",", ":"))
        member.write(line.encode() + b"\n")
        count += 1
    table = {
        "model": model._meta.label_lower,
        "table": model._meta.db_table,
        "columns": [field.column for field in _columns(model)],
        "rows": count,
        "member": member.name,
    }
    return table, member.close()


def _write_file(archive: zipfile.ZipFile, storage: Storage, name: str) -> dict[str, Any]:
    member = _Member(archive, f"media/{name}")
    with storage.open(name, "rb") as source:
        while block := source.read(READ_BLOCK):
            member.write(block)
    return member.close()


def backup_write(
    *,
    out: Path,
    using: str = "default",
    storage: Storage | None = None,
    progress: Progress = _quiet,
) -> dict[str, Any]:
    """Write the database and the uploaded files to one archive at `out`; return its manifest.

    The archive is first written beside `out` under a temporary name and only renamed once
    complete, so an interrupted backup never leaves a half archive under the expected name.
    """
    storage = storage or default_storage
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".backup-", suffix=".zip", dir=out.parent)
    os.close(handle)
    try:
        manifest = _write_archive(Path(temporary), using, storage, progress)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return manifest


def _write_archive(path: Path, using: str, storage: Storage, progress: Progress) -> dict[str, Any]:
    checksums: dict[str, dict[str, Any]] = {}
    tables = []
    media = []
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with _snapshot(using):
            migrations = _applied_migrations(using)
            for model in kept_models():
                table, checksums[f"data/{model._meta.label_lower}.jsonl"] = _write_table(
                    archive, model, using
                )
                tables.append(table)
                progress(
                    _("%(model)s: %(rows)s rows") % {"model": table["model"], "rows": table["rows"]}
                )
        for name in _stored_files(storage):
            checksums[f"media/{name}"] = _write_file(archive, storage, name)
            media.append({"name": name, "member": f"media/{name}"})
        progress(_("Uploaded files: %(count)s") % {"count": len(media)})
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "application_version": application_version(),
            "created_at": timezone.now().isoformat(),
            "database_vendor": connections[using].vendor,
            "migrations": migrations,
            "tables": tables,
            "media": media,
            "checksums": checksums,
        }
        archive.writestr(MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False))
    return manifest


# Reading and checking ---------------------------------------------------------------------------


def _damaged() -> BackupError:
    return BackupError(_("The archive is damaged or incomplete; nothing was restored."))


def _open_archive(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError as error:
        raise BackupError(_("%(path)s does not exist.") % {"path": path}) from error
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise _damaged() from error


def _read_manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError, zipfile.BadZipFile, OSError, EOFError) as error:
        raise _damaged() from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(_("This file is not a MigraLocal backup."))
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            _("This backup has format version %(found)s; this MigraLocal reads version %(known)s.")
            % {"found": manifest.get("format_version"), "known": FORMAT_VERSION}
        )
    return manifest


def _safe_media_name(name: Any) -> bool:
    if not isinstance(name, str) or not name or "\\" in name or "\x00" in name:
        return False
    return not name.startswith("/") and ".." not in name.split("/")


def _check_members(archive: zipfile.ZipFile, manifest: dict[str, Any], progress: Progress) -> None:
    """Read every member once and compare it with the manifest before anything is written."""
    try:
        checksums = manifest["checksums"]
        expected = [table["member"] for table in manifest["tables"]]
        expected += [file["member"] for file in manifest["media"]]
        if not all(_safe_media_name(file["name"]) for file in manifest["media"]):
            raise _damaged()
        for name in expected:
            digest = hashlib.sha256()
            with archive.open(name) as stream:
                while block := stream.read(READ_BLOCK):
                    digest.update(block)
            if digest.hexdigest() != checksums[name]["sha256"]:
                raise _damaged()
    except (KeyError, TypeError, zipfile.BadZipFile, OSError, EOFError) as error:
        raise _damaged() from error
    progress(_("The archive is complete: %(count)s checksums match.") % {"count": len(expected)})


def backup_check(*, archive_path: Path, progress: Progress = _quiet) -> dict[str, Any]:
    """Check an archive's manifest and every member's checksum; return the manifest."""
    with _open_archive(archive_path) as archive:
        manifest = _read_manifest(archive)
        _check_members(archive, manifest, progress)
    return manifest


# Restoring --------------------------------------------------------------------------------------


def database_holds_data(*, using: str = "default") -> bool:
    """Whether anything beyond what `migrate` puts there is stored: a restore would overwrite it."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    for model in backed_up_models():
        if model._meta.label_lower in FILLED_BY_MIGRATE or model._meta.db_table not in existing:
            continue
        if model._base_manager.using(using).exists():
            return True
    return False


def _archive_targets(executor: MigrationExecutor, applied: set[tuple[str, str]]) -> list[Any]:
    """The last applied migration of each app in the archive, for the executor to migrate to."""
    graph = executor.loader.graph
    unknown = applied - set(graph.nodes)
    if unknown:
        raise BackupError(
            _(
                "The backup was made by a newer version of MigraLocal (it knows migrations that "
                "this one does not: %(names)s). Install that version to restore it."
            )
            % {"names": ", ".join(f"{app}.{name}" for app, name in sorted(unknown)[:5])}
        )
    targets: list[Any] = []
    for node in sorted(applied):
        children = graph.node_map[node].children
        if not any(child[0] == node[0] and child in applied for child in children):
            targets.append(node)
    archived_apps = {app for app, _name in applied}
    for app in sorted({app for app, _name in graph.nodes} - archived_apps):
        targets.append((app, None))  # an app the backup's version did not have yet
    return targets


def _migrate_to(using: str, applied: set[tuple[str, str]], progress: Progress) -> Any:
    """Bring the schema to the archive's migration state; return that state's models."""
    connection = connections[using]
    executor = MigrationExecutor(connection)
    targets = _archive_targets(executor, applied)
    progress(_("Creating the tables as they were when the backup was made…"))
    executor.migrate(targets, plan=executor.migration_plan(targets))
    nodes = [target for target in targets if target[1] is not None]
    return executor.loader.project_state(nodes, at_end=True).apps


def _decoder(field: models.Field[Any, Any], connection: Any) -> Callable[[Any], Any]:
    if _stored_as_is(field):
        return lambda value: value
    return lambda value: (
        None if value is None else field.get_db_prep_save(field.to_python(value), connection)
    )


def _batches(stream: IO[bytes]) -> Iterator[list[list[Any]]]:
    batch: list[list[Any]] = []
    for line in io.TextIOWrapper(stream, encoding="utf-8"):
        batch.append(json.loads(line))
        if len(batch) == CHUNK_ROWS:
            yield batch
            batch = []
    if batch:
        yield batch


def _load_table(archive: zipfile.ZipFile, table: dict[str, Any], model: Any, using: str) -> None:
    connection = connections[using]
    by_column = {field.column: field for field in _columns(model)}
    try:
        fields = [by_column[column] for column in table["columns"]]
    except KeyError as error:
        raise _damaged() from error
    decoders = [_decoder(field, connection) for field in fields]
    quote = connection.ops.quote_name
    # Table and column names come from the models and are quoted; every value is a parameter.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608  # nosec B608
        quote(model._meta.db_table),
        ", ".join(quote(str(field.column)) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    with archive.open(table["member"]) as stream, connection.cursor() as cursor:
        for batch in _batches(stream):
            cursor.executemany(
                sql,
                [
                    [decode(value) for decode, value in zip(decoders, row, strict=True)]
                    for row in batch
                ],
            )
    stored = model._base_manager.using(using).count()
    if stored != table["rows"]:
        raise BackupError(
            _("%(model)s: %(stored)s rows restored where the backup holds %(expected)s.")
            % {"model": table["model"], "stored": stored, "expected": table["rows"]}
        )


def _load_rows(
    archive: zipfile.ZipFile,
    manifest: dict[str, Any],
    historical_apps: Any,
    using: str,
    progress: Progress,
) -> int:
    """Empty every table and fill it from the archive, all in one transaction."""
    connection = connections[using]
    historical = {model._meta.label_lower: model for model in backed_up_models(historical_apps)}
    rows = 0
    with transaction.atomic(using=using):
        tables = [model._meta.db_table for model in historical.values()]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # TRUNCATE refuses to run while deferred foreign-key checks of earlier writes in
                # the same transaction are pending: run those checks now.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for statement in connection.ops.sql_flush(no_style(), tables):
                cursor.execute(statement)
            if connection.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table in manifest["tables"]:
            if table["model"] in LEFT_OUT:
                continue  # an archive made before these were left out: they stay out
            model = historical.get(table["model"])
            if model is None:
                raise _damaged()
            _load_table(archive, table, model, using)
            rows += table["rows"]
            progress(
                _("%(model)s: %(rows)s rows") % {"model": table["model"], "rows": table["rows"]}
            )
        reset = connection.ops.sequence_reset_sql(no_style(), list(historical.values()))
        with connection.cursor() as cursor:
            for statement in reset:
                cursor.execute(statement)
    return rows


def _restore_files(
    archive: zipfile.ZipFile, manifest: dict[str, Any], storage: Storage, progress: Progress
) -> int:
    for entry in manifest["media"]:
        name = entry["name"]
        if storage.exists(name):
            storage.delete(name)
        with archive.open(entry["member"]) as stream:
            saved = storage.save(name, File(stream, name=posixpath.basename(name)))
        if saved != name:
            raise BackupError(
                _("The uploaded file %(name)s could not be put back under its name.")
                % {"name": name}
            )
    progress(_("Uploaded files restored: %(count)s") % {"count": len(manifest["media"])})
    return len(manifest["media"])


def backup_restore(
    *,
    archive_path: Path,
    using: str = "default",
    storage: Storage | None = None,
    force: bool = False,
    progress: Progress = _quiet,
) -> RestoreResult:
    """Rebuild an installation from an archive.

    The archive is checked whole first (nothing is written if it is damaged); a database that
    already holds data is refused unless `force`. The schema is brought to the archive's
    migration state, every table is emptied and filled in one transaction (sequences reset),
    the uploaded files are put back, and the remaining migrations of this version are applied.
    """
    from django.core.management import call_command

    storage = storage or default_storage
    with _open_archive(archive_path) as archive:
        manifest = _read_manifest(archive)
        _check_members(archive, manifest, progress)
        if not force and database_holds_data(using=using):
            raise BackupError(
                _(
                    "The database already holds data. Restore into an empty database, or give "
                    "--force to replace everything in it with the backup."
                )
            )
        applied = {(app, name) for app, name in manifest["migrations"]}
        historical_apps = _migrate_to(using, applied, progress)
        rows = _load_rows(archive, manifest, historical_apps, using, progress)
        files = _restore_files(archive, manifest, storage, progress)
    progress(_("Applying the migrations of this version…"))
    call_command("migrate", database=using, interactive=False, verbosity=0)
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    return RestoreResult(tables=len(manifest["tables"]), rows=rows, files=files)


def stored_media_names(storage: Storage | None = None) -> Iterable[str]:
    return _stored_files(storage or default_storage)
