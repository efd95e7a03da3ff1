"""Small-cell suppression of the public figures: no count under five shows, and none can be worked
out from the totals and the other breakdowns."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migralocal.core.tests.world import World
from migralocal.reports import presentation
from migralocal.reports.presentation import Report
from migralocal.reports.selectors import Period, RawIndicator, RawSeries, ReportScope
from migralocal.reports.tests.builders import build_programme


def public_report(world: World, quarter: int | None = None) -> Report:
    scope = ReportScope(countries=(world.honduras,), period=Period(2026, quarter))
    return presentation.report(scope, suppressed=True)


def assert_nothing_small_or_recoverable(report: Report) -> None:
    for indicator in report.indicators:
        for one in indicator.series:
            for row in one.rows:
                assert row.cell.suppressed or row.cell.value >= 5, (indicator.key, row.label)
                assert row.cell.suppressed == (row.display in {"<5", "*"})
            hidden = [row for row in one.rows if row.cell.suppressed]
            if not one.total.suppressed:
                # One hidden cell beside a shown total would be the total minus the rest.
                assert len(hidden) != 1, (indicator.key, one.key)
        if indicator.key not in {"consultations", "referrals"}:
            # Every breakdown of an indicator shows its total, or none does.
            assert len({str(one.total) for one in indicator.series} | {str(indicator.total)}) == 1


@pytest.mark.django_db
def test_the_public_report_hides_small_counts_and_what_would_reveal_them(world: World) -> None:
    build_programme(world)
    for quarter in (None, 1):
        assert_nothing_small_or_recoverable(public_report(world, quarter))
    report = public_report(world)
    # Public officials trained would be the two official role cells of people trained added up.
    roles = next(one for one in report.indicator("people_trained").series if one.key == "role")
    official = {row.key: row.cell for row in roles.rows}
    assert official["municipal_official"].primary and official["national_official"].primary
    officials = report.indicator("officials_trained")
    assert officials.total.value == 5 and officials.total.suppressed
    assert all(one.total.suppressed for one in officials.series)
    # Two referrals, one completed: the share would give the hidden counts away.
    assert report.indicator("referrals").share is None


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
def test_breakdowns_of_one_total_never_give_a_hidden_cell_away(
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
    shown = presentation._present(raw, suppressed=True)
    scope = ReportScope(countries=(), period=Period(2026))
    assert_nothing_small_or_recoverable(Report(scope, [shown], suppressed=True))
