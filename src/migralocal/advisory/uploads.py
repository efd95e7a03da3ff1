"""Drafts and documents of an engagement: the types each accepts, checked by core.uploads."""

from __future__ import annotations

from typing import Any

from migralocal.core.uploads import check_upload

DRAFT_EXTENSIONS = (".pdf", ".docx", ".doc", ".odt")
DOCUMENT_EXTENSIONS = (".pdf", ".docx", ".doc", ".odt", ".xlsx", ".ods", ".pptx")


def check_draft(upload: Any) -> None:
    check_upload(upload, DRAFT_EXTENSIONS)


def check_document(upload: Any) -> None:
    check_upload(upload, DOCUMENT_EXTENSIONS)
