"""Indicators as a page, an export or the API shows them: full counts on the dashboard,
protected counts on the public page (the consultations module's protection: small counts
hidden, the rest rounded to 5 by a keyed hash).

Each cell is known by its indicator, breakdown and category, never by the place or period, so
the same cell rounds the same way whichever scope shows it. An indicator's total is one cell,
rounded once and repeated beside each of its breakdowns.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from migralocal.consultations.figures import Dashboard, Series, export_value, shown_series
from migralocal.consultations.suppression import (
    HIDDEN_NOTE,
    TOTAL,
    Cell,
    cell_identity,
    protected_count,
)
from migralocal.core.public_cache import cached_figure
from migralocal.core.routers import replica_reads
from migralocal.reports import selectors
from migralocal.reports.selectors import CONSULTATION_FIGURES, RawIndicator, ReportScope


@dataclass(frozen=True)
class Indicator:
    key: str
    # Texts are translated when the report is made: a lazy text costs a class to unpickle, and
    # shared reports are unpickled on every page (one cache entry per language).
    title: str
    definition: str
    total: Cell
    series: list[Series]
    headline: Cell | None = None
    headline_label: str = ""
    share: float | None = None
    link: str = ""
    # What `total` counts, in the words a tile puts beside the number.
    total_label: str = ""


@dataclass(frozen=True)
class Report:
    scope: ReportScope
    indicators: list[Indicator]
    suppressed: bool

    note = HIDDEN_NOTE

    def indicator(self, key: str) -> Indicator:
        return next(indicator for indicator in self.indicators if indicator.key == key)


def _total(raw: RawIndicator, *, suppressed: bool) -> Cell:
    """The indicator's total: one cell, whichever breakdown shows it."""
    if not suppressed:
        return Cell(raw.total)
    return protected_count(raw.total, cell_identity(f"reports.{raw.key}", TOTAL))


def _total_label(raw: RawIndicator) -> str:
    return str(raw.total_label or raw.title)


def present_indicator(raw: RawIndicator, *, suppressed: bool) -> Indicator:
    total = _total(raw, suppressed=suppressed)
    if not raw.series:
        return Indicator(
            raw.key,
            str(raw.title),
            str(raw.definition),
            total,
            [],
            total_label=_total_label(raw),
        )
    shown = [
        shown_series(
            one.key,
            one.title,
            one.labels,
            one.counts,
            suppressed=suppressed,
            keys=one.keys,
            figure=f"reports.{raw.key}.{one.key}",
        )
        for one in raw.series
    ]
    series = shown if raw.own_totals else [replace(one, total=total) for one in shown]
    headline = _headline(raw, series)
    return Indicator(
        raw.key,
        str(raw.title),
        str(raw.definition),
        total,
        series,
        headline=headline,
        headline_label=str(raw.headline_label),
        total_label=_total_label(raw),
    )


def _headline(raw: RawIndicator, series: list[Series]) -> Cell | None:
    """The cell a headline repeats ("certified", "verified"): the same cell, so the same
    suppression."""
    if not raw.headline_key:
        return None
    key, _sep, value = raw.headline_key.partition(":")
    raw_series = next(one for one in raw.series if one.key == key)
    shown = next(one for one in series if one.key == key)
    return shown.rows[raw_series.keys.index(value)].cell


def _present_consultations(raw: RawIndicator, board: Dashboard) -> Indicator:
    by_key = {figure.key: figure for figure in board.figures}
    if raw.key == "referrals":
        return Indicator(
            raw.key,
            str(raw.title),
            str(raw.definition),
            board.referrals,
            [by_key["referral_status"]],
            share=board.completed_share,
            total_label=_total_label(raw),
        )
    return Indicator(
        raw.key,
        str(raw.title),
        str(raw.definition),
        board.consultations,
        [by_key[key] for key in CONSULTATION_FIGURES if key in by_key],
        total_label=_total_label(raw),
    )


def report(
    scope: ReportScope,
    *,
    suppressed: bool,
    keys: frozenset[str] | None = None,
    series: frozenset[str] | None = None,
) -> Report:
    """Every indicator for the scope and period, as the reader may see it; `keys`: at least
    those indicators, counting only what gives them, and `series` only those breakdowns of the
    consultations' (`selectors.indicators`)."""
    raws = selectors.indicators(scope, suppressed=suppressed, keys=keys, series=series)
    return _report_of(scope, raws, suppressed)


def _report_of(scope: ReportScope, raws: list[RawIndicator], suppressed: bool) -> Report:
    shown: list[Indicator] = []
    for raw in raws:
        if raw.board is not None:
            shown.append(_present_consultations(raw, raw.board))
        else:
            shown.append(present_indicator(raw, suppressed=suppressed))
    return Report(scope, shown, suppressed)


def reports_by_country(
    scope: ReportScope,
    *,
    suppressed: bool,
    keys: frozenset[str] | None = None,
    series: frozenset[str] | None = None,
) -> tuple[Report, dict[int, Report]]:
    """`report(scope)` and the report of each of its countries alone, counted in one pass
    (`selectors.indicators_by_country`): the same figures as separate reports."""
    every, by_country = selectors.indicators_by_country(
        scope, suppressed=suppressed, keys=keys, series=series
    )
    return _report_of(scope, every, suppressed), {
        country.pk: _report_of(
            replace(scope, countries=(country,)), by_country[country.pk], suppressed
        )
        for country in scope.countries
    }


def shared_report(scope: ReportScope, *, suppressed: bool) -> Report:
    """`report()`, computed once on the read replica (when there is one) and shared by every
    process and reader until any module's data changes: the figures of a scope are the same for
    everyone allowed to see it, and computing them reads hundreds of thousands of rows."""

    def compute() -> Report:
        with replica_reads():
            return report(scope, suppressed=suppressed)

    return cached_figure(["reports"], f"report:{shared_name(scope, suppressed)}", compute)


def shared_name(scope: ReportScope, suppressed: bool) -> str:
    """Names a scope's shared figures: its programme, countries, municipality, period (a year, a
    quarter or a range of days: each has its own slug) and suppression. Two programmes, or a
    programme and none, never share figures."""
    programme = scope.programme.pk if scope.programme is not None else ""
    countries = "-".join(str(pk) for pk in sorted(scope.country_ids))
    municipality = scope.municipality.pk if scope.municipality is not None else ""
    return f"p{programme}:{countries}:{municipality}:{scope.period.slug}:{suppressed}"


def long_rows(report: Report) -> list[list[str | int]]:
    """Every figure as rows of indicator, breakdown, category and count (CSV and the API)."""
    rows: list[list[str | int]] = []
    for indicator in report.indicators:
        rows.append([str(indicator.title), _("Total"), _("Total"), export_value(indicator.total)])
        for one in indicator.series:
            rows.extend([str(indicator.title), *row] for row in one.export_rows())
    return rows
