"""Django's Redis cache, with one Redis client per connection pool instead of one per call.

Django's client builds a new `redis.Redis` for every cache operation, and redis-py fills a table
of some 170 response callbacks each time: measured, that was a third of the time of serving a
cached public page. A `redis.Redis` is safe to share between threads (each command takes a
connection from the pool), so one per pool serves every call.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # Private to Django's client, and not in its type stubs.
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient


def count_in_window(key: str, seconds: int) -> tuple[int, float]:
    """Add one to the counter `key`, which starts at the first hit and lasts `seconds`; return
    the count and the seconds left. On Redis this is one atomic round trip, so that processes
    counting at the same moment never lose a hit; other caches add, then increment."""
    from django.core.cache import cache

    if isinstance(cache, RedisCache):
        full_key = cache.make_and_validate_key(key)
        client = cache._cache.get_client(write=True)
        pipeline = client.pipeline(transaction=False)
        pipeline.set(full_key, 0, ex=seconds, nx=True)
        pipeline.incr(full_key)
        pipeline.ttl(full_key)
        _created, count, left = pipeline.execute()
        return int(count), float(max(left, 0))
    cache.add(key, 0, seconds)
    try:
        return cache.incr(key), float(seconds)
    except ValueError:  # expired between the two calls: a new window begins
        cache.set(key, 1, seconds)
        return 1, float(seconds)
