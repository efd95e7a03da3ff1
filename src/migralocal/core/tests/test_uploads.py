"""Uploads are judged by their content: renamed, oversized, zip-bomb and XXE files are refused."""

from __future__ import annotations

import io
import os
import re
import struct
import time
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation

from migralocal.core import uploads
from migralocal.core.tests.files import (
    image_bytes,
    xlsx_bytes,
    xxe_xlsx,
    zip_bomb_xlsx,
    zip_bytes,
)

PDF = b"%PDF-1.7\n" + b"0" * 64
EXECUTABLE = b"MZ\x90\x00\x03" + b"\x00" * 64


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def refused(name: str, content: bytes, allowed: tuple[str, ...]) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        uploads.check_upload(upload(name, content), allowed)
    return caught.value


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("acta.pdf", PDF),
        ("foto.png", image_bytes("PNG")),
        ("foto.jpeg", image_bytes("JPEG")),
        ("lista.xlsx", xlsx_bytes([["email", "name"]])),
        ("lista.csv", "email;nombre\nana@example.org;Ana Núñez\n".encode()),
        ("datos.json", b'[{"a": 1}]'),
    ],
)
def test_a_file_that_is_what_its_name_says_is_accepted(name: str, content: bytes) -> None:
    allowed = (".pdf", ".png", ".jpeg", ".xlsx", ".csv", ".json")
    assert uploads.check_upload(upload(name, content), allowed) == Path(name).suffix


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("acta.pdf", EXECUTABLE),
        ("foto.png", PDF),
        ("foto.png", b"\x89PNG\r\n\x1a\n and then no image at all"),
        ("foto.jpg", image_bytes("PNG")),
        ("lista.xlsx", PDF),
        ("lista.xlsx", zip_bytes({"word/document.xml": b"<w/>"})),
        ("lista.xlsx", b"PK\x03\x04 but not a zip"),
        ("lista.csv", xlsx_bytes([["email"]])),
        ("lista.csv", PDF),
        ("lista.csv", b"email,name\n\x00\x01\x02binary"),
        ("datos.json", image_bytes("PNG")),
    ],
)
def test_a_renamed_file_is_refused_with_a_translated_error(name: str, content: bytes) -> None:
    allowed = (".pdf", ".png", ".jpg", ".xlsx", ".csv", ".json")
    with translation.override("es"):
        error = refused(name, content, allowed)
    assert "contenido" in error.messages[0] or "no es" in error.messages[0], error.messages


def test_text_in_another_encoding_is_refused_with_advice() -> None:
    with translation.override("es"):
        error = refused("lista.csv", "nombre\nNúñez Peña\n".encode("latin-1"), (".csv",))
    assert "UTF-8" in error.messages[0]


def test_an_extension_that_is_not_allowed_is_refused() -> None:
    error = refused("script.exe", PDF, (".pdf",))
    assert error.code == "extension"


@override_settings(UPLOAD_MAX_MB=1)
def test_an_oversized_file_is_refused() -> None:
    assert refused("acta.pdf", PDF + b"0" * (1024 * 1024), (".pdf",)).code == "too_large"
    uploads.check_upload(upload("acta.pdf", PDF), (".pdf",))


def test_a_module_limit_is_smaller_than_the_global_one() -> None:
    with pytest.raises(ValidationError):
        uploads.check_upload(upload("lista.csv", b"a\n" * (600 * 1024)), (".csv",), limit_mb=1)


def test_a_zip_bomb_disguised_as_a_spreadsheet_is_refused_before_it_is_opened() -> None:
    bomb = zip_bomb_xlsx(inflated_mb=20)
    assert len(bomb) < 200 * 1024
    assert refused("lista.xlsx", bomb, (".xlsx",)).code == "zip_bomb"
    with pytest.raises(ValidationError) as caught:
        list(uploads.xlsx_rows(bomb, max_rows=10))
    assert caught.value.code == "zip_bomb"


@override_settings(UPLOAD_ZIP_MAX_UNCOMPRESSED_MB=1)
def test_an_archive_that_inflates_beyond_the_total_limit_is_refused() -> None:
    # Random content does not compress, so only the total size can refuse it.
    members = {"xl/workbook.xml": b"<workbook/>", "xl/big.bin": os.urandom(2 * 1024 * 1024)}
    with pytest.raises(ValidationError) as caught:
        uploads.check_archive(zip_bytes(members), "xl/workbook.xml")
    assert caught.value.code == "zip_bomb"


@override_settings(UPLOAD_ZIP_MAX_MEMBERS=10)
def test_an_archive_with_too_many_members_is_refused() -> None:
    members = {f"part{number}.xml": b"<a/>" for number in range(20)}
    with pytest.raises(ValidationError):
        uploads.check_archive(zip_bytes(members))


def test_openpyxl_parses_office_xml_through_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML is True


def test_an_external_entity_in_a_spreadsheet_is_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    content = xxe_xlsx(str(secret))
    uploads.check_upload(upload("lista.xlsx", content), (".xlsx",))  # a well-formed package
    try:
        rows = list(uploads.xlsx_rows(content, max_rows=10))
    except ValidationError as error:
        assert error.code == "unreadable"
    else:
        assert "TOP-SECRET-VALUE" not in repr(rows)


def _with_dimension(content: bytes, reference: str) -> bytes:
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                # openpyxl writes the element with or without a space, as lxml is installed or not.
                data = re.sub(
                    rb'<dimension ref="A1:B2"\s*/>',
                    f'<dimension ref="{reference}"/>'.encode(),
                    data,
                )
                assert reference.encode() in data
            target.writestr(name, data)
    return buffer.getvalue()


def test_a_spreadsheet_declaring_huge_dimensions_is_read_within_bounds() -> None:
    content = _with_dimension(xlsx_bytes([["email", "name"], ["a@b.org", "A"]]), "A1:XFD1048576")
    started = time.monotonic()
    rows = list(uploads.xlsx_rows(content, max_rows=100, max_columns=5))
    assert time.monotonic() - started < 5
    assert rows[0][:2] == ("email", "name") and len(rows) == 2 and len(rows[0]) == 5


def test_a_sheet_longer_than_the_limit_is_an_error() -> None:
    content = xlsx_bytes([["n"], *([number] for number in range(20))])
    with pytest.raises(ValidationError) as caught:
        list(uploads.xlsx_rows(content, max_rows=10))
    assert caught.value.code == "too_many_rows"


def _png_claiming(width: int, height: int) -> bytes:
    real = image_bytes("PNG", (1, 1))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    patched = struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    return real[:8] + patched + real[8 + 25 :]


def test_an_image_bomb_is_refused() -> None:
    error = refused("foto.png", _png_claiming(60000, 60000), (".png",))
    assert error.code == "too_large"
