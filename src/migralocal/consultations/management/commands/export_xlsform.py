"""`manage.py export_xlsform --hub <id or slug> OUT.xlsx`: the consultation form for ODK/Kobo."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from migralocal.consultations.xlsform import write_xlsform
from migralocal.directory.models import Hub


def find_hub(value: str) -> Hub:
    hub = Hub.objects.filter(slug=value).first()
    if hub is None and value.isdigit():
        hub = Hub.objects.filter(pk=int(value)).first()
    if hub is None:
        raise CommandError(f"No hub has the id or short name {value!r}.")
    return hub


class Command(BaseCommand):
    help = "Write the consultation form as an XLSForm, with the hub's country's services."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("output", help="Where to write the .xlsx file.")
        parser.add_argument("--hub", required=True, help="The hub's id or short name.")

    def handle(self, *args: Any, **options: Any) -> None:
        hub = find_hub(options["hub"])
        write_xlsform(hub, options["output"])
        self.stdout.write(self.style.SUCCESS(f"Wrote the XLSForm of {hub} to {options['output']}."))
