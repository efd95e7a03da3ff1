"""Tables people download, as CSV or XLSX, written the same way by every module.

Cells that a spreadsheet would run as a formula are kept as text, so that an export of text typed
by the public cannot run anything on the reader's computer.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.http import HttpResponse

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Numbers stay numbers; text that starts like a formula gets a leading apostrophe."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """CSV lines, starting with a byte-order mark so that spreadsheets read accents as UTF-8."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([safe_cell(value) for value in row])


def xlsx_bytes(rows: Iterable[Sequence[Any]], sheet_title: str = "") -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31] or None)
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_response(
    filename: str,
    headers: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    file_format: str,
    sheet_title: str = "",
) -> HttpResponse:
    """A download of `headers` and `rows` as `file_format` ("csv" or "xlsx")."""
    table = [[str(header) for header in headers], *rows]
    if file_format == "xlsx":
        response = HttpResponse(xlsx_bytes(table, sheet_title), content_type=XLSX_CONTENT_TYPE)
    else:
        response = HttpResponse("".join(csv_lines(table)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response
