"""Cache of anonymous page responses, invalidated as a whole whenever published content changes.

Pages show each other (the home page lists sections and upcoming items, the header lists the
sections), so one publish can change many pages. Rather than tracking who shows what, every
cache key carries a content version that a publish increments.

The cache is an accelerator. The Redis backend (settings.redis_cache) turns a server it cannot
reach into misses, so while it is down pages are rendered from the database and nothing is
stored; a publish made during the outage cannot drop the entries a surviving server still holds,
so those live at most PAGE_CACHE_SECONDS.
"""

import functools
import gzip
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language

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
    entry = cache.get(_page_response_key(request))
    if entry is None:
        return None
    content, content_type = entry
    response = HttpResponse(content, content_type=content_type)
    response["X-Page-Cache"] = "hit"
    return response


def store_page_response(request, response, *, timeout: int | None = None) -> None:
    """Keep `response` for anonymous visitors, PAGE_CACHE_SECONDS or `timeout` if shorter
    (a page whose content changes at a known moment)."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return
    # A page that handed out a CSRF token is tied to this visitor's cookie.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    cache.set(
        _page_response_key(request),
        (response.content, response["Content-Type"]),
        timeout=min(settings.PAGE_CACHE_SECONDS, timeout or settings.PAGE_CACHE_SECONDS),
    )
    response["X-Page-Cache"] = "miss"


IDENTITY, GZIP = "identity", "gzip"


def cached_value(parts: tuple, build, timeout: int, *, encoding: str | None = None):
    """`build()`'s result, kept until the next publish (built afresh while the cache is down).

    With an `encoding` (IDENTITY or GZIP), `build()` returns a response body: it is kept both
    as built and gzip-compressed, under two keys, so that a request fetches only the form it
    sends, and that form is returned.
    """
    key = versioned_key(*parts)
    wanted = f"{key}:{encoding}" if encoding else key
    value = cache.get(wanted)
    if value is not None:
        return value
    value = build()
    entries = {wanted: value}
    if encoding:
        entries = {
            f"{key}:{IDENTITY}": value,
            f"{key}:{GZIP}": gzip.compress(value, compresslevel=6),
        }
    cache.set_many(entries, timeout)
    return entries[wanted]


def shared_for_anonymous(view):
    """A view whose anonymous responses are shared, as pages' are (`BasePage.serve_page`):
    stored until the next publish, and answered early by AnonymousPageCacheMiddleware. For
    views that show the same to every anonymous visitor, and whose models say
    `invalidates_page_cache` (portal.core.signals) or whose services call `content_changed`."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        cacheable = request_is_cacheable(request)
        if cacheable:
            response = cached_page_response(request)
            if response is not None:
                return response
        response = view(request, *args, **kwargs)
        if cacheable:
            store_page_response(request, response)
        return response

    return wrapped
