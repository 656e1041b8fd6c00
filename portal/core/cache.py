"""Cache of anonymous page responses, invalidated as a whole whenever published content changes.

Pages show each other (the home page lists sections and upcoming items, the header lists the
sections), so one publish can change many pages. Rather than tracking who shows what, every
cache key carries a content version that a publish increments.
"""

import gzip
import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language

CONTENT_VERSION_KEY = "content-version"
logger = logging.getLogger(__name__)

# The page cache is an accelerator: when the cache server is down, pages are rendered
# normally (and /healthz reports the outage) instead of every request failing.


def content_version() -> int:
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        cache.add(CONTENT_VERSION_KEY, 1, timeout=None)
        version = cache.get(CONTENT_VERSION_KEY, 1)
    return version


def content_changed() -> None:
    """Invalidate every cached page and fragment that depends on published content."""
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:
        cache.set(CONTENT_VERSION_KEY, 2, timeout=None)
    except Exception:
        logger.exception("Page cache: could not invalidate cached pages")


def versioned_key(*parts: str) -> str:
    raw = "|".join(str(part) for part in parts)
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return f"v{content_version()}:{digest}"


def _page_response_key(request) -> str:
    return versioned_key("page", request.get_host(), request.get_full_path(), get_language())


def request_is_cacheable(request) -> bool:
    """Only responses that every anonymous visitor would receive identically are shared."""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.user.is_authenticated or getattr(request, "is_preview", False):
        return False
    # Pending flash messages are personal.
    return "messages" not in request.COOKIES and "_messages" not in request.session


def cached_page_response(request) -> HttpResponse | None:
    try:
        entry = cache.get(_page_response_key(request))
    except Exception:
        logger.warning("Page cache unavailable; rendering without it", exc_info=True)
        return None
    if entry is None:
        return None
    content, content_type = entry
    response = HttpResponse(content, content_type=content_type)
    response["X-Page-Cache"] = "hit"
    return response


def store_page_response(request, response) -> None:
    if response.status_code != 200 or response.streaming or response.cookies:
        return
    # A page that handed out a CSRF token is tied to this visitor's cookie.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    try:
        cache.set(
            _page_response_key(request),
            (response.content, response["Content-Type"]),
            timeout=settings.PAGE_CACHE_SECONDS,
        )
    except Exception:
        logger.warning("Page cache unavailable; response not stored", exc_info=True)
        return
    response["X-Page-Cache"] = "miss"


IDENTITY, GZIP = "identity", "gzip"


def cached_value(parts: tuple, build, timeout: int, *, encoding: str | None = None):
    """`build()`'s result, kept until the next publish; built afresh if the cache is down.

    With an `encoding` (IDENTITY or GZIP), `build()` returns a response body: it is kept both
    as built and gzip-compressed, under two keys, so that a request fetches only the form it
    sends, and that form is returned.
    """
    try:
        key = versioned_key(*parts)
        wanted = f"{key}:{encoding}" if encoding else key
        value = cache.get(wanted)
    except Exception:
        logger.warning("Cache unavailable; building %s without it", parts[0], exc_info=True)
        value = build()
        return gzip.compress(value, compresslevel=6) if encoding == GZIP else value
    if value is not None:
        return value
    value = build()
    entries = {wanted: value}
    if encoding:
        entries = {
            f"{key}:{IDENTITY}": value,
            f"{key}:{GZIP}": gzip.compress(value, compresslevel=6),
        }
    try:
        cache.set_many(entries, timeout)
    except Exception:
        logger.warning("Cache unavailable; %s not stored", parts[0], exc_info=True)
    return entries[wanted]
