"""Figures read prefetched translations without writing each one to the shared cache; everywhere
else parler caches them as usual."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest

from migralocal.core.models import Country
from migralocal.core.translation_cache import prefetched_translations_only

pytestmark = pytest.mark.django_db


def _names_read() -> list[str]:
    countries = Country.objects.filter(code="ZZ").prefetch_related("translations")
    return [str(country) for country in countries]


def _writes(run: Any) -> int:
    from parler import cache

    with mock.patch.object(cache.cache, "set", wraps=cache.cache.set) as written:
        run()
    return written.call_count


def test_prefetched_translations_are_read_without_cache_writes() -> None:
    Country.objects.create(code="ZZ", iso3="ZZZ", name="Zedland")
    with prefetched_translations_only():
        assert _writes(_names_read) == 0
        assert _names_read() == ["Zedland"]


def test_elsewhere_parler_caches_as_usual() -> None:
    Country.objects.create(code="ZZ", iso3="ZZZ", name="Zedland")
    assert _writes(_names_read) > 0
