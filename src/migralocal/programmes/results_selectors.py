"""Reads of a programme's results framework: what each indicator reached over a stretch of days,
against its baseline and targets, in all the programme's countries and in each.

A computed indicator's actual is picked from the reports' figures of the same programme, places
and days (the report of all the chosen countries and, for the breakdown, that of each, counted in
one pass), never counted again here: what the results page says is what the reports say. Return
types are plain dataclasses of text, numbers and dates, so that other formats (the donor
workbook, IATI) read them as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from migralocal.consultations.suppression import TOTAL, Cell, cell_identity, protected_count
from migralocal.core.models import Actor, Country
from migralocal.core.public_cache import cached_figure
from migralocal.core.routers import replica_reads
from migralocal.core.translation_cache import prefetched_translations_only
from migralocal.programmes.models import Programme
from migralocal.programmes.results import (
    HEADLINE,
    ManualActual,
    Outcome,
    Output,
    ResultIndicator,
    Target,
)

# `measure_series` naming the share an indicator computes itself (referrals completed).
SHARE = "share"
CACHE_SECTIONS = ("programmes",)


# The catalogue of what a computed indicator may count ------------------------------------------


@dataclass(frozen=True)
class Measure:
    """One figure of the reports a computed indicator may take as its actual."""

    key: str
    series: str
    category: str
    label: str
    # Whether it may be read as a number, and as a percentage (of its breakdown's total).
    number: bool = True
    percent: bool = False

    @property
    def code(self) -> str:
        return "/".join(part for part in (self.key, self.series, self.category) if part)


def _empty_report() -> object:
    from migralocal.reports import presentation
    from migralocal.reports.selectors import DateRange, ReportScope

    today = dt.date.today()  # noqa: DTZ011  (no figure is read: only the indicators' shape)
    return presentation.report(
        ReportScope(countries=(), period=DateRange(today, today)), suppressed=False
    )


# Breakdowns whose categories are the days of the period (sign-ups by month): no fixed figure a
# framework could name for five years, so not offered (the catalogue's own report, of today,
# would offer "this month").
PERIOD_SERIES = frozenset({"month"})


def catalogue_of(report: object) -> list[Measure]:
    """Every figure of a reports `Report` by indicator: its total, its headline, its completed
    share, and each category of each breakdown."""
    from migralocal.reports.presentation import Report

    if not isinstance(report, Report):
        return []
    measures: list[Measure] = []
    for indicator in report.indicators:
        measures.append(Measure(indicator.key, "", "", indicator.title))
        if indicator.headline is not None:
            label = f"{indicator.title} · {indicator.headline_label}"
            measures.append(Measure(indicator.key, HEADLINE, "", label, percent=True))
        if indicator.key == "referrals":
            share = _("share completed")
            label = f"{indicator.title} · {share}"
            measures.append(Measure(indicator.key, SHARE, "", label, number=False, percent=True))
        for series in indicator.series:
            if series.key in PERIOD_SERIES:
                continue
            for row in series.rows:
                if not row.key:
                    continue
                label = f"{indicator.title} · {series.title} · {row.label}"
                measures.append(Measure(indicator.key, series.key, row.key, label, percent=True))
    return measures


def measure_catalogue() -> list[Measure]:
    """What a computed indicator may count, in the language of the request."""
    return catalogue_of(_empty_report())


def measure_of(
    catalogue: Sequence[Measure], key: str, series: str, category: str
) -> Measure | None:
    return next(
        (
            one
            for one in catalogue
            if (one.key, one.series, one.category) == (key, series, category)
        ),
        None,
    )


# Results ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CountryFigures:
    code: str
    name: str
    target: Decimal | None
    actual: Decimal | None
    actual_hidden: bool
    share: float | None
    unit: str = ResultIndicator.Unit.NUMBER
    # A baseline is the indicator's, not a country's.
    baseline: Decimal | None = None
    baseline_year: int | None = None

    @property
    def is_percent(self) -> bool:
        return self.unit == ResultIndicator.Unit.PERCENT


@dataclass(frozen=True)
class IndicatorResult:
    pk: int
    title: str
    definition: str
    source: str  # ResultIndicator.Source
    unit: str  # ResultIndicator.Unit
    ascending: bool
    measure: str  # what a computed indicator counts, as the catalogue names it
    baseline: Decimal | None
    baseline_year: int | None
    target: Decimal | None
    # None: nothing to show (no report, or a hidden count: `actual_hidden`).
    actual: Decimal | None
    actual_hidden: bool
    share: float | None
    disaggregations: list[str] = field(default_factory=list)
    countries: list[CountryFigures] = field(default_factory=list)

    @property
    def is_percent(self) -> bool:
        return self.unit == ResultIndicator.Unit.PERCENT

    @property
    def bar(self) -> float:
        """The share of the target as a bar's length, 0 to 100."""
        return min(max(self.share or 0.0, 0.0), 100.0)


