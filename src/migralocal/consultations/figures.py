"""Figures as a page or an export shows them: suppressed outside the hub, with bar lengths for
the server-rendered SVG charts, and as rows for CSV and XLSX downloads."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from migralocal.consultations.models import Referral
from migralocal.consultations.selectors import Breakdown, Scope, breakdowns
from migralocal.consultations.suppression import HIDDEN_NOTE, Cell, suppress_series
from migralocal.core.exports import csv_text, xlsx_bytes

BAR_AREA = 100  # the SVG viewBox width that bars are scaled to


@dataclass(frozen=True)
class Bar:
    label: str
    cell: Cell
    length: float

    @property
    def display(self) -> str:
        return str(self.cell)


@dataclass(frozen=True)
class Figure:
    key: str
    title: str
    bars: list[Bar]
    total: Cell


@dataclass(frozen=True)
class Dashboard:
    figures: list[Figure]
    consultations: Cell
    referrals: Cell
    completed_share: float | None
    suppressed: bool

    note = HIDDEN_NOTE


def _figure(breakdown: Breakdown, suppressed: bool) -> Figure:
    if suppressed:
        series = suppress_series(breakdown.counts)
        cells, total = series.cells, series.total
    else:
        cells = [Cell(count) for count in breakdown.counts]
        total = Cell(sum(breakdown.counts))
    # Hidden counts draw no bar: its length would give them away.
    longest = max((cell.value for cell in cells if not cell.suppressed), default=0) or 1
    bars = [
        Bar(str(label), cell, 0.0 if cell.suppressed else BAR_AREA * cell.value / longest)
        for label, cell in zip(breakdown.labels, cells, strict=True)
    ]
    return Figure(breakdown.key, str(breakdown.title), bars, total)


def _completed_share(referrals: Figure) -> float | None:
    """Attended and closed referrals as a share of all. Shown only when both counts and the
    total are shown already, so that it reveals nothing the table hides."""
    by_status = dict(
        zip([value for value, _l in Referral.Status.choices], referrals.bars, strict=True)
    )
    completed = [by_status[status].cell for status in Referral.COMPLETED_STATUSES]
    if referrals.total.suppressed or any(cell.suppressed for cell in completed):
        return None
    if referrals.total.value == 0:
        return None
    return round(100 * sum(cell.value for cell in completed) / referrals.total.value, 1)


def dashboard(scope: Scope, *, suppressed: bool, by_hub: bool = False) -> Dashboard:
    figures = [_figure(breakdown, suppressed) for breakdown in breakdowns(scope, by_hub=by_hub)]
    by_key = {figure.key: figure for figure in figures}
    return Dashboard(
        figures=figures,
        consultations=by_key["month"].total,
        referrals=by_key["referral_status"].total,
        completed_share=_completed_share(by_key["referral_status"]),
        suppressed=suppressed,
    )


def export_rows(board: Dashboard) -> list[list[str]]:
    """Long format: figure, category, count — as shown (exports are always suppressed)."""
    rows = [[_("Figure"), _("Category"), _("Count")]]
    for figure in board.figures:
        rows.extend([figure.title, bar.label, bar.display] for bar in figure.bars)
        rows.append([figure.title, _("Total"), str(figure.total)])
    rows.append([str(board.note), "", ""])
    return rows


def export_csv(board: Dashboard) -> str:
    return csv_text(export_rows(board))


def export_xlsx(board: Dashboard) -> bytes:
    return xlsx_bytes(export_rows(board), _("Figures"))
