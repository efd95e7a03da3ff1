"""The figures model that the consultation dashboards and the results reports share."""

from __future__ import annotations

from migralocal.consultations.figures import BAR_AREA, export_value, shown_series


def test_bars_are_scaled_to_the_longest_count() -> None:
    series = shown_series("gender", "Gender", ["Woman", "Man"], [40, 10], suppressed=False)
    assert [row.length for row in series.rows] == [BAR_AREA, BAR_AREA / 4]
    assert [row.display for row in series.rows] == ["40", "10"]
    assert str(series.total) == "50"


def test_a_hidden_count_draws_no_bar_and_exports_its_mark() -> None:
    series = shown_series(
        "gender", "Gender", ["Woman", "Man"], [40, 3], suppressed=True, keys=["woman", "man"]
    )
    woman, man = series.rows
    assert (man.key, man.display, man.length) == ("man", "<5", 0.0)
    assert woman.cell.suppressed and woman.length == 0.0  # else 43 - 40 would give 3 away
    assert series.export_rows() == [["Gender", "Woman", "*"], ["Gender", "Man", "<5"]]
    assert export_value(series.total) == 43


def test_nothing_to_show_draws_no_bar() -> None:
    series = shown_series("topic", "Topic", ["Health"], [0], suppressed=False)
    assert series.rows[0].length == 0.0
