"""The content version: one number that every change to published content increments, and
that every kept page, fragment and value carries in its key (portal.core.cache), so that one
increment drops them all. Below the page cache and the access rules, which both key by it."""

import hashlib
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache
from django.db import connection, transaction

CONTENT_VERSION_KEY = "content-version"


# The version as this request first read it: a page asks for it with every kept value (a dozen
# times or more), and one read per request is enough. Outside a request, read each time.
_read_for_request: ContextVar[dict | None] = ContextVar("content_version_read", default=None)


@contextmanager
def read_once_per_request():
    """Within the block (a request), the content version is read from the cache once, and
    again only after this process changes it."""
    token = _read_for_request.set({})
    try:
        yield
    finally:
        _read_for_request.reset(token)


def content_version() -> int:
    remembered = _read_for_request.get()
    if remembered:
        return remembered["version"]
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        cache.add(CONTENT_VERSION_KEY, 1, timeout=None)
        version = cache.get(CONTENT_VERSION_KEY)
        if version is None:  # the cache server is down: nothing is kept anyway
            return 1
    if remembered is not None:
        remembered["version"] = version
    return version


def _bump() -> None:
    remembered = _read_for_request.get()
    if remembered:
        remembered.clear()
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:  # no version stored yet
        cache.set(CONTENT_VERSION_KEY, 2, timeout=None)


def content_changed() -> None:
    """Invalidate every cached page and fragment that depends on published content: now, and
    again once the transaction commits, so that a page rendered from the old rows meanwhile
    (or before the rest of the change is written, such as a restriction's groups) is not kept
    under the new version."""
    _bump()
    if connection.in_atomic_block:  # outside a transaction the change is written already
        transaction.on_commit(_bump)


def versioned_key(*parts: str) -> str:
    raw = "|".join(str(part) for part in parts)
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return f"v{content_version()}:{digest}"
