"""The report as files: a workbook (one sheet per indicator and a sheet of definitions), a CSV
table and a printable PDF summary with the charts.

Exports leave the platform, so every view passes them a report made with the reader's own
protection (the dashboard's full figures for programme staff, protected ones for the public).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from migralocal.consultations.figures import export_value
from migralocal.core import exports as core_exports
from migralocal.core.exports import Sheet
from migralocal.reports.charts import bars_svg
from migralocal.reports.presentation import Indicator, Report, long_rows

Progress = Callable[[int, int], None]


def _no_progress(done: int, total: int) -> None:
    """Exports made while the reader waits report no progress."""


def header_rows(report: Report) -> list[list[str | int]]:
    """What every export covers: the programme (or that every activity counts), the place, each
    country by name, and the period with its first and last day."""
    period = report.scope.period
    return [
        [_("Programme"), report.scope.programme_label()],
        [_("Place"), report.scope.place_label()],
        [_("Countries"), report.scope.country_names()],
        [_("Period"), str(period)],
        [_("From"), period.start.isoformat()],
        [_("To"), period.end.isoformat()],
    ]


def _indicator_rows(report: Report, indicator: Indicator) -> list[Sequence[str | int | float]]:
    """An indicator's sheet: its title, the place and period, its total and every breakdown."""
    rows: list[Sequence[str | int | float]] = [
        [indicator.title],
        *header_rows(report),
        [],
        [_("Breakdown"), _("Category"), _("Count")],
        [_("Total"), _("Total"), export_value(indicator.total)],
    ]
    for one in indicator.series:
        rows.extend(one.export_rows())
    if indicator.share is not None:
        rows.append([_("Share completed (%)"), "", indicator.share])
    if report.suppressed:
        rows += [[], [str(report.note)]]
    return rows


def _sheets(report: Report, progress: Progress) -> Iterator[Sheet]:
    """One sheet per indicator, then the definitions; progress is reported as each is written."""
    steps = len(report.indicators) + 1
    for done, indicator in enumerate(report.indicators):
        yield Sheet(indicator.title, _indicator_rows(report, indicator))
        progress(done + 1, steps)
    definitions = [[indicator.title, indicator.definition] for indicator in report.indicators]
    yield Sheet(_("Definitions"), [[_("Indicator"), _("Definition")], *definitions])
    progress(steps, steps)


def workbook_bytes(report: Report, progress: Progress = _no_progress) -> bytes:
    """One sheet per indicator (its total and every breakdown), then the definitions."""
    return core_exports.workbook_bytes(_sheets(report, progress))


def csv_text(report: Report) -> str:
    rows: list[list[str | int]] = [
        *header_rows(report),
        [_("Indicator"), _("Breakdown"), _("Category"), _("Count")],
        *long_rows(report),
    ]
    if report.suppressed:
        rows.append([str(report.note)])
    return core_exports.csv_text(rows)


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
