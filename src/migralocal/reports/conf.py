"""Settings of the reports module, read from Django settings with their defaults."""

from __future__ import annotations

from django.conf import settings

DEFAULT_BACKGROUND_EXPORT_ROWS = 200_000


def background_export_rows() -> int:
    """Exports of scopes with more records than this run as a background task."""
    return int(getattr(settings, "REPORTS_BACKGROUND_EXPORT_ROWS", DEFAULT_BACKGROUND_EXPORT_ROWS))
