"""`manage.py backup OUT`: write the database and the uploaded files to one archive."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from migralocal.core import backup


class Command(BaseCommand):
    help = (
        "Write a consistent backup of the database and the uploaded files to one .zip archive "
        "that `restore` reads back, on SQLite or PostgreSQL."
    )

    verbosity = 1

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", type=Path, help="the archive to write, for example backup.zip")
        parser.add_argument("--database", default="default", help="the database alias")

    def handle(self, *args: Any, **options: Any) -> None:
        self.verbosity = options["verbosity"]
        out: Path = options["out"]
        try:
            manifest = backup.backup_write(
                out=out, using=options["database"], progress=self._report
            )
        except (backup.BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        rows = sum(table["rows"] for table in manifest["tables"])
        self.stdout.write(
            self.style.SUCCESS(
                _("Backup written to %(out)s: %(tables)s tables, %(rows)s rows, %(files)s files.")
                % {
                    "out": out,
                    "tables": len(manifest["tables"]),
                    "rows": rows,
                    "files": len(manifest["media"]),
                }
            )
        )

    def _report(self, message: str) -> None:
        if self.verbosity >= 1:
            self.stdout.write(message)
