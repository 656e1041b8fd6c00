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
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from . import access, personal

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
    # "shared-page": entries hold the markers of personal pieces (portal.core.personal).
    return versioned_key("shared-page", request.get_host(), request.get_full_path(), get_language())


def request_may_share(request) -> bool:
    """Whether `request` may be answered from, or render, a shared page: the same for every
    visitor, signed in or not, once each one's personal pieces are filled in."""
    if request.method not in ("GET", "HEAD") or getattr(request, "is_preview", False):
        return False
    # Pending flash messages are personal and shown in the page's body.
    return "messages" not in request.COOKIES and "_messages" not in request.session


def request_is_cacheable(request) -> bool:
    """Only responses that every anonymous visitor would receive identically are shared."""
    return not request.user.is_authenticated and request_may_share(request)


def shared_copy_serves(request, *, signed_in: bool) -> bool:
    """Whether `request` may be answered from, or render, a page's shared copy: one kept for
    anonymous visitors only, or (`signed_in`) one whose every personal part is a piece, which
    serves signed-in people too unless some page restriction admits them (listings would show
    them more than the copy does)."""
    if not request_may_share(request):
        return False
    user = request.user
    return not user.is_authenticated or (signed_in and not access.sees_more_than_visitors(user))


def cached_page_response(request) -> HttpResponse | None:
    """The shared copy of the requested page with the person's pieces filled in; None if
    there is none, or none that serves this person."""
    entry = cache.get(_page_response_key(request))
    if entry is None:
        return None
    if request.user.is_authenticated and not shared_copy_serves(
        request, signed_in=entry["signed_in"]
    ):
        return None
    if request.user.is_authenticated:
        content = personal.fill(request, entry["content"], entry["token"], entry["pieces"])
    else:
        content = entry["visitor_content"]
        if entry["visitor_pieces_left"]:
            content = personal.fill(request, content, entry["token"], entry["pieces"])
    response = HttpResponse(content, content_type=entry["content_type"])
    response["X-Page-Cache"] = "hit"
    _mark_personal(response)
    return response


def _mark_personal(response) -> None:
    # The shared copy carries each visitor's CSRF token and menu: no cache between the portal
    # and the browser may keep one visitor's filled-in page for another.
    patch_vary_headers(response, ("Cookie",))


def store_page_response(
    request,
    response,
    *,
    timeout: int | None = None,
    shared: personal.SharedRender | None = None,
    signed_in: bool = False,
) -> None:
    """Keep `response` for later visitors, PAGE_CACHE_SECONDS or `timeout` if shorter (a page
    whose content changes at a known moment), then fill in this request's pieces.

    `shared` holds the markers of a page rendered with `personal.rendering_for_everyone`;
    `signed_in` says that every personal part of the page is a piece, so that signed-in people
    are served from the copy too (else only anonymous visitors are)."""
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    token, pieces = (shared.token, shared.pieces) if shared else ("", [])
    storable = (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # A page that handed out a CSRF token itself is tied to this visitor's cookie.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )
    if storable:
        visitor_content, visitor_pieces_left = personal.fill_for_visitors(
            request, response.content, token, pieces
        )
        cache.set(
            _page_response_key(request),
            {
                "content": response.content,
                "content_type": response["Content-Type"],
                "token": token,
                "pieces": pieces,
                "signed_in": signed_in,
                "visitor_content": visitor_content,
                "visitor_pieces_left": visitor_pieces_left,
            },
            timeout=min(settings.PAGE_CACHE_SECONDS, timeout or settings.PAGE_CACHE_SECONDS),
        )
        response["X-Page-Cache"] = "miss"
    if pieces and not response.streaming:
        response.content = personal.fill(request, response.content, token, pieces)
        _mark_personal(response)


def share_until_next_change(request, response, next_change) -> None:
    """Keep an anonymous `response` until the next publish and never past the moment its content
    changes by the clock: `next_change(now)`, or None when nothing is due (a call opening, a
    vacancy closing). Asked only when the request is shared at all."""
    if not request_is_cacheable(request):
        return
    now = timezone.now()
    change = next_change(now)
    seconds = int((change - now).total_seconds()) if change else None
    if seconds is not None and seconds < 1:
        return
    store_page_response(request, response, timeout=seconds)


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
    stored until the next publish, and answered early by PageCacheMiddleware. For
    views that show the same to every anonymous visitor, and whose models say
    `invalidates_page_cache` (portal.core.signals) or whose services call `content_changed`."""
    return _shared_view(view, signed_in=False)


def shared_with_everyone(view):
    """`shared_for_anonymous` for a view whose every personal part is a piece
    (portal.core.personal): signed-in people are served from the shared copy too."""
    return _shared_view(view, signed_in=True)


def _shared_view(view, *, signed_in: bool):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not shared_copy_serves(request, signed_in=signed_in):
            return view(request, *args, **kwargs)
        response = cached_page_response(request)
        if response is not None:
            return response
        with personal.rendering_for_everyone(request) as shared:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        store_page_response(request, response, shared=shared, signed_in=signed_in)
        return response

    return wrapped
