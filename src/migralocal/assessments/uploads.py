"""Uploaded files are checked by what they contain, not by the name they were given."""

from __future__ import annotations

import zipfile
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PDF = (b"%PDF-",)
PNG = (b"\x89PNG\r\n\x1a\n",)
JPEG = (b"\xff\xd8\xff",)
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # the container of old .doc and .xls files
ZIP = (b"PK\x03\x04",)

# Extension → the signatures its content must start with, and for zip-based office documents
# the member that proves it is one.
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
LETTER_EXTENSIONS = (".pdf", ".png", ".jpg", ".jpeg")
EVIDENCE_EXTENSIONS = tuple(SIGNATURES)


def max_upload_bytes() -> int:
    return int(getattr(settings, "ASSESSMENTS_MAX_UPLOAD_MB", 10)) * 1024 * 1024


def check_upload(upload: Any, allowed: tuple[str, ...]) -> None:
    """Refuse a file that is too large, of a type not allowed, or not what its name says."""
    limit = max_upload_bytes()
    if upload.size > limit:
        raise ValidationError(
            _("The file is larger than %(size)s MB.") % {"size": limit // (1024 * 1024)}
        )
    extension = PurePath(upload.name or "").suffix.lower()
    if extension not in allowed:
        raise ValidationError(
            _("Files of this type are not accepted. Accepted: %(types)s.")
            % {"types": ", ".join(allowed)}
        )
    signatures, member = SIGNATURES[extension]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(signatures):
        raise ValidationError(
            _("The file's content does not match its type (%(ext)s).") % {"ext": extension}
        )
    if member is not None:
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            names = set()
        upload.seek(0)
        if member not in names:
            raise ValidationError(
                _("The file's content does not match its type (%(ext)s).") % {"ext": extension}
            )


def check_letter(upload: Any) -> None:
    check_upload(upload, LETTER_EXTENSIONS)


def check_evidence(upload: Any) -> None:
    check_upload(upload, EVIDENCE_EXTENSIONS)
