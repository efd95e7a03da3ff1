"""The API's rate limits: visitors by address at the "anon" rate, signed-in people at the "user"
rate, each counted once."""

from __future__ import annotations

import os
import uuid
from threading import Thread
from typing import Any

import pytest
import redis
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from migralocal.core.redis_cache import count_in_window
from migralocal.core.tests.world import World

URL = "/api/v1/organisations/"


def statuses(client: APIClient, times: int) -> list[int]:
    return [client.get(URL).status_code for _ in range(times)]


def test_visitors_are_limited_by_the_visitor_rate_only(world: World, monkeypatch: Any) -> None:
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "1/minute"}
    )
    assert statuses(APIClient(), 4) == [200, 200, 200, 429]


def test_signed_in_people_are_limited_by_the_user_rate(world: World, monkeypatch: Any) -> None:
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "1/minute", "user": "2/minute"}
    )
    client = APIClient()
    client.force_authenticate(world.user("member"))
    assert statuses(client, 3) == [200, 200, 429]
    assert statuses(APIClient(), 2) == [200, 429]  # visitors from the same address: their own count


def test_a_refusal_says_when_to_try_again(world: World, monkeypatch: Any) -> None:
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "1/minute", "user": "1/minute"}
    )
    client = APIClient()
    client.get(URL)
    refused = client.get(URL)
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60


def hits_from_threads(key: str, threads: int, each: int) -> int:
    def hit() -> None:
        for _ in range(each):
            count_in_window(key, 60)

    workers = [Thread(target=hit) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    count, _left = count_in_window(key, 60)
    return count - 1


def test_the_counter_counts_from_the_first_hit_without_losing_any() -> None:
    key = f"test:{uuid.uuid4().hex}"
    assert [count_in_window(key, 60)[0] for _ in range(3)] == [1, 2, 3]
    assert hits_from_threads(f"test:{uuid.uuid4().hex}", threads=8, each=25) == 200


def test_on_redis_the_counter_is_one_atomic_count_shared_by_every_process(settings: Any) -> None:
    """Every web process counts in the same Redis key; concurrent hits are never lost."""
    redis_url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/6")
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is not reachable at {redis_url}, and CI requires it.")
        pytest.skip(f"Redis is not reachable at {redis_url}")
    settings.CACHES = {
        "default": {"BACKEND": "migralocal.core.redis_cache.RedisCache", "LOCATION": redis_url}
    }
    key = f"test:{uuid.uuid4().hex}"
    counts = [count_in_window(key, 60) for _ in range(3)]
    assert [count for count, _left in counts] == [1, 2, 3]
    assert all(0 < left <= 60 for _count, left in counts)
    assert hits_from_threads(f"test:{uuid.uuid4().hex}", threads=8, each=25) == 200
