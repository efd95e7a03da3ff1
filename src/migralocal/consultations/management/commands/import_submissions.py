"""`manage.py import_submissions FILE --hub <id or slug> [--yes]`: import Kobo/ODK exports.

Every row is checked first and each problem reported by row and column; nothing is written unless
the check passes and you confirm (or pass --yes); the write is all or nothing.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from migralocal.consultations import services
from migralocal.consultations.management.commands.export_xlsform import find_hub
from migralocal.consultations.submissions import preview_of, read_records, validate_submissions


class Command(BaseCommand):
    help = "Import consultations collected offline from a KoboToolbox or ODK CSV/JSON export."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--hub", required=True, help="The hub's id or short name.")
        parser.add_argument("--yes", action="store_true", help="Import without asking.")

    def handle(self, *args: Any, **options: Any) -> None:
        hub = find_hub(options["hub"])
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        with path.open("rb") as stream:
            try:
                validation = validate_submissions(read_records(stream, path.name), hub)
            except (ValueError, UnicodeDecodeError) as problem:
                raise CommandError(f"The file cannot be read: {problem}") from problem
        if not validation.is_valid:
            for error in validation.errors:
                self.stderr.write(
                    f"row {error['row']}, column {error['column']}: {error['message']}"
                )
            raise CommandError(f"{len(validation.errors)} problems found; nothing was imported.")
        self.stdout.write(
            f"{validation.total} rows checked: {len(validation.rows)} new, "
            f"{validation.duplicates} already imported (skipped)."
        )
        for row in preview_of(validation.rows):
            self.stdout.write("  " + ", ".join(f"{key}={value}" for key, value in row.items()))
        if not validation.rows:
            return
        if not options["yes"]:
            answer = input(f"Import {len(validation.rows)} submissions into {hub}? [y/N] ")
            if answer.strip().lower() not in {"y", "yes", "s", "si", "sí"}:
                self.stdout.write("Nothing imported.")
                return
        count = services.submissions_import(hub=hub, user=None, rows=validation.rows)
        self.stdout.write(self.style.SUCCESS(f"Imported {count} submissions into {hub}."))
