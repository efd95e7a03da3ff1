from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from migralocal.core.models import Country
from migralocal.learning import authoring_services, course_package


class Command(BaseCommand):
    help = (
        "Import a course package (a ZIP exported by MigraLocal, see docs/course-package.md) as a "
        "draft course. The whole package is validated first; nothing is written if any of it is "
        "invalid. A short name already taken gets a number added."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--country",
            help="The code of the country the course belongs to (default: the package's).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"{path} does not exist.")
        try:
            with path.open("rb") as upload:
                package = course_package.read_package(upload)
        except ValidationError as error:
            for message in error.messages:
                self.stderr.write(f"  {message}")
            raise CommandError("The package is not valid; nothing was imported.") from error
        code = options["country"] or package.manifest["course"].get("country", "")
        country = Country.objects.filter(code=str(code).upper()).first()
        if country is None:
            raise CommandError(f"No country with the code {code!r}; give one with --country.")
        course = authoring_services.course_import_package(
            manifest=package.manifest, files=package.files, country=country, user=None
        )
        self.stdout.write(f"Imported the course {course.slug} as a draft.")
