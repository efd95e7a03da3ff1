"""Letters of intent and evidence files: which types each accepts, checked by core.uploads."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from migralocal.core.uploads import SIGNATURES, check_upload

LETTER_EXTENSIONS = (".pdf", ".png", ".jpg", ".jpeg")
EVIDENCE_EXTENSIONS = tuple(SIGNATURES)


def _limit_mb() -> int:
    return int(getattr(settings, "ASSESSMENTS_MAX_UPLOAD_MB", settings.UPLOAD_MAX_MB))


def check_letter(upload: Any) -> None:
    check_upload(upload, LETTER_EXTENSIONS, _limit_mb())


def check_evidence(upload: Any) -> None:
    check_upload(upload, EVIDENCE_EXTENSIONS, _limit_mb())
