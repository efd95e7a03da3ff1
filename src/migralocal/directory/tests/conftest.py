import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    """parler caches translations by primary key, and rolled-back tests reuse keys."""
    cache.clear()
