"""Real and hostile files for upload and import tests: images, spreadsheets, zip bombs, XXE."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

from openpyxl import Workbook


def image_bytes(image_format: str = "PNG", size: tuple[int, int] = (2, 2)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=image_format)
    return buffer.getvalue()


def xlsx_bytes(rows: Sequence[Sequence[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def zip_bomb_xlsx(inflated_mb: int = 20) -> bytes:
    """A valid-looking XLSX (a few KB on disk) whose sheet inflates to `inflated_mb` megabytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in _xlsx_members(xlsx_bytes([["email", "name"]])).items():
            if name != "xl/worksheets/sheet1.xml":
                archive.writestr(name, content)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = b" " * (1024 * 1024)
            for _ in range(inflated_mb):
                sheet.write(chunk)
    return buffer.getvalue()


def _xlsx_members(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xxe_xlsx(secret_path: str) -> bytes:
    """An XLSX whose sheet declares an external entity pointing at a local file and uses it."""
    members = _xlsx_members(xlsx_bytes([["email", "name"], ["ana@example.org", "Ana"]]))
    sheet = members["xl/worksheets/sheet1.xml"]
    doctype = f'<!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file://{secret_path}">]>'
    sheet = doctype.encode() + sheet.replace(b"<t>Ana</t>", b"<t>&secret;</t>")
    assert b"&secret;" in sheet
    members["xl/worksheets/sheet1.xml"] = sheet
    return zip_bytes(members)
