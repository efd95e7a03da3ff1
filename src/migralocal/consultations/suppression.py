"""Protection of the counts shown outside a hub or exported: small counts hidden, the rest
rounded to a multiple of five by a keyed hash (cell-key random rounding).

Figures of overlapping places and periods add up: a year is its quarters, a country its
municipalities. Hiding small cells inside one table cannot stop a reader from subtracting one
published figure from another across tables. So every protected count is published as:

- 0 when it is 0;
- "<5" when it is 1 to 4 (hidden);
- otherwise a multiple of 5: the count rounded down, or up with probability (count mod 5) / 5,
  so that on average the rounding neither adds nor takes away.

Which way a count goes is drawn from an HMAC-SHA256 of the cell's identity (its figure and
category, never the place or period) and the count, under a secret setting. The same cell with
the same count is therefore always published the same, wherever and however often it is asked
for, so repeated or overlapping requests cannot be averaged.

Every published number is then a multiple of 5, and so is any sum or difference of them, while a
hidden count is 1 to 4 and a count that was moved is not a multiple of 5: no subtraction gives
either away. Totals are rounded on their own (never added up from rounded parts), so no cell
needs hiding for a total's sake.

Figures shown to a hub's own staff about their hub are not protected: they stay exact.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from migralocal.consultations.conf import ROUNDING_BASE, SMALL_CELL_THRESHOLD, cell_key_secret

SMALL = "<5"
HIDDEN_NOTE = _(
    "Figures are rounded to a multiple of 5, so that no small number can be worked out from "
    "them, even by subtracting the figures of different places or periods; <5 means fewer than "
    "five. Totals are rounded on their own and may differ a little from the sum of their parts."
)
TOTAL = "total"


@dataclass(frozen=True)
class Cell:
    """A count as shown.

    `value` is what may be shown: the exact count, or when `rounded` the count rounded to a
    multiple of 5. A `primary` cell is a count under the threshold, shown as "<5"; its `value`
    is the exact count and is never shown.
    """

    value: int
    primary: bool = False
    rounded: bool = False

    @property
    def suppressed(self) -> bool:
        return self.primary

    @property
    def shown(self) -> int | None:
        """The figure when it may be shown, otherwise None."""
        return None if self.suppressed else self.value

    def __str__(self) -> str:
        return SMALL if self.primary else str(self.value)


@dataclass(frozen=True)
class ProtectedSeries:
    cells: list[Cell]
    total: Cell


def cell_identity(figure: str, category: str) -> str:
    """What makes a cell the same cell wherever it is shown: its figure and its category."""
    return f"{figure}\x1f{category}"


def rounded_count(
    count: int, identity: str, *, secret: bytes | None = None, base: int = ROUNDING_BASE
) -> int:
    """`count` rounded to a multiple of `base`: up with probability (count mod base) / base,
    the draw taken from a keyed hash of the cell's identity and count (same cell, same result)."""
    remainder = count % base
    if remainder == 0:
        return count
    key = cell_key_secret() if secret is None else secret
    digest = hmac.new(key, f"{identity}\x1f{count}".encode(), hashlib.sha256).digest()
    # Uniform on 0..base-1, as near as makes no difference (2**64 is not a multiple of base).
    draw = int.from_bytes(digest[:8], "big") % base
    down = count - remainder
    return down + base if draw < remainder else down


def protected_count(
    count: int,
    identity: str,
    *,
    secret: bytes | None = None,
    threshold: int = SMALL_CELL_THRESHOLD,
) -> Cell:
    """One count as it may be published: 0, "<5", or rounded to a multiple of 5."""
    if count == 0:
        return Cell(0, rounded=True)
    if count < threshold:
        return Cell(count, primary=True)
    return Cell(rounded_count(count, identity, secret=secret), rounded=True)


def protect_series(
    figure: str,
    categories: Sequence[str],
    counts: Sequence[int],
    *,
    total_identity: str = "",
) -> ProtectedSeries:
    """One breakdown and its total, each count protected on its own. The total's identity may be
    shared by breakdowns that count the same things, so that it is published once."""
    secret = cell_key_secret()
    cells = [
        protected_count(count, cell_identity(figure, category), secret=secret)
        for category, count in zip(categories, counts, strict=True)
    ]
    total_key = total_identity or cell_identity(figure, TOTAL)
    return ProtectedSeries(cells, protected_count(sum(counts), total_key, secret=secret))
