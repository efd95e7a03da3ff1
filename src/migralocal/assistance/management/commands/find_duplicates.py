"""`manage.py find_duplicates --programme SLUG OUT.csv`: write the probable duplicate pairs of a
programme, one a row: `person_ref_a, person_ref_b, score, reasons` (the references as imported).
The pairs are also kept for review on the programme's duplicates page; the search is logged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from migralocal.assistance import matching, selectors, services
from migralocal.assistance.models import Member
from migralocal.core.exports import csv_text

HEADER = ("person_ref_a", "person_ref_b", "score", "reasons")


class Command(BaseCommand):
    help = "Write a programme's probable duplicate pairs to a CSV file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", type=Path)
        parser.add_argument("--programme", required=True, help="The programme's slug.")
        parser.add_argument(
            "--threshold",
            type=float,
            default=matching.DEFAULT_THRESHOLD,
            help="The smallest score written (0 to 1).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        programme = selectors.programme_by_slug(options["programme"])
        if programme is None:
            raise CommandError(f"No cash assistance programme {options['programme']!r}.")
        pairs = services.duplicates_find(
            actor=None, programme=programme, threshold=options["threshold"]
        )
        refs = dict(Member.objects.filter(programme=programme).values_list("pk", "person_ref"))
        rows = [
            (
                refs[pair.member_a_id],
                refs[pair.member_b_id],
                f"{pair.score:.3f}",
                ";".join(pair.reasons),
            )
            for pair in pairs
        ]
        options["out"].write_text(csv_text([HEADER, *rows]), encoding="utf-8")
        self.stdout.write(
            self.style.SUCCESS(f"{len(rows)} probable pairs written to {options['out']}.")
        )