@dataclass(frozen=True)
class OutputResult:
    pk: int
    title: str
    indicators: list[IndicatorResult]


@dataclass(frozen=True)
class OutcomeResult:
    pk: int
    title: str
    outputs: list[OutputResult]


@dataclass(frozen=True)
class Results:
    programme_slug: str
    programme_name: str
    start: dt.date
    end: dt.date
    countries: list[tuple[str, str]]  # (code, name)
    all_countries: bool
    suppressed: bool
    outcomes: list[OutcomeResult]

    def indicators(self) -> list[IndicatorResult]:
        return [
            indicator
            for outcome in self.outcomes
            for output in outcome.outputs
            for indicator in output.indicators
        ]

    def indicator(self, title: str) -> IndicatorResult:
        return next(one for one in self.indicators() if one.title == title)

    def country_names(self) -> str:
        return ", ".join(name for _code, name in self.countries)


def framework_of(programme: Programme) -> list[Outcome]:
    """The programme's outcomes with their outputs, indicators, targets and reported actuals,
    fetched in a fixed number of queries."""
    indicators = ResultIndicator.objects.prefetch_related(
        "translations",
        Prefetch("targets", queryset=Target.objects.select_related("country")),
        Prefetch("manual_actuals", queryset=ManualActual.objects.select_related("country")),
    )
    outputs = Output.objects.prefetch_related(
        "translations", Prefetch("indicators", queryset=indicators)
    )
    return list(
        Outcome.objects.filter(programme=programme).prefetch_related(
            "translations", Prefetch("outputs", queryset=outputs)
        )
    )


def _in_range(row: Target | ManualActual, start: dt.date, end: dt.date) -> bool:
    return row.starts_on >= start and row.ends_on <= end


