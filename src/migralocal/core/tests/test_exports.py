"""Downloads: formulas typed by the public stay text; accents survive in spreadsheets."""

import io

from openpyxl import load_workbook

from migralocal.core.exports import csv_lines, safe_cell, table_response


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
