"""`manage.py restore ARCHIVE [--force]`: rebuild an installation from a backup archive."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from migralocal.core import backup


class Command(BaseCommand):
    help = (
        "Restore a backup written by `backup` into an empty database: check the archive, create "
        "the tables, load every row in one transaction and put the uploaded files back."
    )
    requires_migrations_checks = False
    requires_system_checks: list[str] = []

    verbosity = 1

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="the archive written by `backup`")
        parser.add_argument("--database", default="default", help="the database alias")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace everything in a database that already holds data",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="only check that the archive is complete; write nothing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.verbosity = options["verbosity"]
        archive: Path = options["archive"]
        try:
            if options["check"]:
                backup.backup_check(archive_path=archive, progress=self._report)
                return
            result = backup.backup_restore(
                archive_path=archive,
                using=options["database"],
                force=options["force"],
                progress=self._report,
            )
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("Restored %(tables)s tables, %(rows)s rows and %(files)s files from %(archive)s.")
                % {
                    "tables": result.tables,
                    "rows": result.rows,
                    "files": result.files,
                    "archive": archive,
                }
            )
        )

    def _report(self, message: str) -> None:
        if self.verbosity >= 1:
            self.stdout.write(message)
