"""Run one import in a process of its own and, when asked, pause it in the middle of its write
so that a test can kill it there (SIGKILL) and look at what the database kept.

    python -m migralocal.core.tests.crash_harness SCENARIO WORKDIR [--prepare] [--pause]

`--prepare` first commits what the import needs (a world, a hub, an event, its input file) and
writes the row count of every table to WORKDIR/prepared.json; `--pause` stops right after the
import's first INSERT into its own tables, once WORKDIR/paused exists. Test-only.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import django

PAUSE_SECONDS = 120


def prepare_hsds(workdir: Path) -> None:
    from migralocal.directory.tests.test_hsds import EXAMPLES, with_valid_coordinates

    document = with_valid_coordinates(json.loads((EXAMPLES / "service_full.json").read_text()))
    (workdir / "input.json").write_text(json.dumps(document))


def run_hsds(workdir: Path) -> None:
    from django.core.management import call_command

    call_command("import_hsds", str(workdir / "input.json"), "--language", "en")


def prepare_submissions(workdir: Path) -> None:
    from migralocal.consultations.tests.test_offline import kobo_csv, kobo_row
    from migralocal.core.tests.world import build_world
    from migralocal.directory.tests.helpers import world_hubs

    world_hubs(build_world())
    (workdir / "input.csv").write_bytes(kobo_csv([kobo_row(n) for n in range(1, 41)]))


def run_submissions(workdir: Path) -> None:
    from django.core.management import call_command

    call_command(
        "import_submissions", str(workdir / "input.csv"), "--hub", "ventanilla-el-progreso", "--yes"
    )


def prepare_attendance(workdir: Path) -> None:
    from migralocal.core.tests.world import build_world
    from migralocal.learning.tests.builders import make_event

    make_event(build_world().honduras, slug="crash-taller")
    lines = ["email;name;gender;mode"] + [
        f"p{n}@example.org;Persona {n};woman;online" for n in range(1, 31)
    ]
    (workdir / "input.csv").write_text("\n".join(lines) + "\n")


def run_attendance(workdir: Path) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from migralocal.learning import attendance_import, services
    from migralocal.learning.models import Event

    event = Event.objects.get(slug="crash-taller")
    upload = SimpleUploadedFile("attendance.csv", (workdir / "input.csv").read_bytes())
    result = attendance_import.validate_rows(event, attendance_import.read_table(upload))
    assert result.is_valid, result.errors
    services.attendance_import(event=event, rows=result.rows)


def prepare_framework(workdir: Path) -> None:
    """The shipped framework file is the input; nothing to prepare."""


def run_framework(workdir: Path) -> None:
    from django.core.management import call_command

    call_command("load_framework", "--default")


# scenario → (prepare, run, the table prefix whose first INSERT pauses the run)
SCENARIOS: dict[str, tuple[Callable[[Path], None], Callable[[Path], None], str]] = {
    "hsds": (prepare_hsds, run_hsds, "directory_"),
    "submissions": (prepare_submissions, run_submissions, "consultations_consultation"),
    "attendance": (prepare_attendance, run_attendance, "learning_registration"),
    "framework": (prepare_framework, run_framework, "assessments_"),
}


class PauseAfterInsert:
    """A database execute wrapper that freezes the process right after an INSERT into a table
    whose name starts with `prefix`, with the transaction still open."""

    def __init__(self, prefix: str, marker: Path) -> None:
        self.prefix = prefix
        self.marker = marker

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        result = execute(sql, params, many, context)
        if sql.lstrip().upper().startswith("INSERT") and f'INTO "{self.prefix}' in sql:
            self.marker.touch()
            time.sleep(PAUSE_SECONDS)
        return result


def pause_after_copies(pause: PauseAfterInsert) -> None:
    """Large imports write through COPY on PostgreSQL (core.bulk), which bypasses execute
    wrappers: pause after a COPY into the import's tables as after an INSERT."""
    from migralocal.core import bulk

    original = bulk._copy

    def copy_then_pause(model: Any, *args: Any, **kwargs: Any) -> Any:
        result = original(model, *args, **kwargs)
        if model._meta.db_table.startswith(pause.prefix):
            pause.marker.touch()
            time.sleep(PAUSE_SECONDS)
        return result

    bulk._copy = copy_then_pause


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    parser.add_argument("workdir", type=Path)
    parser.add_argument("--prepare", action="store_true")
    parser.add_argument("--pause", action="store_true")
    options = parser.parse_args()
    django.setup()
    from django.db import connection

    from migralocal.core.tests.databases import row_counts

    prepare, run, prefix = SCENARIOS[options.scenario]
    if options.prepare:
        prepare(options.workdir)
        counts = row_counts("default")
        (options.workdir / "prepared.json").write_text(json.dumps(counts))
    if options.pause:
        pause = PauseAfterInsert(prefix, options.workdir / "paused")
        pause_after_copies(pause)
        with connection.execute_wrapper(pause):
            run(options.workdir)
    else:
        run(options.workdir)


if __name__ == "__main__":
    main()