def plain(value: Decimal | None) -> Decimal | None:
    """A stored figure without the zeros of its two decimal places: 13, not 13.00."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def _combine(values: list[tuple[dt.date, Decimal]], *, percent: bool) -> Decimal | None:
    """Numbers add up over the periods; a percentage is the one of the latest period."""
    if not values:
        return None
    if percent:
        return plain(max(values, key=lambda pair: pair[0])[1])
    return plain(sum((value for _end, value in values), Decimal(0)))


def _rows_for(
    rows: Iterable[Target | ManualActual],
    start: dt.date,
    end: dt.date,
    country_ids: set[int],
    *,
    all_countries: bool,
    percent: bool,
) -> Decimal | None:
    """The rows of the range for the chosen countries: those of each chosen country, and those
    of all the programme's countries together only when every one of them is chosen (they
    cannot be split between countries)."""
    chosen = [
        (row.ends_on, row.value)
        for row in rows
        if _in_range(row, start, end)
        and (row.country_id in country_ids if row.country_id else all_countries)
    ]
    return _combine(chosen, percent=percent)


def _share(actual: Decimal | None, target: Decimal | None) -> float | None:
    if actual is None or not target:
        return None
    return round(float(actual / target * 100), 1)


def _of(cell: Cell | None) -> tuple[Decimal | None, bool]:
    if cell is None:
        return None, False
    if cell.suppressed:
        return None, True
    return Decimal(cell.value), False


def _percent_of(part: Cell | None, whole: Cell) -> tuple[Decimal | None, bool]:
    if part is None or part.suppressed or whole.suppressed:
        return None, True
    if not whole.value:
        return None, False
    return Decimal(round(100 * part.value / whole.value, 1)).quantize(Decimal("0.1")), False


def computed_actual(indicator: ResultIndicator, report: object) -> tuple[Decimal | None, bool]:
    """The figure `indicator` names in `report` (a reports `Report`), as the reader may see it:
    (value, hidden)."""
    from migralocal.reports.presentation import Report

    assert isinstance(report, Report)  # noqa: S101  (for mypy)
    shown = next((one for one in report.indicators if one.key == indicator.measure_key), None)
    if shown is None:
        return None, False
    percent = indicator.is_percent
    if indicator.measure_series == SHARE:
        if shown.share is None:
            return None, shown.total.suppressed
        return Decimal(str(shown.share)), False
    if indicator.measure_series == HEADLINE:
        if percent:
            return _percent_of(shown.headline, shown.total)
        return _of(shown.headline)
    if not indicator.measure_series:
        return _of(shown.total)
    series = next((one for one in shown.series if one.key == indicator.measure_series), None)
    if series is None:
        return None, False
    row = next((one for one in series.rows if one.key == indicator.measure_category), None)
    if row is None:
        return None, False
    if percent:
        return _percent_of(row.cell, series.total)
    return _of(row.cell)


def _manual_actual(
    indicator: ResultIndicator,
    start: dt.date,
    end: dt.date,
    country_ids: set[int],
    *,
    all_countries: bool,
    suppressed: bool,
) -> tuple[Decimal | None, bool]:
    value = _rows_for(
        indicator.manual_actuals.all(),
        start,
        end,
        country_ids,
        all_countries=all_countries,
        percent=indicator.is_percent,
    )
    if value is None or indicator.is_percent or not suppressed:
        return value, False
    # Counts typed by hand are protected like every other count shown outside the programme.
    identity = cell_identity(f"programmes.result.{indicator.pk}", TOTAL)
    cell = protected_count(int(value), identity)
    return _of(cell)


def _disaggregations(indicator: ResultIndicator, report: object) -> list[str]:
    from migralocal.reports.presentation import Report
    from migralocal.reports.selectors import breakdown_titles

    if not indicator.is_computed:
        return [part.strip() for part in indicator.disaggregations.split(",") if part.strip()]
    if not isinstance(report, Report) or indicator.measure_series in (HEADLINE, SHARE):
        return []
    fixed = breakdown_titles(indicator.measure_key)
    if fixed is not None:
        # Breakdowns the framework does not name are not counted: their titles are fixed.
        return [title for key, title in fixed if key != indicator.measure_series]
    shown = next((one for one in report.indicators if one.key == indicator.measure_key), None)
    if shown is None:
        return []
    return [one.title for one in shown.series if one.key != indicator.measure_series]


def _measure_label(indicator: ResultIndicator, labels: dict[tuple[str, str, str], str]) -> str:
    if not indicator.is_computed:
        return ""
    key = (indicator.measure_key, indicator.measure_series, indicator.measure_category)
    return labels.get(key, "/".join(part for part in key if part))


def _report(
    programme: Programme,
    countries: Sequence[Country],
    start: dt.date,
    end: dt.date,
    suppressed: bool,
    keys: frozenset[str],
    series: frozenset[str],
) -> object:
    from migralocal.reports import presentation
    from migralocal.reports.selectors import DateRange, ReportScope

    scope = ReportScope(
        countries=tuple(countries), period=DateRange(start, end), programme=programme
    )
    return presentation.report(scope, suppressed=suppressed, keys=keys, series=series)


def _reports_by_country(
    programme: Programme,
    countries: Sequence[Country],
    start: dt.date,
    end: dt.date,
    suppressed: bool,
    keys: frozenset[str],
    series: frozenset[str],
) -> tuple[object, dict[int, object]]:
    from migralocal.reports import presentation
    from migralocal.reports.selectors import DateRange, ReportScope

    scope = ReportScope(
        countries=tuple(countries), period=DateRange(start, end), programme=programme
    )
    every, by_country = presentation.reports_by_country(
        scope, suppressed=suppressed, keys=keys, series=series
    )
    return every, dict(by_country)


@prefetched_translations_only()
def results(
    programme: Programme,
    start: dt.date,
    end: dt.date,
    countries: Iterable[Country] | None = None,
    *,
    suppressed: bool = False,
    per_country: bool = True,
) -> Results:
    """Each indicator of the programme over `start` to `end` in `countries` (None: all the
    programme's): its baseline, the sum of the targets whose period lies in the range (for a
    percentage, the latest), the actual (computed: the reports' figure for the programme, those
    countries and days; manual: the sum of the reported actuals in the range) and its share of the
    target; and the same per country when there are several (counted in the same pass).
    `suppressed`: counts protected as on the reports' public pages. `per_country=False`: the
    totals only, for a reader that shows no country rows."""
    programme_countries = list(
        programme.countries.prefetch_related("translations").order_by("code")
    )
    wanted = None if countries is None else {country.pk for country in countries}
    chosen = [c for c in programme_countries if wanted is None or c.pk in wanted]
    all_countries = len(chosen) == len(programme_countries)
    outcomes = framework_of(programme)
    every = [i for o in outcomes for out in o.outputs.all() for i in out.indicators.all()]
    # Only the reports' indicators the framework names are counted, not the whole catalogue.
    keys = frozenset(indicator.measure_key for indicator in every if indicator.is_computed)
    # And of the breakdowns that may be left out (the consultations'), only those it names.
    series = frozenset(
        f"{indicator.measure_key}/{indicator.measure_series}"
        for indicator in every
        if indicator.is_computed and indicator.measure_series not in ("", HEADLINE, SHARE)
    )
    needs_report = bool(keys) and bool(chosen)
    by_country = per_country and len(chosen) > 1
    report: object = None
    country_reports: dict[int, object] = {}
    if needs_report and by_country:
        # The countries' figures and their sum in one pass: as many queries as for one country.
        report, country_reports = _reports_by_country(
            programme, chosen, start, end, suppressed, keys, series
        )
    elif needs_report:
        report = _report(programme, chosen, start, end, suppressed, keys, series)
    labels = {(m.key, m.series, m.category): m.label for m in catalogue_of(report)}
    chosen_ids = {country.pk for country in chosen}

    def figures(indicator: ResultIndicator) -> IndicatorResult:
        percent = indicator.is_percent

        def actual_for(
            ids: set[int], whole: bool, one_report: object
        ) -> tuple[Decimal | None, bool]:
            if indicator.is_computed:
                return computed_actual(indicator, one_report) if one_report else (None, False)
            return _manual_actual(
                indicator, start, end, ids, all_countries=whole, suppressed=suppressed
            )

        targets = indicator.targets.all()
        target = _rows_for(
            targets, start, end, chosen_ids, all_countries=all_countries, percent=percent
        )
        actual, hidden = actual_for(chosen_ids, all_countries, report)
        per_country = []
        if by_country:
            for country in chosen:
                one_target = _rows_for(
                    targets, start, end, {country.pk}, all_countries=False, percent=percent
                )
                one_actual, one_hidden = actual_for(
                    {country.pk}, False, country_reports.get(country.pk)
                )
                per_country.append(
                    CountryFigures(
                        country.code,
                        str(country),
                        one_target,
                        one_actual,
                        one_hidden,
                        _share(one_actual, one_target),
                        indicator.unit,
                    )
                )
        return IndicatorResult(
            pk=indicator.pk,
            title=str(indicator.safe_translation_getter("title", any_language=True) or ""),
            definition=str(
                indicator.safe_translation_getter("definition", any_language=True) or ""
            ),
            source=indicator.source,
            unit=indicator.unit,
            ascending=indicator.ascending,
            measure=_measure_label(indicator, labels),
            baseline=plain(indicator.baseline_value),
            baseline_year=indicator.baseline_year,
            target=target,
            actual=actual,
            actual_hidden=hidden,
            share=_share(actual, target),
            disaggregations=_disaggregations(indicator, report),
            countries=per_country,
        )

    return Results(
        programme_slug=programme.slug,
        programme_name=str(programme),
        start=start,
        end=end,
        countries=[(country.code, str(country)) for country in chosen],
        all_countries=all_countries,
        suppressed=suppressed,
        outcomes=[
            OutcomeResult(
                outcome.pk,
                str(outcome),
                [
                    OutputResult(
                        output.pk, str(output), [figures(one) for one in output.indicators.all()]
                    )
                    for output in outcome.outputs.all()
                ],
            )
            for outcome in outcomes
        ],
    )


def shared_results(
    programme: Programme,
    start: dt.date,
    end: dt.date,
    countries: Iterable[Country] | None = None,
    *,
    suppressed: bool = False,
) -> Results:
    """`results()`, kept in the shared cache (per programme, range, countries, protection and
    language) until any record it reads changes: the same for every reader allowed to see it."""
    chosen = None if countries is None else sorted(country.pk for country in countries)
    place = "all" if chosen is None else "-".join(str(pk) for pk in chosen)
    name = f"programme-results:{programme.pk}:{start}:{end}:{place}:{suppressed}"

    def compute() -> Results:
        with replica_reads():
            return results(programme, start, end, countries, suppressed=suppressed)

    return cached_figure(CACHE_SECTIONS, name, compute)


def reads_full_results(user: Actor, programme: Programme, countries: Sequence[Country]) -> bool:
    """Platform admins and the programme's managers read its results in full; others too when
    they read full figures of every country shown (reports' rule); everyone else reads counts
    protected as on the public figures."""
    from migralocal.reports.selectors import DateRange, ReportScope, reads_full_figures

    if user.has_perm("programmes.change_programme_results", programme):
        return True
    today = dt.date.today()  # noqa: DTZ011  (the rule looks only at the countries)
    scope = ReportScope(countries=tuple(countries), period=DateRange(today, today))
    return reads_full_figures(user, scope)


def whole_programme(programme: Programme) -> tuple[dt.date, dt.date]:
    return programme.starts_on, programme.ends_on
