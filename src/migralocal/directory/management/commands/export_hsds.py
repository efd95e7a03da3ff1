from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from migralocal.directory.hsds import exporting


class Command(BaseCommand):
    help = (
        "Write the directory as HSDS 3.0: OUT/services.json, the tabular package OUT/csv/ and "
        "OUT/README.txt with any warnings."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", type=Path)
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help="The language of the exported texts (others fall back to it).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = exporting.export_directory(options["out"], options["language"])
        self.stdout.write(f"Exported {result.services} services to {options['out']}.")
        for warning in result.warnings:
            self.stderr.write(str(warning))
