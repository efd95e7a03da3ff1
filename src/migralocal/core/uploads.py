"""Uploaded files are checked by what they contain, not by the name they were given.

Every upload and every importer goes through here: a size limit, the magic bytes that the
extension promises, and for zip-based office files (XLSX, DOCX, ODS…) an archive check before
anything opens them, so that a small file that inflates to gigabytes (a zip bomb) is refused.
Spreadsheets are opened by openpyxl, which parses their XML through defusedxml (installed as a
dependency), so entities and external references are never resolved.
"""

from __future__ import annotations

import codecs
import io
import zipfile
from collections.abc import Iterator
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext as _

MB = 1024 * 1024

PDF = (b"%PDF-",)
PNG = (b"\x89PNG\r\n\x1a\n",)
JPEG = (b"\xff\xd8\xff",)
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # the container of old .doc and .xls files
ZIP = (b"PK\x03\x04",)
BINARY = PDF + PNG + JPEG + OLE + ZIP + (b"PK\x05\x06", b"\x1f\x8b", b"GIF8", b"\x7fELF", b"MZ")

# Extension → the signatures its content must start with, and for zip-based office documents
# the member that proves it is one. Text formats have no signature: they must decode as text.
SIGNATURES: dict[str, tuple[tuple[bytes, ...], str | None]] = {
    ".pdf": (PDF, None),
    ".png": (PNG, None),
    ".jpg": (JPEG, None),
    ".jpeg": (JPEG, None),
    ".doc": (OLE, None),
    ".xls": (OLE, None),
    ".docx": (ZIP, "word/document.xml"),
    ".xlsx": (ZIP, "xl/workbook.xml"),
    ".pptx": (ZIP, "ppt/presentation.xml"),
    ".odt": (ZIP, "content.xml"),
    ".ods": (ZIP, "content.xml"),
}
TEXT_EXTENSIONS = (".csv", ".txt", ".json", ".yaml", ".yml")
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg")
TEXT_SAMPLE_BYTES = 64 * 1024


def max_upload_bytes(limit_mb: int | None = None) -> int:
    return (limit_mb if limit_mb is not None else settings.UPLOAD_MAX_MB) * MB


def _mismatch(extension: str) -> ValidationError:
    return ValidationError(
        _("The file's content does not match its type (%(ext)s).") % {"ext": extension},
        code="content_mismatch",
    )


