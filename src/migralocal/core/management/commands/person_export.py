"""`manage.py person_export --email … --by …`: everything the platform holds about a person,
as JSON, for a subject access request. Identifying details are decrypted; the export is
written to the access log."""

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.serializers.json import DjangoJSONEncoder

from migralocal.core.person_requests import person_export


def add_person_arguments(parser: CommandParser) -> None:
    parser.add_argument("--email", required=True, help="The person's e-mail address.")
    parser.add_argument(
        "--consultation-person-id",
        "--consultation-reference",
        dest="references",
        action="append",
        default=[],
        help="A reference handed to the person at a hub (e.g. P-ABCD2345); repeat for more.",
    )
    parser.add_argument(
        "--by",
        required=True,
        help="The e-mail of whoever handles the request; it goes to the access log.",
    )


class Command(BaseCommand):
    help = "Export, as JSON, everything the platform holds about one person."

    def add_arguments(self, parser: CommandParser) -> None:
        add_person_arguments(parser)
        parser.add_argument("--output", help="Write to this file instead of the screen.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            data = person_export(
                email=options["email"], handled_by=options["by"], references=options["references"]
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        if options["output"]:
            Path(options["output"]).write_text(text + "\n", encoding="utf-8")
            self.stderr.write(f"Written to {options['output']}.")
        else:
            self.stdout.write(text)
