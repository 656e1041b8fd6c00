"""The content version: one number that every change to published content increments, and
that every kept page, fragment and value carries in its key (portal.core.cache), so that one
increment drops them all. Below the page cache and the access rules, which both key by it.
Other things kept between requests (a person's identity, portal.accounts.roles) have a
`Version` of their own."""

import hashlib
import time
from collections.abc import Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache
from django.db import connection, transaction

CONTENT_VERSION_KEY = "content-version"

# What this request read of each version: a page asks for the content version with every kept
# value (a dozen times or more), and one read per request is enough. Outside a request, each
# version is read each time.
_read_for_request: ContextVar[dict | None] = ContextVar("versions_read", default=None)


@contextmanager
def read_once_per_request():
    """Within the block (a request), each version is read from the cache once, and again only
    after this process changes it."""
    token = _read_for_request.set({})
    try:
        yield
    finally:
        _read_for_request.reset(token)


def kept_for_request() -> dict | None:
    """What this request has read so far (None outside a request): versions under their keys,
    and whatever else a caller keeps there under keys of its own, for the rest of the request."""
    return _read_for_request.get()


def read_together(*versions: "Version", also: Sequence[str] = ()) -> dict:
    """Read, in one round trip to the cache, the versions this request has not read yet, and
    the keys `also`; each version answers from it for the rest of the request (outside a
    request, versions are not remembered). Returns what was found under the keys `also`."""
    remembered = _read_for_request.get()
    wanted = [] if remembered is None else [v for v in versions if v.key not in remembered]
    if len(wanted) + len(also) < 2:
        # Each version asks for itself when read: as many round trips.
        value = cache.get(also[0]) if also else None
        return {} if value is None else {also[0]: value}
    found = cache.get_many([*(version.key for version in wanted), *also])
    for version in wanted:
        if found.get(version.key) is not None:
            remembered[version.key] = found[version.key]
    return {key: found[key] for key in also if key in found}


def _fresh_start() -> int:
    # Never a number used before, even if a version was evicted while entries it named remain.
    return time.time_ns() // 1000


class Version:
    """A number kept in the cache that every change of something increments, carried in the
    keys of what is kept about it, so that one increment drops them all."""

    def __init__(self, key: str, *, while_unreachable: int | None):
        self.key = key
        # What `current()` answers while the cache server is down (nothing is kept then).
        self.while_unreachable = while_unreachable

    def current(self) -> int | None:
        remembered = _read_for_request.get()
        if remembered and self.key in remembered:
            return remembered[self.key]
        version = cache.get(self.key)
        if version is None:
            cache.add(self.key, _fresh_start(), timeout=None)
            version = cache.get(self.key)
            if version is None:
                return self.while_unreachable
        if remembered is not None:
            remembered[self.key] = version
        return version

    def _increment(self) -> None:
        remembered = _read_for_request.get()
        if remembered:
            remembered.pop(self.key, None)
        try:
            cache.incr(self.key)
        except ValueError:  # no version stored yet
            cache.add(self.key, _fresh_start(), timeout=None)

    def changed(self) -> None:
        """Drop what is kept: now, and again once the transaction commits, so that what a
        request reads of the old rows meanwhile (or before the rest of the change is written,
        such as a restriction's groups) is not kept under the new version."""
        self._increment()
        if connection.in_atomic_block:  # outside a transaction the change is written already
            transaction.on_commit(self._increment)


CONTENT_VERSION = Version(CONTENT_VERSION_KEY, while_unreachable=1)


def content_version() -> int:
    return CONTENT_VERSION.current()


def content_changed() -> None:
    """Invalidate every cached page and fragment that depends on published content."""
    CONTENT_VERSION.changed()


def _digest(parts) -> str:
    return hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()[:32]


def versioned_key(*parts: str) -> str:
    return f"v{content_version()}:{_digest(parts)}"


def stamped_key(*parts: str) -> str:
    """A key without the content version, for an entry that carries the version it was made
    at instead (a kept page, portal.core.cache): the entry and the version can then be read in
    one round trip (`read_together(CONTENT_VERSION, also=[key])`), and an entry of another
    version is treated as missing."""
    return f"stamped:{_digest(parts)}"


def person_version(name: str, user_id: int) -> Version:
    """The version of what one person's own pages show of `name` (their notifications, their
    enrolments): a page kept for that person alone (`portal.core.cache.serve_shared` with
    `person_versions`) carries it in its key. Nothing is kept while the cache server is down."""
    return Version(f"person-version:{name}:{user_id}", while_unreachable=None)


def person_changed(name: str, user_ids) -> None:
    """Drop what each of these people's own pages keep of `name`, now and on commit."""
    for user_id in set(user_ids):
        if user_id is not None:
            person_version(name, user_id).changed()
