"""Figures as a page or an export shows them: counts by category, protected outside the hub
(small counts hidden, the rest rounded to 5), with bar lengths for the server-rendered SVG
charts, and as rows for CSV and XLSX downloads.

`Row` and `Series` are the figures model of the platform: the reports module presents its
indicators with them too, and `shown_series()` is where both call the protection.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from migralocal.consultations.models import Referral
from migralocal.consultations.selectors import Breakdown, Scope, breakdowns
from migralocal.consultations.suppression import (
    HIDDEN_NOTE,
    TOTAL,
    Cell,
    cell_identity,
    protect_series,
)
from migralocal.core.exports import csv_text, xlsx_bytes

BAR_AREA = 100  # the SVG width that bars are scaled to


@dataclass(frozen=True)
class Row:
    """One category of a breakdown: its label, its count as shown, and its bar's length."""

    label: str
    cell: Cell
    length: float
    key: str = ""

    @property
    def display(self) -> str:
        return str(self.cell)


@dataclass(frozen=True)
class Series:
    """A titled breakdown, one row per category, and its total."""

    key: str
    title: str
    rows: list[Row]
    total: Cell

    def export_rows(self) -> list[list[str | int]]:
        """Title, category and count of each row, as exports write them."""
        return [[self.title, row.label, export_value(row.cell)] for row in self.rows]


def shown_series(
    key: str,
    title: str,
    labels: Sequence[str],
    counts: Sequence[int],
    *,
    suppressed: bool,
    keys: Sequence[str] = (),
    figure: str = "",
    total_identity: str = "",
) -> Series:
    """Counts by category as a reader may see them: protected when `suppressed` (small counts
    hidden, the rest rounded to 5), and every shown count with a bar scaled to the longest.

    A protected cell is known by `figure` (the key by default) and its category's key, never by
    its label, which changes with the language: the same cell must round the same way in every
    language. `total_identity` names the total when several breakdowns count the same things.
    """
    if suppressed:
        categories = list(keys) or [str(position) for position in range(len(counts))]
        shown = protect_series(figure or key, categories, counts, total_identity=total_identity)
        cells, total = shown.cells, shown.total
    else:
        cells, total = [Cell(count) for count in counts], Cell(sum(counts))
    # A hidden count draws no bar: its length would give it away. Shown counts are scaled as
    # published (rounded when protected).
    longest = max((cell.value for cell in cells if not cell.suppressed), default=0) or 1
    rows = [
        Row(str(label), cell, 0.0 if cell.suppressed else BAR_AREA * cell.value / longest, code)
        for label, cell, code in zip(labels, cells, keys or [""] * len(cells), strict=True)
    ]
    return Series(key, str(title), rows, total)


def export_value(cell: Cell) -> str | int:
    """A count as exports write it: a number (rounded when protected), or "<5" when hidden."""
    return str(cell) if cell.suppressed else cell.value


@dataclass(frozen=True)
class Dashboard:
    figures: list[Series]
    consultations: Cell
    referrals: Cell
    completed_share: float | None
    suppressed: bool

    note = HIDDEN_NOTE


# Breakdowns whose total is not the number of consultations: one consultation may ask about
# several topics, and referrals are counted themselves.
OWN_TOTALS = {"topic", "referral_status"}


def _figure(breakdown: Breakdown, suppressed: bool) -> Series:
    figure = f"consultations.{breakdown.key}"
    counted = figure if breakdown.key in OWN_TOTALS else "consultations.consultations"
    return shown_series(
        breakdown.key,
        breakdown.title,
        breakdown.labels,
        breakdown.counts,
        suppressed=suppressed,
        keys=breakdown.keys,
        figure=figure,
        # Every breakdown of the consultations shares their number as its total: one figure.
        total_identity=cell_identity(counted, TOTAL),
    )


def _completed_share(referrals: Series) -> float | None:
    """Attended and closed referrals as a share of all — completed whichever side confirmed it:
    the receiving service on its incoming referrals, or the referring hub in its follow-up
    (each change's side is in the referral's history) — from the figures as shown (rounded when
    protected); none when a count it needs is hidden, so that it reveals nothing hidden."""
    by_status = dict(
        zip([value for value, _l in Referral.Status.choices], referrals.rows, strict=True)
    )
    completed = [by_status[status].cell for status in Referral.COMPLETED_STATUSES]
    if referrals.total.suppressed or any(cell.suppressed for cell in completed):
        return None
    if referrals.total.value == 0:
        return None
    return round(100 * sum(cell.value for cell in completed) / referrals.total.value, 1)


def dashboard(scope: Scope, *, suppressed: bool, by_hub: bool = False) -> Dashboard:
    return dashboard_of(breakdowns(scope, by_hub=by_hub), suppressed=suppressed)


def dashboard_of(counted: list[Breakdown], *, suppressed: bool) -> Dashboard:
    """The dashboard of breakdowns already counted (the reports count every country's at once).
    A reader that counted only some (`breakdowns(only=...)`) reads only their figures: without
    the months the consultations' number is not counted, without the referrals' statuses neither
    are the referrals, and each stands at zero."""
    figures = [_figure(breakdown, suppressed) for breakdown in counted]
    by_key = {figure.key: figure for figure in figures}
    referrals = by_key.get("referral_status")
    return Dashboard(
        figures=figures,
        consultations=by_key["month"].total if "month" in by_key else Cell(0),
        referrals=referrals.total if referrals is not None else Cell(0),
        completed_share=_completed_share(referrals) if referrals is not None else None,
        suppressed=suppressed,
    )


def export_rows(board: Dashboard) -> list[list[str | int]]:
    """Long format: figure, category, count — as shown (exports are always protected)."""
    rows: list[list[str | int]] = [[_("Figure"), _("Category"), _("Count")]]
    for figure in board.figures:
        rows.extend(figure.export_rows())
        rows.append([figure.title, _("Total"), export_value(figure.total)])
    rows.append([str(board.note), "", ""])
    return rows


def export_csv(board: Dashboard) -> str:
    return csv_text(export_rows(board))


def export_xlsx(board: Dashboard) -> bytes:
    return xlsx_bytes(export_rows(board), _("Figures"))
