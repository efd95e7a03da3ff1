"""Protection of the public figures: no count under five shows, every other is a multiple of
five, and an indicator's total is one cell whichever breakdown shows it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migralocal.consultations.suppression import TOTAL, cell_identity, rounded_count
from migralocal.core.tests.world import World
from migralocal.reports import presentation
from migralocal.reports.presentation import Report
from migralocal.reports.selectors import Period, RawIndicator, RawSeries, ReportScope
from migralocal.reports.tests.builders import build_programme


def public_report(world: World, quarter: int | None = None) -> Report:
    scope = ReportScope(countries=(world.honduras,), period=Period(2026, quarter))
    return presentation.report(scope, suppressed=True)


def assert_hidden_or_a_multiple_of_five(report: Report) -> None:
    for indicator in report.indicators:
        cells = [indicator.total, *(row.cell for one in indicator.series for row in one.rows)]
        cells += [one.total for one in indicator.series]
        for cell in cells:
            assert cell.suppressed or (cell.rounded and cell.value % 5 == 0), (indicator.key, cell)
            assert cell.suppressed == (str(cell) == "<5")
            assert not cell.suppressed or 1 <= cell.value <= 4
        if indicator.key not in {"consultations", "referrals"}:
            # Every breakdown of an indicator shows the same total cell.
            assert {one.total for one in indicator.series} <= {indicator.total}


@pytest.mark.django_db
def test_the_public_report_hides_small_counts_and_rounds_the_rest(world: World) -> None:
    build_programme(world)
    for quarter in (None, 1):
        assert_hidden_or_a_multiple_of_five(public_report(world, quarter))
    report = public_report(world)
    roles = next(one for one in report.indicator("people_trained").series if one.key == "role")
    official = {row.key: row.cell for row in roles.rows}
    assert official["municipal_official"].primary and official["national_official"].primary
    # Public officials trained (five) is a multiple of five: published as it is. It no longer
    # needs hiding beside the two hidden role cells: 5 minus a multiple of 5 is never 1 to 4.
    officials = report.indicator("officials_trained")
    assert str(officials.total) == "5" and officials.total.rounded
    # Two referrals, one completed: hidden counts give no share.
    assert report.indicator("referrals").share is None


def test_shares_are_worked_out_from_the_published_figures() -> None:
    from migralocal.consultations.figures import _completed_share, shown_series
    from migralocal.consultations.models import Referral

    keys = [value for value, _label in Referral.Status.choices]
    counts = [7 if key in Referral.COMPLETED_STATUSES else 11 for key in keys]
    series = shown_series("referral_status", "S", keys, counts, suppressed=True, keys=keys)
    completed = sum(row.cell.value for row in series.rows if row.key in Referral.COMPLETED_STATUSES)
    assert _completed_share(series) == round(100 * completed / series.total.value, 1)


def _split(total: int, parts: int, data: st.DataObject) -> list[int]:
    cuts = sorted(
        data.draw(st.lists(st.integers(0, total), min_size=parts - 1, max_size=parts - 1))
    )
    edges = [0, *cuts, total]
    return [edges[i + 1] - edges[i] for i in range(parts)]


@settings(max_examples=40, deadline=None)
@given(
    counts=st.lists(st.integers(0, 30), min_size=2, max_size=6),
    parts=st.integers(2, 5),
    data=st.data(),
)
def test_breakdowns_of_one_total_show_one_rounded_total(
    counts: list[int], parts: int, data: st.DataObject
) -> None:
    total = sum(counts)
    other = _split(total, parts, data)
    raw = RawIndicator(
        "any",
        "Any",
        "",
        total,
        [
            RawSeries(
                "a",
                "A",
                [str(i) for i in range(len(counts))],
                counts,
                [str(i) for i in range(len(counts))],
            ),
            RawSeries(
                "b", "B", [str(i) for i in range(parts)], other, [str(i) for i in range(parts)]
            ),
        ],
    )
    shown = presentation.present_indicator(raw, suppressed=True)
    scope = ReportScope(countries=(), period=Period(2026))
    assert_hidden_or_a_multiple_of_five(Report(scope, [shown], suppressed=True))
    if total >= 5:
        assert shown.total.value == rounded_count(total, cell_identity("reports.any", TOTAL))
