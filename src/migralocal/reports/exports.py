"""The report as files: a workbook (one sheet per indicator and a sheet of definitions), a CSV
table and a printable PDF summary with the charts.

Exports leave the platform, so every view passes them a report made with the reader's own
suppression (the dashboard's full figures for programme staff, suppressed ones for the public).
"""

from __future__ import annotations

import io
from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from migralocal.consultations.suppression import Cell
from migralocal.core.exports import csv_lines, safe_cell
from migralocal.reports.charts import bars_svg
from migralocal.reports.presentation import Report, long_rows

Progress = Callable[[int, int], None]
SHEET_TITLE_LENGTH = 31
FORBIDDEN_IN_SHEET_TITLES = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def _no_progress(done: int, total: int) -> None:
    """Exports made while the reader waits report no progress."""


def _sheet_title(title: str, taken: set[str]) -> str:
    base = title.translate(FORBIDDEN_IN_SHEET_TITLES)[:SHEET_TITLE_LENGTH].strip()
    candidate, number = base, 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate = base[: SHEET_TITLE_LENGTH - len(suffix)] + suffix
        number += 1
    taken.add(candidate.lower())
    return candidate


def header_rows(report: Report) -> list[list[str | int]]:
    return [
        [_("Place"), report.scope.place_label()],
        [_("Period"), str(report.scope.period)],
    ]


def workbook_bytes(report: Report, progress: Progress = _no_progress) -> bytes:
    """One sheet per indicator (its total and every breakdown), then the definitions."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    steps = len(report.indicators) + 1
    for done, indicator in enumerate(report.indicators):
        sheet = workbook.create_sheet(_sheet_title(str(indicator.title), taken))
        sheet.append([safe_cell(str(indicator.title))])
        for place_or_period in header_rows(report):
            sheet.append([safe_cell(value) for value in place_or_period])
        sheet.append([])
        sheet.append([_("Breakdown"), _("Category"), _("Count")])
        sheet.append([_("Total"), _("Total"), _count(indicator.total)])
        for one in indicator.series:
            for row in one.rows:
                sheet.append([safe_cell(one.title), safe_cell(row.label), _count(row.cell)])
        if indicator.share is not None:
            sheet.append([_("Share completed (%)"), "", indicator.share])
        if report.suppressed:
            sheet.append([])
            sheet.append([str(report.note)])
        progress(done + 1, steps)
    definitions = workbook.create_sheet(_sheet_title(_("Definitions"), taken))
    definitions.append([_("Indicator"), _("Definition")])
    for indicator in report.indicators:
        definitions.append([safe_cell(str(indicator.title)), safe_cell(str(indicator.definition))])
    progress(steps, steps)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _count(cell: Cell) -> str | int:
    return str(cell) if cell.suppressed else cell.value


def csv_text(report: Report) -> str:
    rows: list[list[str | int]] = [
        *header_rows(report),
        [_("Indicator"), _("Breakdown"), _("Category"), _("Count")],
        *long_rows(report),
    ]
    if report.suppressed:
        rows.append([str(report.note)])
    return "".join(csv_lines(rows))


def charts_of(report: Report) -> list[dict[str, object]]:
    """Each indicator with its breakdowns drawn, for the page and the PDF."""
    return [
        {
            "indicator": indicator,
            "charts": [
                (one, bars_svg(one, f"{indicator.title} · {one.title}")) for one in indicator.series
            ],
        }
        for indicator in report.indicators
    ]


def pdf_bytes(report: Report, progress: Progress = _no_progress) -> bytes:
    from weasyprint import HTML  # imported here: it loads system libraries that pages don't need

    html = render_to_string(
        "reports/summary_pdf.html", {"report": report, "items": charts_of(report)}
    )
    progress(1, 2)
    document = bytes(HTML(string=html).write_pdf())
    progress(2, 2)
    return document
