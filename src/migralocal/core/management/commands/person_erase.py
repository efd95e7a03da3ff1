"""`manage.py person_erase --email … --by … [--consultation-person-id …] [--yes]`: erase or
anonymise one person's data on request, keeping the aggregate figures. Logged."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from migralocal.core.management.commands.person_export import add_person_arguments
from migralocal.core.person_requests import person_erase

YES = {"y", "yes", "s", "si", "sí"}


class Command(BaseCommand):
    help = "Erase or anonymise everything that identifies one person; figures stay."

    def add_arguments(self, parser: CommandParser) -> None:
        add_person_arguments(parser)
        parser.add_argument("--yes", action="store_true", help="Erase without asking.")

    def handle(self, *args: Any, **options: Any) -> None:
        email, references = options["email"], options["references"]
        if not options["yes"]:
            what = email + (f" and {', '.join(references)}" if references else "")
            answer = input(f"Erase the data of {what}? This cannot be undone. [y/N] ")
            if answer.strip().lower() not in YES:
                self.stdout.write("Nothing erased.")
                return
        try:
            counts = person_erase(email=email, handled_by=options["by"], references=references)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        for what, count in sorted(counts.items()):
            self.stdout.write(f"  {what}: {count}")
        self.stdout.write(self.style.SUCCESS("Erased. The request is in the access log."))
