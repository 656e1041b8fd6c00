"""Cache of anonymous page responses, invalidated as a whole whenever published content changes.

Pages show each other (the home page lists sections and upcoming items, the header lists the
sections), so one publish can change many pages. Rather than tracking who shows what, every
cache key carries a content version that a publish increments.
"""

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
        version = cache.get(CONTENT_VERSION_KEY, 1)
    return version


def content_changed() -> None:
    """Invalidate every cached page and fragment that depends on published content."""
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:
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


def store_page_response(request, response) -> None:
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
        timeout=settings.PAGE_CACHE_SECONDS,
    )
    response["X-Page-Cache"] = "miss"
