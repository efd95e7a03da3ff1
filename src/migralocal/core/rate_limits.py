"""Per-address rate limits for the platform's public forms (commitments, grievances, following).

Counters live in Django's cache. `cache.add` then `cache.incr` are atomic in Redis and Memcached,
so the limit holds across several web processes when the cache is shared.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The visitor's address. Behind `NUM_PROXIES` reverse proxies it is the one the outermost
    proxy saw, as DRF's throttles count it; otherwise every visitor would share the proxy's."""
    proxies = getattr(settings, "NUM_PROXIES", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        addresses = [address.strip() for address in forwarded.split(",")]
        return addresses[-min(proxies, len(addresses))]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def within_rate_limit(scope: str, identity: str, *, limit: int, period: int = 3600) -> bool:
    """Count one more action by `identity` in `scope`; False once `limit` is passed this period."""
    digest = hashlib.sha256(identity.strip().lower().encode()).hexdigest()[:32]
    window = int(time.time() // period)
    key = f"rate:{scope}:{digest}:{window}"
    if cache.add(key, 1, timeout=period):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # the counter expired between add and incr
        cache.set(key, 1, timeout=period)
        count = 1
    return count <= limit
