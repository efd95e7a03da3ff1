"""An import killed in the middle of its write leaves no row behind and runs again to the end.

Each import runs in a process of its own against a copy of the test database; the harness pauses
it right after its first INSERT, with the transaction open, and the test kills it with SIGKILL.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from migralocal.consultations import services
from migralocal.consultations.models import Consultation, SubmissionImport
from migralocal.consultations.tests.test_offline import kobo_csv, kobo_row
from migralocal.core.tests.databases import (
    copy_of_test_database,
    database_url,
    extra_connection,
    row_counts,
)
from migralocal.core.tests.world import World
from migralocal.directory.tests.helpers import world_hubs

WAIT_SECONDS = 60
HARNESS = "migralocal.core.tests.crash_harness"
SCENARIOS = ["hsds", "submissions", "attendance", "framework"]


@pytest.fixture(scope="session")
def crash_databases(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, dict[str, Any]]]:
    """One empty, migrated copy of the test database per scenario, made outside any test's
    transaction."""
    copies = {scenario: copy_of_test_database(f"crash_{scenario}") for scenario in SCENARIOS}
    with django_db_blocker.unblock():
        settings = {scenario: copy.__enter__() for scenario, copy in copies.items()}
    yield settings
    with django_db_blocker.unblock():
        for copy in copies.values():
            copy.__exit__(None, None, None)


def harness(scenario: str, workdir: Path, url: str, *flags: str) -> subprocess.Popen[bytes]:
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "migralocal.settings_test",
        "MIGRALOCAL_VAR_DIR": str(workdir),
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "migralocal.core.tests.crash_harness",
            scenario,
            str(workdir),
            *flags,
        ],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def wait_for(path: Path, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not path.exists():
        if process.poll() is not None:
            pytest.fail(f"the import ended before pausing: {process.stderr.read().decode()}")  # type: ignore[union-attr]
        assert time.monotonic() < deadline, "the import never reached its first write"
        time.sleep(0.05)


@pytest.mark.django_db
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_an_import_killed_mid_write_leaves_nothing_and_runs_again(
    scenario: str, crash_databases: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    crash_database = crash_databases[scenario]
    url = database_url(crash_database)
    process = harness(scenario, tmp_path, url, "--prepare", "--pause")
    try:
        wait_for(tmp_path / "paused", process)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=WAIT_SECONDS)
    finally:
        process.kill()
    prepared = json.loads((tmp_path / "prepared.json").read_text())

    with extra_connection("crash", crash_database) as alias:
        assert row_counts(alias) == prepared, "rows of the killed import were kept"

        again = harness(scenario, tmp_path, url)
        _out, errors = again.communicate(timeout=WAIT_SECONDS * 2)
        assert again.returncode == 0, errors.decode()
        after = row_counts(alias)
    grown = {table for table, count in after.items() if count > prepared.get(table, 0)}
    assert grown, "the second run wrote nothing"


@pytest.mark.django_db
def test_an_upload_left_importing_by_a_dead_worker_can_be_run_again(
    world: World, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    hub, _other = world_hubs(world)
    content = kobo_csv([kobo_row(n) for n in range(1, 6)])
    upload = services.submission_upload_create(
        hub=hub, user=world.user("hub_staff"), file=SimpleUploadedFile("export.csv", content)
    )
    services.submission_upload_validate(upload=upload)
    # What a worker killed during the write leaves: the status says "importing", no rows.
    SubmissionImport.objects.filter(pk=upload.pk).update(status=SubmissionImport.Status.SAVING)
    upload.refresh_from_db()

    services.submission_upload_run(upload=upload, user=world.user("hub_staff"))

    upload.refresh_from_db()
    assert upload.status == SubmissionImport.Status.DONE
    assert Consultation.objects.filter(hub=hub).count() == 5
