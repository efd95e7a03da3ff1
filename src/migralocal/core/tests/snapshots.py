"""Test databases built once and copied, as Zulip does: a migrated database, one with the demo
loaded, and any other world registered here, each kept as a template named after the code it was
built from. A run builds each template at most once (and a later run on unchanged code, none);
each worker and each test that needs one starts from a copy of it instead of migrating or loading
again.

A test declares the database it needs by the fixtures it uses (`demo_db`, or a session fixture
such as `demo_snapshot` under a module's own fixture); `use()` is called before each test sets up
its transaction. A test that rolls back leaves its copy as it found it, so the copy is kept for
the next test that needs the same world; a test that commits (live server, `transactional_db`)
gets a copy of its own, and the next test starts from the template again. Migrations' reference
data (taxonomies, questionnaires) is in every template, so no test depends on another to load it.

On SQLite the worker's database is in memory and a template is a file, copied in with SQLite's
backup API. On PostgreSQL a template is a database, copied with CREATE DATABASE … TEMPLATE.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import importlib.metadata
import json
import shutil
import sqlite3
import tempfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone

MIGRATED = "migrated"
SOURCE = Path(__file__).resolve().parents[2]  # src/migralocal
CHECKOUT = SOURCE.parents[1]
HASHED_SUFFIXES = {".py", ".yaml", ".yml", ".json", ".csv", ".txt"}
# Templates outlive a run, on the machine rather than in a checkout: a PostgreSQL template is
# shared by every checkout that uses the same server, and so must be its uploaded files.
STORE = Path(tempfile.gettempdir()) / "migralocal-test-snapshots"

Builder = Callable[[], dict[str, Any]]


@dataclass(frozen=True)
class Kind:
    """A world a test can start from: how it is built, on top of which other one, and which
    files besides the application's sources decide what it holds."""

    name: str
    build: Builder
    base: str | None = MIGRATED
    sources: tuple[Path, ...] = ()


def _migrate() -> dict[str, Any]:
    call_command("migrate", verbosity=0, interactive=False, run_syncdb=True)
    return {}


def _demo() -> dict[str, Any]:
    call_command("demo", stdout=StringIO())
    return {}


KINDS: dict[str, Kind] = {
    MIGRATED: Kind(MIGRATED, _migrate, base=None),
    "demo": Kind("demo", _demo),
}


def register(kind: Kind) -> None:
    """Add a world that tests can start from (a conftest registers its own)."""
    KINDS[kind.name] = kind


