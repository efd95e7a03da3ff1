from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from migralocal.directory.hsds import importing, reading


class Command(BaseCommand):
    help = (
        "Import an HSDS 3.0 JSON file (a service, a list of services, an organization with its "
        "services) or a tabular package folder. Validates everything first; writes nothing if "
        "anything is invalid unless --skip-invalid is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help="The language the file's texts are written in.",
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Import the valid objects and list the invalid ones that were skipped.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        try:
            items = reading.read_items(path)
        except reading.InputError as error:
            raise CommandError(str(error)) from error
        result = importing.import_items(
            items, language=options["language"], skip_invalid=options["skip_invalid"]
        )
        for problem in result.problems:
            self.stderr.write(f"  {problem}")
        if not result.written:
            raise CommandError(
                f"{len(result.problems)} problem(s) found; nothing was imported. "
                "Fix them, or use --skip-invalid to import the rest."
            )
        for label in result.skipped:
            self.stdout.write(f"Skipped {label}")
        created = ", ".join(f"{kind} {n}" for kind, n in sorted(result.created.items()))
        updated = ", ".join(f"{kind} {n}" for kind, n in sorted(result.updated.items()))
        self.stdout.write(f"Created: {created or 'nothing'}")
        self.stdout.write(f"Updated: {updated or 'nothing'}")
