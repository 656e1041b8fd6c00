"""Cache of anonymous page responses, invalidated as a whole whenever published content changes.

Pages show each other (the home page lists sections and upcoming items, the header lists the
sections), so one publish can change many pages. Rather than tracking who shows what, every
cache key carries a content version that a publish increments.
"""

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


def cached_value(parts: tuple, build, timeout: int):
    """`build()`'s result, kept until the next publish; built afresh if the cache is down."""
    try:
        key = versioned_key(*parts)
        value = cache.get(key)
    except Exception:
        logger.warning("Cache unavailable; building %s without it", parts[0], exc_info=True)
        return build()
    if value is None:
        value = build()
        try:
            cache.set(key, value, timeout)
        except Exception:
            logger.warning("Cache unavailable; %s not stored", parts[0], exc_info=True)
    return value