def _files_digest(paths: Iterator[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        # Named from the checkout's root, so that two checkouts of the same code agree.
        digest.update(str(path.relative_to(CHECKOUT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@functools.cache
def _application_digest() -> str:
    """What every template depends on: the application's code and data (its own tests aside),
    the installed packages, whose migrations run too, and the date, since the demo's dates and
    the tokens of a world are reckoned from today."""
    sources = (
        path
        for path in SOURCE.rglob("*")
        if path.suffix in HASHED_SUFFIXES and "tests" not in path.relative_to(SOURCE).parts
    )
    digest = hashlib.sha256(_files_digest(sources).encode())
    digest.update(timezone.localdate().isoformat().encode())
    # The project itself is hashed above; whether its own metadata is on the path differs between
    # processes (pytest puts src/ first), so it is left out here.
    installed = {
        f"{dist.metadata['Name']}=={dist.version}"
        for dist in importlib.metadata.distributions()
        if dist.metadata["Name"] != "migralocal"
    }
    for distribution in sorted(installed):
        digest.update(distribution.encode())
    return digest.hexdigest()


@dataclass
class Snapshots:
    """The templates of this test process and which copy its default database holds."""

    worker: str  # "gw0" under xdist, "main" otherwise
    current: str | None = None  # the kind the database holds untouched, None when unknown
    attached: str | None = None  # the kind the running test started from, untouched or not
    media_copied: set[tuple[str, str]] = field(default_factory=set)
    failed: dict[str, str] = field(default_factory=dict)
    _digests: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        STORE.mkdir(parents=True, exist_ok=True)
        self.vendor = connection.vendor
        self.backend: _Backend = (
            _SQLite(self) if self.vendor == "sqlite" else _PostgreSQL(self, self.worker)
        )

    # ------------------------------------------------------------------ keys and files

    def key(self, kind: str) -> str:
        if kind not in self._digests:
            spec = KINDS[kind]
            digest = hashlib.sha256(_application_digest().encode())
            digest.update(_files_digest(iter(spec.sources)).encode())
            if spec.base:
                digest.update(self.key(spec.base).encode())
            self._digests[kind] = digest.hexdigest()[:16]
        return self._digests[kind]

    def folder(self, kind: str) -> Path:
        """Where a template's files live: its uploads, its metadata, a mark that it is whole."""
        return STORE / f"{self.backend.label}-{kind}-{self.key(kind)}"

    def metadata(self, kind: str) -> dict[str, Any]:
        self.ensure(kind)
        return json.loads((self.folder(kind) / "metadata.json").read_text())

    # ------------------------------------------------------------------ building

    def ensure(self, kind: str) -> None:
        """Build the template of `kind` unless it exists, once across processes."""
        if self.backend.template_exists(kind) and (self.folder(kind) / "complete").exists():
            return
        if kind in self.failed:
            raise RuntimeError(
                f"The {kind!r} test database could not be built: {self.failed[kind]}"
            )
        spec = KINDS[kind]
        if spec.base:
            self.ensure(spec.base)
        with self.backend.lock(kind):
            if self.backend.template_exists(kind) and (self.folder(kind) / "complete").exists():
                return
            try:
                self._build(spec)
            except Exception as problem:
                # Every test that needs it would build it again and fail the same way, slowly.
                self.failed[kind] = f"{type(problem).__name__}: {problem}"
                raise

    def _build(self, spec: Kind) -> None:
        folder = self.folder(spec.name)
        shutil.rmtree(folder, ignore_errors=True)
        media = folder / "media"
        media.mkdir(parents=True)
        self.current = self.attached = None
        if spec.base:
            self._copy_media(spec.base, media)
        with self.backend.building(spec.name, spec.base), override_settings(MEDIA_ROOT=media):
            cache.clear()
            metadata = spec.build()
        cache.clear()
        (folder / "metadata.json").write_text(json.dumps(metadata))
        (folder / "complete").touch()
        self.backend.forget_other_versions(spec.name)

    # ------------------------------------------------------------------ using

    def use(self, kind: str, *, transactional: bool = False) -> None:
        """Make the default database an untouched copy of `kind`; one that a test may commit
        to when `transactional`."""
        if connection.in_atomic_block:
            if kind == self.current and not transactional:
                self.attached = kind
                return
            raise RuntimeError(
                f"A test needs the {kind!r} database while a transaction opened by a module or "
                f"package fixture on the {self.current!r} one is still open: keep tests that "
                "need different databases in different modules."
            )
        if kind == self.current and not transactional:
            self._copy_media(kind, Path(settings.MEDIA_ROOT))
            self.attached = kind
            return
        self.ensure(kind)
        self.backend.attach(kind, scratch=transactional)
        self.current = None if transactional else kind
        self.attached = kind
        ContentType.objects.clear_cache()
        cache.clear()
        self._copy_media(kind, Path(settings.MEDIA_ROOT))

    def _copy_media(self, kind: str, target: Path) -> None:
        """The template's uploaded files, where the running test reads uploads from."""
        if (kind, str(target)) in self.media_copied:
            return
        source = self.folder(kind) / "media"
        if source.exists() and any(source.iterdir()):
            shutil.copytree(source, target, dirs_exist_ok=True)
        self.media_copied.add((kind, str(target)))

    @contextmanager
    def rolled_back(self, kind: str) -> Iterator[None]:
        """A copy of `kind` inside one transaction that is rolled back at the end: for a module or
        package fixture whose tests each nest their own transaction inside it."""
        self.use(kind)
        with transaction.atomic():
            yield
            transaction.set_rollback(True)
        cache.clear()

    @contextmanager
    def copy_of(self, kind: str, suffix: str) -> Iterator[dict[str, Any]]:
        """A second database holding a copy of `kind`, for tests that open a connection of their
        own or start another process; yields its connection settings, removes it afterwards."""
        self.ensure(kind)
        with self.backend.copy_of(kind, suffix) as copy_settings:
            yield copy_settings

    def tear_down(self) -> None:
        self.backend.tear_down()


class _Backend:
    label: str

    def template_exists(self, kind: str) -> bool:
        raise NotImplementedError

    def lock(self, kind: str) -> Any:
        raise NotImplementedError

    def building(self, kind: str, base: str | None) -> Any:
        raise NotImplementedError

    def forget_other_versions(self, kind: str) -> None:
        raise NotImplementedError

    def attach(self, kind: str, *, scratch: bool) -> None:
        raise NotImplementedError

    def copy_of(self, kind: str, suffix: str) -> Any:
        raise NotImplementedError

    def tear_down(self) -> None:
        raise NotImplementedError


IN_MEMORY = "file:memorydb_default?mode=memory&cache=shared"


class _SQLite(_Backend):
    """The worker's database stays in memory (it is Django's in-memory test database); a
    template is a file, copied in and out with SQLite's backup API."""

    def __init__(self, snapshots: Snapshots) -> None:
        self.snapshots = snapshots
        # Each checkout keeps its own files: a run of another checkout, on other code, must not
        # forget the template this one is reading.
        checkout = hashlib.sha256(str(SOURCE).encode()).hexdigest()[:8]
        self.label = f"sqlite-{checkout}"
        connection.close()
        connection.settings_dict["NAME"] = IN_MEMORY
        settings.DATABASES[connection.alias]["NAME"] = IN_MEMORY

    def path(self, kind: str) -> Path:
        return self.snapshots.folder(kind).with_suffix(".sqlite3")

    def template_exists(self, kind: str) -> bool:
        return self.path(kind).exists()

    @contextmanager
    def lock(self, kind: str) -> Iterator[None]:
        with open(STORE / f"{self.label}-{kind}.lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield

    @contextmanager
    def building(self, kind: str, base: str | None) -> Iterator[None]:
        if base is None:
            self._wipe()
        else:
            self._restore(base)
        yield
        building = self.path(kind).with_suffix(".building")
        target = sqlite3.connect(building)
        try:
            self._raw().backup(target)
        finally:
            target.close()
        building.replace(self.path(kind))
        self.snapshots.current = kind

    def forget_other_versions(self, kind: str) -> None:
        keep = self.snapshots.folder(kind).name
        for old in STORE.glob(f"{self.label}-{kind}-*"):
            if not old.name.startswith(keep):
                _remove(old)

    def attach(self, kind: str, *, scratch: bool) -> None:
        self._restore(kind)

    @contextmanager
    def copy_of(self, kind: str, suffix: str) -> Iterator[dict[str, Any]]:
        folder = Path(tempfile.mkdtemp(prefix=f"migralocal-{suffix}-"))
        copy_settings = {**connection.settings_dict, "NAME": str(folder / f"{suffix}.sqlite3")}
        shutil.copyfile(self.path(kind), copy_settings["NAME"])
        try:
            yield copy_settings
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def tear_down(self) -> None:
        connection.close()

    def _raw(self) -> sqlite3.Connection:
        connection.ensure_connection()
        raw = connection.connection
        assert isinstance(raw, sqlite3.Connection)
        return raw

    def _restore(self, kind: str) -> None:
        source = sqlite3.connect(self.path(kind))
        try:
            source.backup(self._raw())
        finally:
            source.close()

    def _wipe(self) -> None:
        empty = sqlite3.connect(":memory:")
        try:
            empty.backup(self._raw())
        finally:
            empty.close()


class _PostgreSQL(_Backend):
    """Each template is a database; the worker keeps one untouched copy of each kind it has
    used (rolled-back tests leave it so) and makes a scratch copy for a test that commits."""

    def __init__(self, snapshots: Snapshots, worker: str) -> None:
        self.snapshots = snapshots
        self.server_name = connection.settings_dict["NAME"]  # "test", from DATABASE_URL
        self.prefix = f"test_{self.server_name}"
        # Templates are named after the database of DATABASE_URL, like their files: checkouts
        # that test against other database names never forget each other's.
        self.label = f"postgresql-{self.server_name}"
        self.worker = worker
        self.copies: set[str] = set()

    def template(self, kind: str) -> str:
        return f"{self.prefix}_tpl_{kind}_{self.snapshots.key(kind)}"

    def copy_name(self, kind: str, scratch: bool = False) -> str:
        return f"{self.prefix}_{self.worker}_{'scratch' if scratch else kind}"

    @contextmanager
    def _server(self) -> Iterator[Any]:
        with connection._nodb_cursor() as cursor:
            yield cursor

    def template_exists(self, kind: str) -> bool:
        with self._server() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.template(kind)])
            return cursor.fetchone() is not None

    @contextmanager
    def lock(self, kind: str) -> Iterator[None]:
        # An advisory lock on the server, so that two checkouts using it build a template once.
        with self._server() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [zlib.crc32(kind.encode())])
            try:
                yield
            finally:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [zlib.crc32(kind.encode())])

    @contextmanager
    def building(self, kind: str, base: str | None) -> Iterator[None]:
        building = f"{self.template(kind)}_building"
        self._create(building, self.template(base) if base else None)
        self._point_at(building)
        yield
        connection.close()
        with self._server() as cursor:
            cursor.execute(f'ALTER DATABASE "{building}" RENAME TO "{self.template(kind)}"')
        self._point_at(self.copy_name(MIGRATED))

    def forget_other_versions(self, kind: str) -> None:
        keep = self.template(kind)
        with self._server() as cursor:
            cursor.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s AND datname <> %s",
                [f"{self.prefix}_tpl_{kind}_%", keep],
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        for old in STORE.glob(f"{self.label}-{kind}-*"):
            if old.name != self.snapshots.folder(kind).name:
                _remove(old)

    def attach(self, kind: str, *, scratch: bool) -> None:
        name = self.copy_name(kind, scratch)
        if scratch or name not in self.copies:
            connection.close()
            self._create(name, self.template(kind))
            self.copies.add(name)
        self._point_at(name)

    @contextmanager
    def copy_of(self, kind: str, suffix: str) -> Iterator[dict[str, Any]]:
        name = f"{self.prefix}_{self.worker}_{suffix}"
        self._create(name, self.template(kind))
        try:
            yield {**connection.settings_dict, "NAME": name}
        finally:
            self._drop(name)

    def tear_down(self) -> None:
        connection.close()
        for name in self.copies:
            self._drop(name)

    def _point_at(self, name: str) -> None:
        connection.close()
        connection.settings_dict["NAME"] = name
        settings.DATABASES[connection.alias]["NAME"] = name

    def _create(self, name: str, template: str | None) -> None:
        with self._server() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cloned = f' TEMPLATE "{template}"' if template else ""
            cursor.execute(f'CREATE DATABASE "{name}"{cloned}')

    def _drop(self, name: str) -> None:
        with self._server() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_ACTIVE: list[Snapshots] = []


def start(worker: str) -> Snapshots:
    """The snapshots of this test process (one per process: the top-level conftest starts it)."""
    _ACTIVE[:] = [Snapshots(worker)]
    return _ACTIVE[0]


def active() -> Snapshots:
    if not _ACTIVE:
        raise RuntimeError("The test databases are not set up: request the `db` fixture first.")
    return _ACTIVE[0]


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
