"""The figures model that the consultation dashboards and the results reports share."""

from __future__ import annotations

from migralocal.consultations.figures import BAR_AREA, export_value, shown_series
from migralocal.consultations.suppression import TOTAL, cell_identity, rounded_count


def test_bars_are_scaled_to_the_longest_count() -> None:
    series = shown_series("gender", "Gender", ["Woman", "Man"], [40, 10], suppressed=False)
    assert [row.length for row in series.rows] == [BAR_AREA, BAR_AREA / 4]
    assert [row.display for row in series.rows] == ["40", "10"]
    assert str(series.total) == "50"


def test_a_hidden_count_draws_no_bar_and_the_rest_are_rounded() -> None:
    series = shown_series(
        "gender", "Gender", ["Woman", "Man"], [40, 3], suppressed=True, keys=["woman", "man"]
    )
    woman, man = series.rows
    assert (man.key, man.display, man.length) == ("man", "<5", 0.0)
    # 40 is a multiple of 5, so exact; the total 43 is rounded on its own: 43 - 40 is not 3.
    assert (woman.display, woman.length, woman.cell.rounded) == ("40", BAR_AREA, True)
    assert series.export_rows() == [["Gender", "Woman", 40], ["Gender", "Man", "<5"]]
    total = rounded_count(43, cell_identity("gender", TOTAL))
    assert export_value(series.total) == total and total in {40, 45}


def test_protected_cells_are_known_by_their_key_not_their_translated_label() -> None:
    counts = [7, 13, 22]
    english = shown_series(
        "age", "Age", ["Young", "Adult", "Old"], counts, suppressed=True, keys=["a", "b", "c"]
    )
    spanish = shown_series(
        "age", "Edad", ["Joven", "Adulto", "Mayor"], counts, suppressed=True, keys=["a", "b", "c"]
    )
    assert [row.display for row in english.rows] == [row.display for row in spanish.rows]
    assert [row.cell.value for row in english.rows] == [
        rounded_count(count, cell_identity("age", key))
        for key, count in zip("abc", counts, strict=True)
    ]


def test_nothing_to_show_draws_no_bar() -> None:
    series = shown_series("topic", "Topic", ["Health"], [0], suppressed=False)
    assert series.rows[0].length == 0.0
