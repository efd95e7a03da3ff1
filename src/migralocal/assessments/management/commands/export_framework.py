"""`manage.py export_framework CODE [--version N] [--output FILE]`: the framework as YAML."""

from pathlib import Path
from typing import Any

import yaml
from django.core.management.base import BaseCommand, CommandError, CommandParser

from migralocal.assessments.framework_format import as_file_data, framework_as_dict
from migralocal.assessments.models import Framework


def framework_version(code: str, version: int | None) -> Framework:
    frameworks = Framework.objects.filter(code=code).order_by("-version")
    if version is not None:
        frameworks = frameworks.filter(version=version)
    framework = frameworks.first()
    if framework is None:
        raise CommandError(f"No framework {code}" + (f" version {version}" if version else ""))
    return framework


class Command(BaseCommand):
    help = "Write a framework version in the file format that load_framework reads."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code")
        parser.add_argument("--framework-version", dest="framework_version", type=int)
        parser.add_argument("--output", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        framework = framework_version(options["code"], options["framework_version"])
        text = yaml.safe_dump(
            as_file_data(framework_as_dict(framework)), allow_unicode=True, sort_keys=False
        )
        if options["output"]:
            options["output"].write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text)
