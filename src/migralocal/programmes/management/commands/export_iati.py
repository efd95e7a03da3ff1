"""`manage.py export_iati PROGRAMME OUT.xml`: a programme as an IATI 2.03 activity file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from migralocal.programmes import iati, selectors


class Command(BaseCommand):
    help = (
        "Write a programme (named by its short name in addresses) as an IATI 2.03 activity file. "
        "Private programmes too: the read is recorded in the audit log."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("programme", help="The programme's short name in addresses (slug).")
        parser.add_argument("out", type=Path, help="The XML file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        slug, out = options["programme"], options["out"]
        programme = selectors.programme_by_slug(slug)
        if programme is None:
            raise CommandError(
                _("There is no programme with the short name “%(slug)s”.") % {"slug": slug}
            )
        data = iati.activity_file(programme)
        try:
            out.write_bytes(data)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(path)s: %(reason)s")
                % {"path": out, "reason": error.strerror or error}
            ) from error
        iati.record_private_read(programme)
        self.stdout.write(
            _("Wrote the IATI activity file of %(programme)s to %(path)s.")
            % {"programme": programme, "path": out}
        )
