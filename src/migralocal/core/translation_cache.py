"""Figures read many translated rows (every nationality's country, every topic) with their
translations prefetched; django-parler then writes each one to the shared cache, one network
round trip per row (some 280 for a programme's results), though the next computation prefetches
them again and never reads those entries. Inside `prefetched_translations_only()` those writes
are skipped; everywhere else parler caches as usual (a saved translation still replaces its
cached copy).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

_SKIPPING: ContextVar[bool] = ContextVar("translation_cache_writes_skipped", default=False)


def install() -> None:
    """Route parler's cache writes of a read translation through `_cache_translation`."""
    from parler import models

    if getattr(models._cache_translation, "skippable", False):
        return
    write = models._cache_translation

    def _cache_translation(translation: Any, *args: Any, **kwargs: Any) -> None:
        if not _SKIPPING.get():
            write(translation, *args, **kwargs)

    _cache_translation.skippable = True  # type: ignore[attr-defined]
    models._cache_translation = _cache_translation


@contextmanager
def prefetched_translations_only() -> Iterator[None]:
    """Read translations without writing them to the shared cache (see the module's text)."""
    token = _SKIPPING.set(True)
    try:
        yield
    finally:
        _SKIPPING.reset(token)
