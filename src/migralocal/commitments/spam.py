"""Defences against automated submissions: per-address rate limits and upload checks."""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

# One rate limiter for every public form of the platform (core/rate_limits.py).
from migralocal.core.rate_limits import client_address, within_rate_limit

__all__ = ["client_address", "detected_content_type", "within_rate_limit"]

SUBMISSIONS_PER_HOUR = getattr(settings, "COMMITMENTS_SUBMISSIONS_PER_HOUR", 5)
FLAGS_PER_HOUR = getattr(settings, "COMMITMENTS_FLAGS_PER_HOUR", 20)
MAX_ATTACHMENT_BYTES = getattr(settings, "COMMITMENTS_MAX_ATTACHMENT_BYTES", 5 * 1024 * 1024)
MAX_ATTACHMENTS = 5

# What a file really is, read from its first bytes; the name a browser sends proves nothing.
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


def detected_content_type(upload: UploadedFile) -> str | None:
    """The type of `upload` from its magic bytes, if it is one we accept (PDF, PNG, JPEG)."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None
