"""Small-cell suppression of count tables shown outside a hub or exported.

Primary suppression hides every count under the threshold (5): it reads "<5". Secondary
suppression then hides further cells so that no hidden count can be worked out exactly from the
figures shown: the table's rows and columns add up to their totals, so each hidden cell must
stay undetermined by those sums. After a first pass that leaves no line with a single hidden
entry, an exact check (Gaussian elimination over the hidden entries) finds any hidden count the
sums still pin down, and hides one more cell beside it, until none is left. Hidden entries are
chosen among the smallest counts, to lose as little information as possible.

A table is a grid of counts with a total per row, a total per column and a grand total; a
series (one breakdown and its total) is a table of one column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

from migralocal.consultations.conf import SMALL_CELL_THRESHOLD

SMALL = "<5"
HIDDEN = "*"
HIDDEN_NOTE = _(
    "* hidden so that small figures cannot be worked out from the totals; <5 means fewer than five."
)

Position = tuple[int, int]


@dataclass(frozen=True)
class Cell:
    value: int
    primary: bool = False
    secondary: bool = False

    @property
    def suppressed(self) -> bool:
        return self.primary or self.secondary

    @property
    def shown(self) -> int | None:
        """The count when it may be shown, otherwise None."""
        return None if self.suppressed else self.value

    def __str__(self) -> str:
        if self.primary:
            return SMALL
        return HIDDEN if self.secondary else str(self.value)


@dataclass(frozen=True)
class SuppressedTable:
    """Counts as shown: `cells[r][c]`, `row_totals[r]`, `column_totals[c]`, `total`."""

    cells: list[list[Cell]]
    row_totals: list[Cell]
    column_totals: list[Cell]
    total: Cell


@dataclass(frozen=True)
class SuppressedSeries:
    cells: list[Cell]
    total: Cell


def _extended(counts: Sequence[Sequence[int]]) -> list[list[int]]:
    """The grid with its row totals as a last column and column totals as a last row."""
    columns = len(counts[0]) if counts else 0
    grid = [[*row, sum(row)] for row in counts]
    grid.append([sum(row[c] for row in grid) for c in range(columns + 1)])
    return grid


def _lines(rows: int, columns: int) -> list[list[Position]]:
    """Each additive relation of the extended grid: a row or column with its total last."""
    lines = [[(r, c) for c in range(columns + 1)] for r in range(rows + 1)]
    lines += [[(r, c) for r in range(rows + 1)] for c in range(columns + 1)]
    return lines


def _cheapest(
    candidates: list[Position], grid: list[list[int]], rows: int, columns: int
) -> Position:
    """Prefer an inner cell to a total, then the smallest count, then the first position."""

    def cost(position: Position) -> tuple[int, int, Position]:
        r, c = position
        is_total = r == rows or c == columns
        return (int(is_total), grid[r][c], position)

    return min(candidates, key=cost)


def _pass_lines(hidden: set[Position], grid: list[list[int]], rows: int, columns: int) -> bool:
    """Hide one more entry in any line with exactly one hidden entry. True if anything changed."""
    changed = False
    for line in _lines(rows, columns):
        hidden_here = [position for position in line if position in hidden]
        if len(hidden_here) == 1:
            visible = [position for position in line if position not in hidden]
            if visible:
                hidden.add(_cheapest(visible, grid, rows, columns))
                changed = True
    return changed


def determined_entries(hidden: set[Position], rows: int, columns: int) -> list[Position]:
    """Hidden entries whose value follows exactly from the shown figures and the sums.

    Each line gives an equation over its hidden entries. A hidden entry is determined exactly
    when its unit vector lies in the row space of those equations, which is when the reduced
    row echelon form has a row with its only non-zero entry in that entry's column.
    """
    variables = sorted(hidden)
    index = {position: i for i, position in enumerate(variables)}
    matrix: list[list[Fraction]] = []
    for line in _lines(rows, columns):
        total_position = line[-1]
        equation = [Fraction(0)] * len(variables)
        for position in line:
            if position in index:
                equation[index[position]] = Fraction(-1 if position == total_position else 1)
        if any(equation):
            matrix.append(equation)
    pivot_rows = _reduced_row_echelon(matrix, len(variables))
    return [
        variables[pivot]
        for pivot, row in pivot_rows
        if all(value == 0 for i, value in enumerate(row) if i != pivot)
    ]


def _reduced_row_echelon(
    matrix: list[list[Fraction]], width: int
) -> list[tuple[int, list[Fraction]]]:
    rows = [row[:] for row in matrix]
    pivots: list[tuple[int, list[Fraction]]] = []
    top = 0
    for column in range(width):
        found = next((r for r in range(top, len(rows)) if rows[r][column] != 0), None)
        if found is None:
            continue
        rows[top], rows[found] = rows[found], rows[top]
        pivot_value = rows[top][column]
        rows[top] = [value / pivot_value for value in rows[top]]
        for r in range(len(rows)):
            if r != top and rows[r][column] != 0:
                factor = rows[r][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[top], strict=True)]
        top += 1
        if top == len(rows):
            break
    for r in range(top):
        pivot = next(c for c, value in enumerate(rows[r]) if value != 0)
        pivots.append((pivot, rows[r]))
    return pivots


def _neighbours(
    position: Position, hidden: set[Position], rows: int, columns: int
) -> list[Position]:
    r, c = position
    same_line = [(r, other) for other in range(columns + 1)] + [
        (other, c) for other in range(rows + 1)
    ]
    return [candidate for candidate in same_line if candidate not in hidden]


def suppress_table(
    counts: Sequence[Sequence[int]], *, threshold: int = SMALL_CELL_THRESHOLD
) -> SuppressedTable:
    """Suppress a grid of counts and its totals so that no count under `threshold` shows or can
    be recovered from the rest."""
    rows = len(counts)
    columns = len(counts[0]) if counts else 0
    grid = _extended(counts)
    primary = {
        (r, c) for r in range(rows + 1) for c in range(columns + 1) if grid[r][c] < threshold
    }
    hidden = set(primary)
    while True:
        while _pass_lines(hidden, grid, rows, columns):
            pass
        determined = determined_entries(hidden, rows, columns) if hidden else []
        if not determined:
            break
        candidates = _neighbours(determined[0], hidden, rows, columns)
        if not candidates:
            # Every entry around it is hidden already; nothing shown can pin it down further.
            break
        hidden.add(_cheapest(candidates, grid, rows, columns))

    def cell(r: int, c: int) -> Cell:
        return Cell(
            grid[r][c],
            primary=(r, c) in primary,
            secondary=(r, c) in hidden and (r, c) not in primary,
        )

    return SuppressedTable(
        cells=[[cell(r, c) for c in range(columns)] for r in range(rows)],
        row_totals=[cell(r, columns) for r in range(rows)],
        column_totals=[cell(rows, c) for c in range(columns)],
        total=cell(rows, columns),
    )


def suppress_series(
    counts: Sequence[int], *, threshold: int = SMALL_CELL_THRESHOLD
) -> SuppressedSeries:
    """Suppress one breakdown and its total (the total is the sum of the counts)."""
    table = suppress_table([[count] for count in counts], threshold=threshold)
    return SuppressedSeries(cells=[row[0] for row in table.cells], total=table.total)


def shown_share(part: Cell, whole: Cell, rest: Cell) -> float | None:
    """A percentage only when neither figure nor their difference is suppressed: otherwise the
    share would give a hidden count away."""
    if part.suppressed or whole.suppressed or rest.suppressed or whole.value == 0:
        return None
    return round(100 * part.value / whole.value, 1)
