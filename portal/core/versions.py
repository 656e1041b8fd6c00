"""The content version: one number that every change to published content increments, and
that every kept page, fragment and value carries in its key (portal.core.cache), so that one
increment drops them all. Below the page cache and the access rules, which both key by it."""

import hashlib

from django.core.cache import cache

CONTENT_VERSION_KEY = "content-version"


def content_version() -> int:
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        cache.add(CONTENT_VERSION_KEY, 1, timeout=None)
        version = cache.get(CONTENT_VERSION_KEY, 1)  # 1 while the cache server is down
    return version


def content_changed() -> None:
    """Invalidate every cached page and fragment that depends on published content."""
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:  # no version stored yet
        cache.set(CONTENT_VERSION_KEY, 2, timeout=None)


def versioned_key(*parts: str) -> str:
    raw = "|".join(str(part) for part in parts)
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return f"v{content_version()}:{digest}"
