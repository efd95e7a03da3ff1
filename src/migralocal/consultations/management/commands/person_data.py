"""`manage.py person_data export|erase <reference>`: answer a person's request for their data."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from migralocal.consultations import services


class Command(BaseCommand):
    help = "Export (as JSON) or erase the identifying data kept under a person's reference."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("reference", help="The reference given to the person, e.g. P-ABCD2345.")
        parser.add_argument("--yes", action="store_true", help="Erase without asking.")

    def handle(self, *args: Any, **options: Any) -> None:
        reference = options["reference"]
        try:
            if options["action"] == "export":
                self.stdout.write(services.person_data_export(reference=reference))
                return
            if not options["yes"]:
                answer = input(f"Erase the identifying data under {reference}? [y/N] ")
                if answer.strip().lower() not in {"y", "yes", "s", "si", "sí"}:
                    self.stdout.write("Nothing erased.")
                    return
            services.person_data_erase(reference=reference)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"Erased the identifying data under {reference}."))
