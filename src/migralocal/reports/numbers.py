"""Counts as a reader of the active language writes them: "22 573" in Spanish, "22,573" in
English (the language's thousands separator and decimal mark), and "<5" for a hidden count."""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format

from migralocal.consultations.suppression import Cell


def figure_text(value: Cell | int | float | Decimal | None) -> str:
    """A count (or a share) for a page, a chart or a PDF: grouped and marked per language."""
    if value is None:
        return "\N{EN DASH}"
    if isinstance(value, Cell):
        return str(value) if value.suppressed else figure_text(value.value)
    return number_format(value, use_l10n=True, force_grouping=True)
