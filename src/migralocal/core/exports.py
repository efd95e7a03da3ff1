"""Tables people download, as CSV or XLSX, written the same way by every module.

Cells that a spreadsheet would run as a formula are kept as text, so that an export of text typed
by the public cannot run anything on the reader's computer: text that starts like a formula gets a
leading apostrophe (`safe_cell`), and a workbook stores text as text, never as a formula.

Workbooks that programs read rather than people (XLSForms, read by ODK and Kobo) keep their text
exactly, since an apostrophe would become part of a label; their text is still stored as text, so
that a spreadsheet opening one runs nothing either.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from typing import Any

from django.http import HttpResponse

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET_TITLE_LENGTH = 31
FORBIDDEN_IN_SHEET_TITLES = str.maketrans(dict.fromkeys("[]:*?/\\", " "))
# Characters XML 1.0 cannot hold (control characters other than tab and line ends).
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text as an XML file (an IATI activity, a translators' XLIFF) can carry it: the characters
    XML 1.0 forbids are dropped."""
    return NOT_IN_XML.sub("", text)


def safe_cell(value: Any) -> Any:
    """Numbers and dates stay as they are; anything else becomes text, with a leading apostrophe
    when it starts like a formula."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, date | time) and getattr(value, "tzinfo", None) is None:
        return value  # a spreadsheet cannot hold a time zone: aware times are written as text
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


def csv_text(rows: Iterable[Sequence[Any]]) -> str:
    return "".join(csv_lines(rows))


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook: its title (made valid and unique when written) and its rows."""

    title: str
    rows: Iterable[Sequence[Any]]


def _sheet_title(title: str, taken: set[str]) -> str:
    """`title` as a spreadsheet accepts it (31 characters, none of []:*?/\\), unlike those
    `taken` already (compared without case); the result is added to `taken`."""
    base = title.translate(FORBIDDEN_IN_SHEET_TITLES)[:SHEET_TITLE_LENGTH].strip() or "Sheet"
    candidate, number = base, 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate = base[: SHEET_TITLE_LENGTH - len(suffix)] + suffix
        number += 1
    taken.add(candidate.lower())
    return candidate


def workbook_bytes(sheets: Iterable[Sheet]) -> bytes:
    """A workbook of tables people read, every value through `safe_cell`. Sheets are written as
    they come, so a generator of sheets may report progress between them."""
    return _workbook(sheets, safe_cell)


def form_workbook_bytes(sheets: Iterable[Sheet]) -> bytes:
    """A workbook that programs read (an XLSForm): text kept exactly, stored as text."""
    return _workbook(sheets, lambda value: value)


def xlsx_bytes(rows: Iterable[Sequence[Any]], sheet_title: str = "") -> bytes:
    """A workbook of one table."""
    return workbook_bytes([Sheet(sheet_title, rows)])


# Columns are sized to the widest value of a sheet's first rows (a write-only sheet takes its
# widths before its first row), between a readable minimum and a width that still fits a screen.
WIDTH_SAMPLE_ROWS = 500
MIN_COLUMN_WIDTH = 8
MAX_COLUMN_WIDTH = 60


def column_widths(rows: Sequence[Sequence[Any]]) -> list[float]:
    """The width (in characters) each column needs to show its values whole."""
    widths: list[float] = []
    for row in rows:
        for index, value in enumerate(row):
            text = "" if value is None else str(value)
            longest = max((len(line) for line in text.splitlines()), default=0)
            if index == len(widths):
                widths.append(MIN_COLUMN_WIDTH)
            widths[index] = max(widths[index], min(longest + 2, MAX_COLUMN_WIDTH))
    return widths


def _workbook(sheets: Iterable[Sheet], value_of: Callable[[Any], Any]) -> bytes:
    from itertools import chain, islice

    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.dimensions import ColumnDimension

    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    for sheet in sheets:
        worksheet = workbook.create_sheet(_sheet_title(sheet.title, taken))
        rows = iter(sheet.rows)
        sample = [[value_of(value) for value in row] for row in islice(rows, WIDTH_SAMPLE_ROWS)]
        for index, width in enumerate(column_widths(sample), start=1):
            letter = get_column_letter(index)
            # A write-only sheet keeps only dimensions assigned whole, not ones changed in place.
            worksheet.column_dimensions[letter] = ColumnDimension(
                worksheet, index=letter, width=width
            )
        rest = ([value_of(value) for value in row] for row in rows)
        for row in chain(sample, rest):
            worksheet.append([_as_cell(worksheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _as_cell(worksheet: Any, value: Any) -> Any:
    """Empty text as an empty cell. openpyxl stores text that starts with "=" as a formula, and
    "#N/A" and the like as errors: such text goes in a cell marked as text."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ERROR_CODES

    if value == "":
        return None
    if not isinstance(value, str) or not (value.startswith("=") or value in ERROR_CODES):
        return value
    cell = WriteOnlyCell(worksheet, value)
    cell.data_type = "s"
    return cell


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
        response = HttpResponse(csv_text(table), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response
