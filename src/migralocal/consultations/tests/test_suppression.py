"""Small-cell suppression: nothing under five shows, and no hidden count can be worked out."""

from __future__ import annotations

import itertools
import random

import pytest

from migralocal.consultations.suppression import (
    SMALL,
    Cell,
    determined_entries,
    shown_share,
    suppress_series,
    suppress_table,
)


def shown(cells: list[Cell]) -> list[str]:
    return [str(cell) for cell in cells]


def hidden_positions(table) -> set[tuple[int, int]]:
    rows, columns = len(table.cells), len(table.column_totals)
    hidden = {(r, c) for r in range(rows) for c in range(columns) if table.cells[r][c].suppressed}
    hidden |= {(r, columns) for r in range(rows) if table.row_totals[r].suppressed}
    hidden |= {(rows, c) for c in range(columns) if table.column_totals[c].suppressed}
    if table.total.suppressed:
        hidden.add((rows, columns))
    return hidden


def test_counts_of_five_or_more_show_unchanged() -> None:
    series = suppress_series([5, 12, 40])
    assert shown(series.cells) == ["5", "12", "40"]
    assert str(series.total) == "57"


@pytest.mark.parametrize("small", [0, 1, 2, 3, 4])
def test_every_count_under_five_reads_less_than_five(small: int) -> None:
    series = suppress_series([small, 20, 30])
    assert str(series.cells[0]) == SMALL
    assert series.cells[0].primary


def test_a_single_small_cell_gets_a_second_hidden_beside_it() -> None:
    series = suppress_series([3, 20, 9, 30])
    assert shown(series.cells) == ["<5", "20", "*", "30"]
    assert str(series.total) == "62"


def test_the_second_hidden_cell_is_the_smallest_left() -> None:
    series = suppress_series([40, 2, 7, 6])
    assert str(series.cells[3]) == "*"
    assert str(series.cells[2]) == "7"


def test_two_small_cells_need_no_secondary_suppression() -> None:
    series = suppress_series([3, 4, 20])
    assert shown(series.cells) == ["<5", "<5", "20"]
    assert not any(cell.secondary for cell in series.cells)


def test_a_small_total_hides_everything() -> None:
    series = suppress_series([1, 2, 0])
    assert shown(series.cells) == ["<5", "<5", "<5"]
    assert str(series.total) == SMALL


def test_an_empty_series_shows_a_small_total() -> None:
    series = suppress_series([])
    assert series.cells == []
    assert str(series.total) == SMALL


def test_the_hidden_count_cannot_be_recovered_by_subtracting_from_the_total() -> None:
    counts = [3, 20, 9, 30]
    series = suppress_series(counts)
    visible = sum(cell.value for cell in series.cells if not cell.suppressed)
    hidden = [cell for cell in series.cells if cell.suppressed]
    # The difference is the sum of at least two hidden counts, never one.
    assert len(hidden) >= 2
    assert series.total.value - visible == sum(cell.value for cell in hidden)


def test_a_table_hides_a_second_cell_in_each_row_and_column_with_a_small_one() -> None:
    table = suppress_table([[2, 10, 12], [8, 9, 15], [20, 30, 25]])
    hidden = hidden_positions(table)
    assert (0, 0) in hidden
    for r in range(4):
        in_row = [c for c in range(4) if (r, c) in hidden]
        assert len(in_row) != 1
    for c in range(4):
        in_column = [r for r in range(4) if (r, c) in hidden]
        assert len(in_column) != 1
    assert determined_entries(hidden, 3, 3) == []


def test_a_small_row_total_is_protected_in_the_totals_column() -> None:
    table = suppress_table([[1, 2], [10, 20], [30, 40]])
    assert str(table.row_totals[0]) == SMALL
    assert sum(1 for cell in table.row_totals if cell.suppressed) + int(table.total.suppressed) >= 2


def test_the_exact_check_finds_a_count_the_line_rule_misses() -> None:
    # Four hidden cells in a rectangle can shift by +d/-d without changing any sum: safe.
    # A single hidden cell is pinned down by its row total.
    hidden = {(0, 0), (0, 1), (1, 0), (1, 1)}
    assert determined_entries(hidden, 3, 3) == []
    assert determined_entries({(0, 0)}, 3, 3) == [(0, 0)]


def test_shares_are_hidden_when_they_would_reveal_a_small_count() -> None:
    assert shown_share(Cell(3, primary=True), Cell(40), Cell(37)) is None
    assert shown_share(Cell(10), Cell(40), Cell(30)) == 25.0
    assert shown_share(Cell(10), Cell(0), Cell(0)) is None


@pytest.mark.parametrize("seed", range(40))
def test_random_tables_never_show_small_counts_or_leave_one_recoverable(seed: int) -> None:
    generator = random.Random(seed)  # noqa: S311  (test data, not secrets)
    rows, columns = generator.randint(1, 5), generator.randint(1, 5)
    counts = [
        [generator.choice([0, 1, 2, 3, 4, 5, 8, 15, 40]) for _c in range(columns)]
        for _r in range(rows)
    ]
    table = suppress_table(counts)
    every = [*itertools.chain(*table.cells), *table.row_totals, *table.column_totals, table.total]
    assert all(cell.suppressed for cell in every if cell.value < 5)
    assert all(str(cell) == str(cell.value) for cell in every if not cell.suppressed)
    assert determined_entries(hidden_positions(table), rows, columns) == []


@pytest.mark.parametrize("seed", range(40))
def test_random_series_never_let_a_hidden_count_be_subtracted_out(seed: int) -> None:
    generator = random.Random(1000 + seed)  # noqa: S311  (test data, not secrets)
    counts = [generator.choice([0, 1, 3, 5, 9, 20, 60]) for _ in range(generator.randint(1, 12))]
    series = suppress_series(counts)
    hidden = [cell for cell in series.cells if cell.suppressed]
    if not series.total.suppressed:
        assert len(hidden) != 1
    assert all(cell.suppressed for cell in series.cells if cell.value < 5)
