"""`manage.py import_registrations FILE --programme SLUG [--yes]`: register the households of a
CSV file (columns in docs/assistance.md). Shows every problem by row and column, or a preview
with the probable duplicates; writes all the rows or none, after confirmation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from migralocal.assistance import selectors, services

DEFAULT_CONSENT = "Registration and payments of the programme, as agreed with the source"


class Command(BaseCommand):
    help = "Register the households of a CSV file in a cash assistance programme, all or none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--programme", required=True, help="The programme's slug.")
        parser.add_argument("--yes", action="store_true", help="Import without asking.")
        parser.add_argument(
            "--consent",
            default=DEFAULT_CONSENT,
            help="What the people agreed their details may be used for, as the source recorded.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        programme = selectors.programme_by_slug(options["programme"])
        if programme is None:
            raise CommandError(f"No cash assistance programme {options['programme']!r}.")
        try:
            content = options["file"].read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error}") from None
        result = services.registrations_check(actor=None, programme=programme, content=content)
        if not result.is_valid:
            for problem in result.problems:
                self.stderr.write(f"row {problem.row}, {problem.column or '-'}: {problem.message}")
            raise CommandError(f"{len(result.problems)} problems: nothing was imported.")
        self.stdout.write(
            f"{len(result.households)} households, {result.people} people, "
            f"{len(result.duplicates)} probable duplicates."
        )
        for ref_a, ref_b, score, reasons in result.duplicates[:50]:
            self.stdout.write(f"  {ref_a} · {ref_b} · {score:.2f} · {', '.join(reasons)}")
        if not options["yes"]:
            answer = input("Import them? [y/N] ") if options.get("interactive", True) else ""
            if answer.strip().lower() not in ("y", "yes", "s", "si", "sí"):
                self.stdout.write("Nothing was imported.")
                return
        try:
            households = services.registrations_import(
                actor=None,
                programme=programme,
                content=content,
                consent_purpose=options["consent"],
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(
            self.style.SUCCESS(f"Imported {len(households)} households into {programme.slug}.")
        )
