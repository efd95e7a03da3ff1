"""`manage.py export_framework_xlsform [CODE] [--version N] --output FILE.xlsx`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from migralocal.assessments.management.commands.export_framework import framework_version
from migralocal.assessments.models import Framework
from migralocal.assessments.xlsform import write_xlsform


class Command(BaseCommand):
    help = "Write a framework's questionnaire as an XLSForm (convert it with pyxform)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", nargs="?", help="framework code (default: latest published)")
        parser.add_argument("--framework-version", dest="framework_version", type=int)
        parser.add_argument("--output", type=Path, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["code"]:
            framework = framework_version(options["code"], options["framework_version"])
        else:
            framework = (
                Framework.objects.filter(status=Framework.Status.PUBLISHED)
                .order_by("-published_at")
                .first()
            )
            if framework is None:
                raise CommandError("No published framework; give a framework code.")
        write_xlsform(framework, options["output"])
        self.stdout.write(f"Wrote {options['output']} ({framework}).\n")
