"""A fixed-window request limit per client address, for public endpoints that look things up
by a secret (certificate codes): guessing stays slow, honest use is never noticed."""

import time

from allauth.account.adapter import get_adapter
from django.core.cache import cache
from django.shortcuts import render

# Tests give each test its own prefix, so that counts never carry from one test to the next.
KEY_PREFIX = "ratelimit"


def _client_address(request) -> str:
    # allauth's adapter knows how many proxies to trust; one answer for the whole portal.
    return get_adapter(request).get_client_ip(request) or "unknown"


def over_limit(request, *, action: str, limit: int, window_seconds: int) -> bool:
    """Count this request; True once the client made more than `limit` in the window."""
    window = int(time.time() // window_seconds)
    key = f"{KEY_PREFIX}:{action}:{_client_address(request)}:{window}"
    if cache.add(key, 1, timeout=window_seconds + 1):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # the window's key expired in between: this request is in the next one
        return False
    # None while the cache server is down: the limit is not enforced rather than locking
    # everyone out of a public page.
    return count is not None and count > limit


def too_many_requests(request):
    return render(request, "429.html", status=429)
