"""Settings of the reports module, read from Django settings with their defaults."""

from __future__ import annotations

from django.conf import settings

DEFAULT_BACKGROUND_EXPORT_ROWS = 200_000


def background_export_rows() -> int:
    """Exports of scopes with more records than this run as a background task."""
    return int(getattr(settings, "REPORTS_BACKGROUND_EXPORT_ROWS", DEFAULT_BACKGROUND_EXPORT_ROWS))


DEFAULT_EXPORT_KEEP_DAYS = 7


def export_keep_days() -> int:
    """Finished exports are deleted this many days after they were requested: the files hold
    unsuppressed figures, and each one can be made again from the dashboard."""
    return int(getattr(settings, "REPORTS_EXPORT_KEEP_DAYS", DEFAULT_EXPORT_KEEP_DAYS))