def check_size(upload: Any, limit_mb: int | None = None) -> None:
    limit = max_upload_bytes(limit_mb)
    if (upload.size or 0) > limit:
        raise ValidationError(
            _("The file is larger than %(size)s MB.") % {"size": limit // MB}, code="too_large"
        )


def _head(upload: Any, length: int) -> bytes:
    upload.seek(0)
    head: bytes = upload.read(length)
    upload.seek(0)
    return head


def check_archive(source: IO[bytes] | bytes, member: str | None = None) -> None:
    """Refuse a ZIP that is broken, lacks `member`, or would inflate beyond the limits.

    The sizes are read from the archive's directory; a member that lies about its size cannot
    inflate further, because zipfile stops reading at the declared size and checks the CRC.
    """
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    position = stream.tell()
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise ValidationError(
            _("The file is not a valid ZIP-based document."), code="bad_zip"
        ) from error
    finally:
        stream.seek(position)
    if len(members) > settings.UPLOAD_ZIP_MAX_MEMBERS:
        raise ValidationError(_("The document holds too many parts."), code="zip_bomb")
    total = sum(info.file_size for info in members)
    ratio = settings.UPLOAD_ZIP_MAX_RATIO
    if total > settings.UPLOAD_ZIP_MAX_UNCOMPRESSED_MB * MB or any(
        info.file_size > MB and info.file_size > ratio * max(info.compress_size, 1)
        for info in members
    ):
        raise ValidationError(
            _("The document would expand to more than the allowed size; it is refused."),
            code="zip_bomb",
        )
    if member is not None and member not in {info.filename for info in members}:
        raise ValidationError(_("The file is not the expected kind of document."), code="bad_zip")


def check_text(upload: Any, extension: str = ".csv") -> None:
    """A text upload (CSV, JSON, YAML) must be UTF-8 text, not a binary file given a text name."""
    head = _head(upload, TEXT_SAMPLE_BYTES)
    if head.startswith(BINARY) or b"\x00" in head:
        raise _mismatch(extension)
    try:
        # Incremental, so that a character cut at the end of the sample is not an error.
        codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
    except UnicodeDecodeError as error:
        raise ValidationError(
            _("The file is not UTF-8 text. Save it as CSV UTF-8 and upload it again."),
            code="encoding",
        ) from error


def check_image(upload: Any, extension: str) -> None:
    """Pillow must recognise the image; it also refuses decompression bombs (huge dimensions)."""
    from PIL import Image

    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(_("The image is too large."), code="too_large") from error
    except Exception as error:  # Pillow raises many kinds of error for a broken image
        raise _mismatch(extension) from error
    finally:
        upload.seek(0)


def check_upload(upload: Any, allowed: tuple[str, ...], limit_mb: int | None = None) -> str:
    """Refuse a file that is too large, of a type not allowed, or not what its name says.

    Returns the extension, which the caller may rely on from now on.
    """
    check_size(upload, limit_mb)
    extension = PurePath(upload.name or "").suffix.lower()
    if extension not in allowed:
        raise ValidationError(
            _("Files of this type are not accepted. Accepted: %(types)s.")
            % {"types": ", ".join(allowed)},
            code="extension",
        )
    if extension in TEXT_EXTENSIONS:
        check_text(upload, extension)
        return extension
    signatures, member = SIGNATURES[extension]
    if not _head(upload, 16).startswith(signatures):
        raise _mismatch(extension)
    if signatures == ZIP:
        try:
            check_archive(upload, member)
        except ValidationError as error:
            if error.code == "zip_bomb":
                raise
            raise _mismatch(extension) from error
    if extension in IMAGE_EXTENSIONS:
        check_image(upload, extension)
    return extension


def require_defusedxml() -> None:
    import openpyxl

    if not openpyxl.DEFUSEDXML:
        raise ImproperlyConfigured(
            "defusedxml must be installed (and OPENPYXL_DEFUSEDXML not False) to read XLSX files."
        )


def xlsx_rows(
    content: bytes, *, max_rows: int, max_columns: int = 100
) -> Iterator[tuple[Any, ...]]:
    """The rows of the first sheet of an XLSX file, checked first and read within bounds.

    A sheet may declare any dimensions (A1:XFD1048576); openpyxl would pad every row to them,
    so they are ignored and the reading stops at `max_rows` (a longer sheet is an error).
    """
    from openpyxl import load_workbook

    require_defusedxml()
    check_archive(content, "xl/workbook.xml")
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.active
        if sheet is None:
            return
        sheet.reset_dimensions()
        for number, row in enumerate(
            sheet.iter_rows(max_row=max_rows + 1, max_col=max_columns, values_only=True),
            start=1,
        ):
            if number > max_rows:
                raise ValidationError(
                    _("The file has more than %(limit)d rows.") % {"limit": max_rows},
                    code="too_many_rows",
                )
            yield row
    except ValidationError:
        raise
    except Exception as error:  # openpyxl and defusedxml raise many kinds of error
        raise ValidationError(_("The spreadsheet could not be read."), code="unreadable") from error


class ContentValidator:
    """A form-field validator: `validators=[ContentValidator(IMAGE_EXTENSIONS)]`."""

    def __init__(self, allowed: tuple[str, ...], limit_mb: int | None = None) -> None:
        self.allowed = allowed
        self.limit_mb = limit_mb

    def __call__(self, upload: Any) -> None:
        if hasattr(upload, "seek"):  # a new upload, not the file already stored
            check_upload(upload, self.allowed, self.limit_mb)


def with_content_check(field: Any, allowed: tuple[str, ...]) -> Any:
    """Add the content check to the form field the admin builds for a model FileField."""
    if field is not None:
        field.validators.append(ContentValidator(allowed))
    return field
