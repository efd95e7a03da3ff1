"""A programme's results as files for its donors: a workbook (one sheet per outcome, then the
definitions) and a printable PDF. Both state the countries and the days they cover, and show
counts as the reader may see them (protected outside the programme)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from migralocal.consultations.suppression import HIDDEN_NOTE
from migralocal.core import exports as core_exports
from migralocal.core.exports import Sheet
from migralocal.programmes.results import ResultIndicator
from migralocal.programmes.results_selectors import CountryFigures, IndicatorResult, Results

Cell = str | int | float | Decimal | None


def header_rows(results: Results) -> list[list[Cell]]:
    return [
        [_("Programme"), results.programme_name],
        [_("Countries"), results.country_names()],
        [_("From"), results.start.isoformat()],
        [_("To"), results.end.isoformat()],
    ]


def _actual(row: IndicatorResult | CountryFigures) -> Cell:
    return "<5" if row.actual_hidden else row.actual


def _indicator_rows(output: str, indicator: IndicatorResult, everywhere: str) -> list[list[Cell]]:
    unit = str(ResultIndicator.Unit(indicator.unit).label)
    rows: list[list[Cell]] = [
        [
            output,
            indicator.title,
            everywhere,
            indicator.baseline,
            indicator.baseline_year,
            indicator.target,
            _actual(indicator),
            indicator.share,
            unit,
        ]
    ]
    for country in indicator.countries:
        rows.append(
            [
                output,
                indicator.title,
                country.name,
                None,
                None,
                country.target,
                _actual(country),
                country.share,
                unit,
            ]
        )
    return rows


def _sheets(results: Results) -> Iterator[Sheet]:
    columns = [
        _("Output"),
        _("Indicator"),
        _("Country"),
        _("Baseline"),
        _("Baseline year"),
        _("Target"),
        _("Actual"),
        _("Share of the target (%)"),
        _("Unit"),
    ]
    everywhere = _("All the countries shown")
    for outcome in results.outcomes:
        rows: list[Sequence[Cell]] = [[outcome.title], *header_rows(results), [], columns]
        for output in outcome.outputs:
            for indicator in output.indicators:
                rows.extend(_indicator_rows(output.title, indicator, everywhere))
        if results.suppressed:
            rows += [[], [str(HIDDEN_NOTE)]]
        yield Sheet(outcome.title, rows)
    definitions: list[Sequence[Cell]] = [
        *header_rows(results),
        [],
        [
            _("Indicator"),
            _("Definition"),
            _("Source of the actual"),
            _("What the platform counts"),
            _("Disaggregations"),
            _("Higher is better"),
        ],
    ]
    for indicator in results.indicators():
        definitions.append(
            [
                indicator.title,
                indicator.definition,
                str(ResultIndicator.Source(indicator.source).label),
                indicator.measure,
                ", ".join(indicator.disaggregations),
                _("Yes") if indicator.ascending else _("No"),
            ]
        )
    yield Sheet(_("Definitions"), definitions)


def workbook_bytes(results: Results) -> bytes:
    """One sheet per outcome (each indicator, then each country's row), then the definitions."""
    return core_exports.workbook_bytes(_sheets(results))


def pdf_bytes(results: Results) -> bytes:
    from weasyprint import HTML  # imported here: it loads system libraries that pages don't need

    html = render_to_string(
        "programmes/results_pdf.html", {"results": results, "note": HIDDEN_NOTE}
    )
    return bytes(HTML(string=html).write_pdf())
