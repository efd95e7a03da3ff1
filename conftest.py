"""Fixtures shared by every module's tests: the test databases, a named world with one user per
role, and the clocks and caches each test starts from."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from allauth.mfa.totp.internal import auth as totp_auth
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import TransactionTestCase, override_settings
from django.utils import translation
from pytest_django import DjangoDbBlocker

from migralocal.core.tests import factories as factories_module
from migralocal.core.tests import snapshots as snapshot_store
from migralocal.core.tests import world as world_module
from migralocal.core.tests.snapshots import MIGRATED, Kind, Snapshots, register
from migralocal.core.tests.world import AuthenticatorClock, World, build_world, existing_world


def _build_world_template() -> dict[str, str]:
    build_world()
    return {}


# Most tests start from the named world; built once into a template, it is copied like the
# others instead of being created again, row by row, for each test.
WORLD = "world"
register(
    Kind(
        WORLD,
        _build_world_template,
        sources=(Path(world_module.__file__), Path(factories_module.__file__)),
    )
)


@pytest.fixture(scope="session")
def django_db_setup(
    request: pytest.FixtureRequest,
    django_test_environment: None,
    django_db_blocker: DjangoDbBlocker,
) -> Iterator[None]:
    """Replaces pytest-django's: instead of migrating, each worker copies the migrated template
    (built once per run, or reused from the last run on the same code)."""
    workers = getattr(request.config, "workerinput", {})
    worker = workers.get("workerid", "main")
    with django_db_blocker.unblock():
        store = snapshot_store.start(worker)
        store.use(MIGRATED)
        for kind in _prebuilt_here(request.session.items, worker, workers.get("workercount", 1)):
            store.ensure(kind)
    yield
    with django_db_blocker.unblock():
        store.tear_down()


# The slow templates, and a fixture of the tests that need each. With several workers, each
# builds one of them as it starts, instead of one worker building both while the other waits.
PREBUILT = {"demo": "demo_db", "matrix": "matrix_world"}


def _prebuilt_here(items: list[pytest.Item], worker: str, workers: int) -> list[str]:
    if not worker.startswith("gw") or workers < 2:
        return []
    needed = [
        kind
        for kind, fixture in PREBUILT.items()
        if any(fixture in getattr(item, "fixturenames", ()) for item in items)
    ]
    return needed[int(worker.removeprefix("gw")) :: workers]


@pytest.fixture(scope="session", autouse=True)
def no_flush_after_committing_tests() -> Iterator[None]:
    """A test that commits (a live server's) leaves its database to be replaced by a fresh copy
    before the next test (`Snapshots.use`): emptying it table by table first only costs time."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TransactionTestCase, "_fixture_teardown", lambda self: None)
        yield


@pytest.fixture(scope="session")
def snapshots(django_db_setup: None) -> Snapshots:
    return snapshot_store.active()


def _commits(request: pytest.FixtureRequest) -> bool:
    """Whether the test writes outside a rolled-back transaction, as pytest-django decides."""
    marker = request.node.get_closest_marker("django_db")
    marked = bool(marker and (marker.kwargs.get("transaction") or (marker.args[:1] == (True,))))
    names = request.fixturenames
    return marked or any(
        name in names for name in ("transactional_db", "live_server", "django_db_reset_sequences")
    )


@pytest.fixture
def _database_for_test(
    request: pytest.FixtureRequest, snapshots: Snapshots, django_db_blocker: DjangoDbBlocker
) -> None:
    """Point the test at the database it asked for, before its transaction begins. Inside a
    transaction a module or package fixture opened, the test runs in that fixture's database."""
    if connection.in_atomic_block:
        return
    kind = _template_for(request.fixturenames)
    with django_db_blocker.unblock():
        snapshots.use(kind, transactional=_commits(request))


def _template_for(fixtures: list[str]) -> str:
    if "demo_db" in fixtures:
        return "demo"
    return WORLD if "world" in fixtures else MIGRATED


@pytest.fixture
def _django_db_helper(_database_for_test: None, _django_db_helper: None) -> None:
    """pytest-django's own helper (which opens the test's transaction, or flushes afterwards),
    after the database is chosen: the one place every database test passes through."""


@pytest.fixture
def demo_db(db: None) -> None:
    """The test runs on a copy of the demo data (`manage.py demo`), loaded once per run."""


@pytest.fixture(scope="session", autouse=True)
def media_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Uploads of this test process go to a folder of its own, never to the checkout's var/."""
    folder = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=folder):
        yield folder


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Rows are rolled back after each test; what parler, pages and rate limits cached of them
    must go too."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    """A request under /en/ leaves English active in the thread; each test starts in Spanish."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def authenticator_clock(monkeypatch: pytest.MonkeyPatch) -> AuthenticatorClock:
    """allauth's TOTP check reads this clock (in this process, the live server's thread too), so
    that each code a test reads is for a time step of its own: never a replay, never a wait."""
    clock = AuthenticatorClock.from_now()
    monkeypatch.setattr(totp_auth, "time", clock)
    monkeypatch.setattr(world_module, "CLOCK", clock)
    return clock


@pytest.fixture
def world(db: None, snapshots: Snapshots) -> World:
    """The named world. A test in a transaction that a module fixture opened on another database
    builds it there."""
    if snapshots.attached == WORLD:
        return existing_world()
    return build_world()
