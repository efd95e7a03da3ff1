"""Protection of published counts: nothing under five shows, the rest is rounded to a multiple of
five by a keyed hash, the same cell always the same way, and on average without bias."""

from __future__ import annotations

import pytest
from django.test import override_settings

from migralocal.consultations.suppression import (
    SMALL,
    TOTAL,
    cell_identity,
    protect_series,
    protected_count,
    rounded_count,
)


def shown(cells) -> list[str]:
    return [str(cell) for cell in cells]


def test_zero_stays_zero_and_multiples_of_five_are_exact() -> None:
    for count in (0, 5, 10, 15, 100, 12345):
        cell = protected_count(count, "any\x1fcell")
        assert (cell.value, str(cell), cell.rounded, cell.suppressed) == (
            count,
            str(count),
            True,
            False,
        )


@pytest.mark.parametrize("small", [1, 2, 3, 4])
def test_counts_under_five_are_hidden(small: int) -> None:
    cell = protected_count(small, "any\x1fcell")
    assert str(cell) == SMALL and cell.suppressed and cell.shown is None


def test_every_other_count_goes_to_one_of_its_two_multiples_of_five() -> None:
    for count in range(5, 300):
        published = protected_count(count, f"figure\x1f{count % 7}").value
        assert published % 5 == 0
        assert 5 * (count // 5) <= published <= 5 * (count // 5) + 5
        assert published >= 5  # a count of five or more is never published as none


def test_the_same_cell_always_rounds_the_same_way_and_other_cells_differ() -> None:
    first = [rounded_count(n, "consultations.gender\x1ffemale") for n in range(5, 400)]
    again = [rounded_count(n, "consultations.gender\x1ffemale") for n in range(5, 400)]
    other = [rounded_count(n, "consultations.gender\x1fmale") for n in range(5, 400)]
    assert first == again
    assert first != other  # the draw depends on the cell, not only on the count


def test_the_secret_decides_the_draw() -> None:
    identity = "reports.people_trained\x1ftotal"
    with override_settings(FIGURES_CELL_KEY_SECRET="one secret"):
        one = [rounded_count(n, identity) for n in range(5, 400)]
        assert one == [rounded_count(n, identity, secret=b"one secret") for n in range(5, 400)]
    with override_settings(FIGURES_CELL_KEY_SECRET="another secret"):
        another = [rounded_count(n, identity) for n in range(5, 400)]
    assert one != another


@pytest.mark.parametrize("remainder", [1, 2, 3, 4])
def test_rounding_is_unbiased_on_average(remainder: int) -> None:
    """Over many cells, a count goes up with probability (count mod 5) / 5: the published
    figures add up, on average, to the true ones."""
    cells = 4000
    count = 50 + remainder
    published = [rounded_count(count, f"figure\x1fcategory-{i}") for i in range(cells)]
    ups = sum(1 for value in published if value == 55)
    assert set(published) == {50, 55}
    expected = cells * remainder / 5
    spread = (cells * remainder / 5 * (1 - remainder / 5)) ** 0.5
    assert abs(ups - expected) < 4 * spread, (ups, expected)
    assert abs(sum(published) / cells - count) < 0.2


def test_a_series_rounds_its_total_on_its_own_and_names_it_as_asked() -> None:
    counts = [3, 0, 12, 8, 26]
    series = protect_series("figure", ["a", "b", "c", "d", "e"], counts)
    assert shown(series.cells)[:2] == [SMALL, "0"]
    assert [cell.value for cell in series.cells[2:]] == [
        rounded_count(count, cell_identity("figure", key))
        for key, count in zip("cde", counts[2:], strict=True)
    ]
    assert series.total.value == rounded_count(49, cell_identity("figure", TOTAL))
    shared = protect_series("figure", ["a"], [49], total_identity="consultations\x1ftotal")
    assert shared.total.value == rounded_count(49, "consultations\x1ftotal")
