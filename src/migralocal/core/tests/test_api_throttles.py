"""The API's rate limits: visitors by address at the "anon" rate, signed-in people at the "user"
rate, each counted once."""

from __future__ import annotations

from typing import Any

from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

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
