"""`manage.py import_translations FILE --language fr [--replace] [--dry-run]`: bring a
translator's XLIFF or CSV file back, with the same checks as the import page; all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError, CommandParser

from migralocal.core import content_translation_services as services


class Command(BaseCommand):
    help = "Import translated content from an XLIFF or CSV file (checked first; all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--language", required=True, help="The language of the targets.")
        parser.add_argument(
            "--replace", action="store_true", help="Replace translations that already exist."
        )
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            with path.open("rb") as handle:
                file_format, entries = services.read_upload(
                    File(handle, name=path.name), options["language"]
                )
            plan = services.plan_import(
                entries,
                language=options["language"],
                file_format=file_format,
                replace=options["replace"],
                file_name=path.name,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        for problem in plan.problems:
            self.stderr.write(f"{problem.where}: {problem.message}")
        if not plan.ok:
            raise CommandError(f"{len(plan.problems)} errors; nothing was imported.")
        self.stdout.write(
            f"new: {plan.new_count}, replaced: {plan.replaced_count}, "
            f"empty: {len(plan.empty)}, kept: {len(plan.kept)}, "
            f"incomplete items: {len(plan.incomplete)}"
        )
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing written.")
            return
        services.import_translations(plan, actor=None)
        self.stdout.write(self.style.SUCCESS("Imported."))
