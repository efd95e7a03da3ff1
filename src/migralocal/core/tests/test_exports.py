"""Downloads: formulas typed by the public stay text; accents survive in spreadsheets."""

import io
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from openpyxl import load_workbook

from migralocal.core.exports import (
    Sheet,
    csv_lines,
    form_workbook_bytes,
    safe_cell,
    table_response,
    workbook_bytes,
)


def test_formula_like_text_is_kept_as_text() -> None:
    assert safe_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert safe_cell("-1+2") == "'-1+2"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("Atención") == "Atención"
    assert safe_cell(-3) == -3
    assert safe_cell(None) == ""


def test_csv_starts_with_a_byte_order_mark() -> None:
    lines = list(csv_lines([["Municipio", "Consultas"], ["San Pedro Sula", 12]]))
    assert lines[0] == "\ufeff"
    assert lines[1:] == ["Municipio,Consultas\r\n", "San Pedro Sula,12\r\n"]


def test_xlsx_download_opens_with_its_rows() -> None:
    response = table_response("figures", ["País", "Total"], [["Honduras", 5], ["=1+1", 2]], "xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="figures.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["País", "Total"],
        ["Honduras", 5],
        ["'=1+1", 2],
    ]


def test_numbers_and_dates_stay_typed_and_aware_times_become_text() -> None:
    assert safe_cell(Decimal("-12.50")) == Decimal("-12.50")
    assert safe_cell(date(2026, 3, 1)) == date(2026, 3, 1)
    assert safe_cell(datetime(2026, 3, 1, 9, 30, tzinfo=UTC)) == "2026-03-01 09:30:00+00:00"


def _cells(content: bytes) -> dict[str, list[list[tuple[str, Any]]]]:
    workbook = load_workbook(io.BytesIO(content))
    return {
        sheet.title: [[(cell.data_type, cell.value) for cell in row] for row in sheet.iter_rows()]
        for sheet in workbook.worksheets
    }


def test_a_workbook_has_a_sheet_per_table_with_valid_unique_titles() -> None:
    sheets = [
        Sheet("Género: mujeres/hombres", [["Mujer", 4]]),
        Sheet("género  mujeres hombres", [["=1+1", date(2026, 1, 2)]]),
        Sheet("", [["#N/A", None]]),
    ]
    cells = _cells(workbook_bytes(sheets))
    assert list(cells) == ["Género  mujeres hombres", "género  mujeres hombres (2)", "Sheet"]
    [(formula_type, formula), (date_type, day)] = cells["género  mujeres hombres (2)"][0]
    assert (formula_type, formula) == ("s", "'=1+1")
    assert date_type == "d" and day.date() == date(2026, 1, 2)
    assert cells["Sheet"] == [[("s", "#N/A")]]  # text, not an error; nothing for None


def test_a_form_workbook_keeps_text_exactly_but_never_as_a_formula() -> None:
    content = form_workbook_bytes([Sheet("choices", [["services", "s1", '=HYPERLINK("x")']])])
    assert _cells(content)["choices"] == [
        [("s", "services"), ("s", "s1"), ("s", '=HYPERLINK("x")')]
    ]
