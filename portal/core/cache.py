"""Cache of anonymous page responses, invalidated as a whole whenever published content changes.

Pages show each other (the home page lists sections and upcoming items, the header lists the
sections), so one publish can change many pages. Rather than tracking who shows what, every
kept page carries a content version that a publish increments, and a page kept at another
version is not served. The version is in the entry rather than its key (`stamped_key`), so that
a visitor's request reads the version and the page in one round trip to the cache.

The cache is an accelerator. The Redis backend (settings.redis_cache) turns a server it cannot
reach into misses, so while it is down pages are rendered from the database and nothing is
stored; a publish made during the outage cannot drop the entries a surviving server still holds,
so those live at most PAGE_CACHE_SECONDS.

A page that lists what only some people may open (assets by access level, spaces by
eligibility) is kept once per *audience*: a value naming what decides the listing for a person
(`portal.core.access.Audience`, or a page's own), whose `key` becomes part of the cache key.
Everyone with the same audience shares one copy; anonymous visitors' audience has the empty key,
so theirs is the visitors' copy as for any page. What is each person's own within it stays a
piece (portal.core.personal). The page names the function that tells a person's audience by
dotted path, kept beside its copies, so that a signed-in request is answered from its
audience's copy before routing as other shared pages are (PageCacheMiddleware).
"""

import functools
import gzip
from collections.abc import Callable
from importlib import import_module

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.module_loading import import_string
from django.utils.translation import get_language

from portal.accounts import roles

from . import access, languages, personal, sessions
from .moments import earliest_of
from .versions import (  # the page cache's API, used by every app
    CONTENT_VERSION,
    CONTENT_VERSION_KEY,
    content_changed,
    content_version,
    read_together,
    stamped_key,
    versioned_key,
)

# Importable from here, where every app takes them.
__all__ = ["CONTENT_VERSION_KEY", "content_changed", "content_version", "versioned_key"]


def _page_response_key(request, language: str | None = None, audience=None) -> str:
    # "shared-page": entries hold the markers of personal pieces (portal.core.personal).
    parts = ["shared-page", request.get_host(), request.get_full_path(), language or get_language()]
    audience_key = _audience_key(request, audience)
    if audience_key:
        parts.append(f"audience:{audience_key}")
    return stamped_key(*parts)


def _audience_of_key(request, language: str | None = None) -> str:
    # Where a page kept per audience notes which function tells a person's audience.
    return stamped_key(
        "shared-page-audience",
        request.get_host(),
        request.get_full_path(),
        language or get_language(),
    )


def _current(entry: dict | None) -> dict | None:
    """`entry` when it was kept at the content version this request reads; None when it is
    missing or was kept before a publish since."""
    if entry is None or entry.get("version") != content_version():
        return None
    return entry


def _read_current(key: str) -> dict | None:
    # The entry under `key` and, if this request has not read it yet, the content version, in
    # one round trip.
    return _current(read_together(CONTENT_VERSION, also=[key]).get(key))


# What the early lookup of a signed-in person's request found (the page's key, and the entries
# under it and its audience's key), so that the lookup after authentication reads nothing again.
_EARLY_LOOKUP = "_early_page_lookup"


@functools.cache
def audience_function(dotted_path: str) -> Callable:
    """The function `(user) -> audience` named by `dotted_path`."""
    return import_string(dotted_path)


def _audience_key(request, audience) -> str:
    if audience is None:
        return ""
    if not audience.key and request.user.is_authenticated:
        # It would be the visitors' copy: a signed-in audience always names itself.
        raise ValueError(f"The audience {audience!r} of a signed-in person has no key.")
    return audience.key


def audience_shown(request, audience_of: str):
    """The audience whose listing a page shows: while the copy kept for an audience is rendered
    (the person put aside, portal.core.personal), that audience; else the person's own as the
    function at `audience_of` tells it (an anonymous visitor's during a visitors' copy)."""
    shared = personal.shared_render_of(request)
    if shared is not None and shared.audience is not None:
        return shared.audience
    return audience_function(audience_of)(request.user)


def audience_asking(request, audience_of: str | None):
    """The audience of a signed-in person for a page kept per audience (`audience_of`, a
    dotted path); None for a visitor, whose copy is the visitors', or for a page kept once."""
    if audience_of is None or not request.user.is_authenticated:
        return None
    return audience_function(audience_of)(request.user)


def forget_page_response(request, language: str | None = None) -> None:
    """Drop the shared copy of the requested page, and only it: what a page costs when its
    copy is missing but what every page keeps (site, header, footer, routes) is there."""
    cache.delete(_page_response_key(request, language))


# Django's cookie message storage; with no session cookie it is the only place messages wait.
MESSAGES_COOKIE = "messages"
# The bodies a copy keeps apart from its entry (`store_page_response`): the visitors' page in
# each encoding a client may accept, and the page with the markers of its pieces.
IDENTITY, GZIP, MARKED = "identity", "gzip", "marked"
# Headers each response computes for itself, or that say how one response was made (a copy
# kept in two encodings answers each client in its own).
_UNKEPT_HEADERS = frozenset({"content-length", "content-type", "content-encoding", "x-page-cache"})
# What a browser or proxy may keep: the shared copy filled in for a signed-in person is theirs
# alone, and PrivacyHeadersMiddleware marks it so when the page said nothing.
_CACHING_HEADERS = frozenset({"cache-control", "expires"})


def request_may_share(request) -> bool:
    """Whether `request` may be answered from, or render, a shared page: the same for every
    visitor, signed in or not, once each one's personal pieces are filled in."""
    if request.method not in ("GET", "HEAD") or getattr(request, "is_preview", False):
        return False
    # Pending flash messages are personal and shown in the page's body.
    return MESSAGES_COOKIE not in request.COOKIES and "_messages" not in request.session


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


def cached_page_response(request, *, audience=None) -> HttpResponse | None:
    """The shared copy of the requested page (kept for the person's `audience`, if the page is
    kept per audience) with the person's pieces filled in; None if there is none, or none that
    serves this person."""
    signed_in = request.user.is_authenticated
    key = _page_response_key(request, audience=audience)
    wanted = [key, _body_key(key, MARKED if signed_in else _encoding_for(request))]
    if signed_in and audience is None:
        # Asked before routing: the page may be kept per audience.
        audience_key = _audience_of_key(request)
        early = getattr(request, _EARLY_LOOKUP, None)
        if early is not None and early[0] == key:
            found = early[1]
        else:
            found = read_together(CONTENT_VERSION, also=[*wanted, audience_key])
        noted = _current(found.get(audience_key))
        if noted is not None:
            audience = audience_asking(request, noted["audience_of"])
            key = _page_response_key(request, audience=audience)
            found = read_together(CONTENT_VERSION, also=[key, _body_key(key, MARKED)])
    else:
        found = read_together(CONTENT_VERSION, also=wanted)
    entry = _current(found.get(key))
    if entry is None:
        return None
    if entry.get("for_everyone"):
        # Its headers (the feed's own among them) come with it once it has been sent.
        if "headers" not in entry:
            return None
        return _response_for_everyone(request, key, entry, found)
    if signed_in and entry.get("per_audience") and audience is None:
        return None  # the visitors' copy of a page kept per audience
    if signed_in and not shared_copy_serves(request, signed_in=entry["signed_in"]):
        return None
    encoding = IDENTITY
    if signed_in:
        marked = _body(key, MARKED, entry, found)
        if marked is None:
            return None
        content = personal.fill(request, marked, entry["token"], entry["pieces"])
    else:
        visitors = _visitors_body(request, key, entry, found)
        if visitors is None:
            return None
        content, encoding = visitors
        if entry["visitor_pieces_left"]:
            content = personal.fill(request, content, entry["token"], entry["pieces"])
    response = HttpResponse(content, content_type=entry["content_type"])
    for name, value in entry.get("headers", ()):
        if not (signed_in and name.lower() in _CACHING_HEADERS):
            response[name] = value
    _mark_encoding(response, entry, encoding)
    response["X-Page-Cache"] = "hit"
    _mark_personal(response)
    return response


def early_page_response(request) -> HttpResponse | None:
    """The shared copy of the requested page for an anonymous visitor, answered before
    sessions, authentication, language resolution and routing run (EarlyPageCacheMiddleware);
    None to let the rest of the stack answer.

    Only a visitor without a session or a messages cookie is answered: without a session they
    are anonymous and no message waits for them. The language is the address's, as
    LanguageMiddleware decides it; an address without prefix that it would send to the
    visitor's own language is left to it. A copy is answered when everything personal left in
    the visitors' copy is a CSRF token, filled in (and its cookie set) as CsrfViewMiddleware
    does; and when it carries the headers its page was first sent with (`keep_page_headers`),
    so that the answer is the one the page gave, with the same CSP, framing and language.

    A copy that is the same for every person (`serve_shared(for_everyone=True)`, a public
    feed) is answered to signed-in people and to those with messages waiting too: nothing in
    it is theirs. Their session is read only to learn the language they chose, for an address
    without prefix."""
    if request.method not in ("GET", "HEAD"):
        return None
    if settings.DISALLOWED_USER_AGENTS:  # CommonMiddleware refuses some before any page
        return None
    has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
    anonymous = not has_session and MESSAGES_COOKIE not in request.COOKIES
    language, _bare = languages.split_language_prefix(request.path_info)
    follows = language == settings.LANGUAGE_CODE and languages.follows_language(request.path_info)
    if follows and not has_session and languages.preferred_language(request) != language:
        return None
    try:
        key = _page_response_key(request, language)
    except DisallowedHost:
        return None
    # The visitors' page in the client's encoding comes with its entry.
    also = [key, _body_key(key, _encoding_for(request))]
    if has_session:
        # Whoever it is, a signed-in person's request asks for the versions (the page's, their
        # identity's) with the page, what the signed-in lookup after authentication asks (which
        # reuses it) and their session: one round trip to the cache.
        session_key = sessions.cache_key_of(request)
        also += [_body_key(key, MARKED), _audience_of_key(request, language)]
        also += [session_key] if session_key else []
        found = read_together(roles.IDENTITY_VERSION, CONTENT_VERSION, also=also)
        if session_key:
            sessions.read_early(session_key, found.get(session_key))
        setattr(request, _EARLY_LOOKUP, (key, found))
    else:
        found = read_together(CONTENT_VERSION, also=also)
    entry = _current(found.get(key))
    if entry is None or "headers" not in entry:
        return None
    if entry.get("for_everyone"):
        if follows and has_session and _language_of_session(request) != language:
            return None
        return _response_for_everyone(request, key, entry, found)
    if not anonymous:
        return None
    left = set(entry.get("visitor_pieces_left_names", ()))
    if left - {personal.CSRF_PIECE} or (left and settings.CSRF_USE_SESSIONS):
        return None
    visitors = _visitors_body(request, key, entry, found)
    if visitors is None:
        return None
    content, encoding = visitors
    csrf = CsrfViewMiddleware(_never_called) if left else None
    if csrf is not None:
        csrf.process_request(request)
        content = personal.fill(
            request, content, entry["token"], entry["pieces"], only={personal.CSRF_PIECE}
        )
    response = HttpResponse(content, content_type=entry["content_type"])
    for name, value in entry["headers"]:
        response[name] = value
    _mark_encoding(response, entry, encoding)
    response["X-Page-Cache"] = "hit"
    response["Content-Length"] = str(len(content))
    if csrf is not None:
        csrf.process_response(request, response)
    return response


def _language_of_session(request) -> str:
    # What LanguageMiddleware would answer an address without prefix in, read before
    # SessionMiddleware: the session is only read (a cache lookup with cached_db), never saved.
    store = import_module(settings.SESSION_ENGINE).SessionStore
    session = store(request.COOKIES[settings.SESSION_COOKIE_NAME])
    return languages.preferred_language(request, session=session)


def _encoding_for(request) -> str:
    # Of the encodings a copy is kept in, the one the client accepts.
    return GZIP if GZIP in request.headers.get("Accept-Encoding", "") else IDENTITY


def _body_key(key: str, kind: str) -> str:
    # Its value: (the content version it was kept at, the body), read with the entry.
    return f"{key}:{kind}"


def _body(key: str, kind: str, entry: dict, found: dict) -> bytes | None:
    """The body `kind` of the copy `entry` kept under `key`, from what was read with the entry
    (`found`) or else from the cache; None when it has gone meanwhile, or was kept at another
    version than the entry (by a request that read another)."""
    kept = found.get(_body_key(key, kind))
    if kept is None:
        kept = cache.get(_body_key(key, kind))
    if kept is None or kept[0] != entry["version"]:
        return None
    return kept[1]


def _visitors_body(request, key: str, entry: dict, found: dict) -> tuple[bytes, str] | None:
    """The visitors' page and its encoding: in the entry when it has pieces left to fill in
    for each visitor, else the body apart in the encoding the client accepts; None when that
    body has gone meanwhile."""
    if entry["visitor_pieces_left"]:
        return entry["visitor_content"], IDENTITY
    encoding = _encoding_for(request)
    body = _body(key, encoding, entry, found)
    return None if body is None else (body, encoding)


def _mark_encoding(response, entry: dict, encoding: str) -> None:
    if encoding == GZIP:
        response["Content-Encoding"] = GZIP
    if not entry["visitor_pieces_left"]:
        # Kept in two encodings: a cache between here and the browser keeps both apart.
        patch_vary_headers(response, ("Accept-Encoding",))


def _response_for_everyone(request, key: str, entry: dict, found: dict) -> HttpResponse | None:
    """The copy that every person gets, in the encoding the client accepts; None when that
    body has gone meanwhile."""
    visitors = _visitors_body(request, key, entry, found)
    if visitors is None:
        return None
    content, encoding = visitors
    response = HttpResponse(content, content_type=entry["content_type"])
    for name, value in entry["headers"]:
        response[name] = value
    _mark_encoding(response, entry, encoding)
    response["X-Page-Cache"] = "hit"
    response["Content-Length"] = str(len(content))
    return response


def _never_called(request):  # CsrfViewMiddleware's get_response: only its hooks are used
    raise AssertionError("The early answer runs no view.")


def keep_page_headers(request, response) -> None:
    """Add to the copy that this request stored the headers its response carries now, after
    the middleware inside EarlyPageCacheMiddleware (CSP, framing, language, Vary) wrote them.

    A policy carrying a nonce is drawn per response: such a copy keeps no headers and is never
    answered early (the portal's policy has none; its scripts and styles are files)."""
    stored = getattr(request, "_page_cache_stored", None)
    if stored is None or response.status_code != 200 or response.streaming:
        return
    policies = (
        response.get("Content-Security-Policy", ""),
        response.get("Content-Security-Policy-Report-Only", ""),
    )
    if any("'nonce-" in policy for policy in policies):
        return
    key, entry, timeout = stored
    entry["headers"] = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in _UNKEPT_HEADERS
    ]
    cache.set(key, entry, timeout=timeout)


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
    audience_of: str | None = None,
    for_everyone: bool = False,
) -> None:
    """Keep `response` for later visitors, PAGE_CACHE_SECONDS or `timeout` if shorter (a page
    whose content changes at a known moment), then fill in this request's pieces.

    `shared` holds the markers of a page rendered with `personal.rendering_for_everyone`, and
    the audience it was rendered for, if any (the copy is kept for that audience only);
    `signed_in` says that every personal part of the page is a piece, so that signed-in people
    are served from the copy too (else only anonymous visitors are); `audience_of` names the
    function telling a person's audience, for a page kept per audience; `for_everyone` says
    that the response is the same for every person, so that everyone is answered from it before
    sessions and routing (`early_page_response`).

    The entry holds what tells how to answer from the copy. The bodies are kept apart from it
    (`_body_key`), so that a request reads the one it is sent and nothing else: the page with
    the markers of its pieces, filled in for each signed-in person; and the visitors' page
    (every piece filled in as for any visitor) as it is and gzip-compressed, answered in the
    encoding the client accepts. When pieces are left to fill in for each visitor (a form's
    CSRF token), the visitors' page is in the entry instead, never compressed."""
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    token, pieces = (shared.token, shared.pieces) if shared else ("", [])
    if for_everyone and pieces:
        raise ValueError("A response shared with everyone as it is has no personal pieces.")
    storable = (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # A page that handed out a CSRF token itself is tied to this visitor's cookie.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )
    if storable:
        key = _page_response_key(request, audience=shared.audience if shared else None)
        version = content_version()
        timeout = min(settings.PAGE_CACHE_SECONDS, timeout or settings.PAGE_CACHE_SECONDS)
        visitor_content, visitor_pieces_left = personal.fill_for_visitors(
            request, response.content, token, pieces
        )
        bodies = {}
        if not visitor_pieces_left:
            bodies[IDENTITY] = visitor_content
            bodies[GZIP] = gzip.compress(visitor_content, 6)
            patch_vary_headers(response, ("Accept-Encoding",))
        if signed_in and not for_everyone:  # else no signed-in person is answered from it
            bodies[MARKED] = response.content
        # The bodies first: an entry found always names bodies that were stored with it.
        cache.set_many(
            {_body_key(key, kind): (version, body) for kind, body in bodies.items()}, timeout
        )
        if for_everyone and _encoding_for(request) == GZIP:
            response.content = bodies[GZIP]
            response["Content-Encoding"] = GZIP
        entry = {
            "version": version,
            "content_type": response["Content-Type"],
            "token": token,
            "pieces": pieces,
            "signed_in": signed_in,
            "visitor_content": visitor_content if visitor_pieces_left else b"",
            "visitor_pieces_left": visitor_pieces_left,
            "visitor_pieces_left_names": personal.pieces_left(visitor_content, token, pieces),
            "per_audience": audience_of is not None,
            "for_everyone": for_everyone,
        }
        cache.set(key, entry, timeout=timeout)
        if audience_of is not None:
            noted = {"version": version, "audience_of": audience_of}
            cache.set(_audience_of_key(request), noted, timeout=timeout)
        # EarlyPageCacheMiddleware adds the response's final headers on its way out.
        request._page_cache_stored = (key, entry, timeout)
        response["X-Page-Cache"] = "miss"
    if pieces and not response.streaming:
        response.content = personal.fill(request, response.content, token, pieces)
        _mark_personal(response)


def serve_shared(
    request,
    render,
    *,
    signed_in: bool,
    keep_for=None,
    audience_of: str | None = None,
    for_everyone: bool = False,
    person_versions: Callable[[], tuple] | None = None,
) -> HttpResponse:
    """`render()`'s response: from the shared copy when there is one for `request`, else
    rendered once as everyone shares it and kept (`store_page_response`), or rendered for the
    person alone when the request may not share (`shared_copy_serves`). `keep_for()`, asked
    after the render, gives the seconds the copy stays true (None: until the next publish);
    a copy true for less than a second is not kept, and only this request gets it.
    `audience_of`: the page is kept once per audience (`audience_asking`).

    `for_everyone`: what `render()` answers is the same for every person, whatever they may
    see elsewhere or have waiting (a public feed: no pieces, no listing by audience), so that
    one copy answers everyone, signed in or not, before sessions and routing.

    `person_versions`: the page is each signed-in person's own (my learning, notifications),
    kept for them alone (`_serve_for_person`) under the versions this function returns, read
    before the render: those of everything the page shows that the content version and their
    identity version do not cover (`portal.core.versions.person_version`, a shared object's
    own version). Visitors are not served (such views ask for a sign-in first)."""
    if person_versions is not None:
        return _serve_for_person(request, render, person_versions, keep_for)
    if for_everyone:
        if request.method not in ("GET", "HEAD") or getattr(request, "is_preview", False):
            return render()
    elif not shared_copy_serves(request, signed_in=signed_in):
        return render()
    audience = audience_asking(request, audience_of)
    response = cached_page_response(request, audience=audience)
    if response is not None:
        return response
    with personal.rendering_for_everyone(request, audience=audience) as shared:
        response = render()
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
    seconds = keep_for() if keep_for is not None else None
    if seconds is not None and seconds < 1:
        response.content = personal.fill(request, response.content, shared.token, shared.pieces)
        _mark_personal(response)
        return response
    store_page_response(
        request,
        response,
        timeout=seconds,
        shared=shared,
        signed_in=signed_in,
        audience_of=audience_of,
        for_everyone=for_everyone,
    )
    return response


def seconds_until(moment) -> int | None:
    """Whole seconds from now until `moment` (None for None): how long a copy may be kept."""
    return int((moment - timezone.now()).total_seconds()) if moment is not None else None


_NOTHING_DUE = "nothing due"


def kept_moments(wanted: list[tuple[tuple, Callable]], now) -> list:
    """For each `(parts, next_change)`, `next_change(now)`: the next moment something shown
    changes by the clock alone (a call opening, a vacancy closing) or None. Each is kept until
    the next publish (what it reads changes the content version) or until the moment passes:
    the next change after any moment before it is that same one, so pages rendered meanwhile
    ask for it no more. The kept ones are fetched in one trip to the cache, the others read in
    one query (`portal.core.moments.earliest_of`)."""
    keys = [versioned_key("next-change", *parts) for parts, _next_change in wanted]
    kept = cache.get_many(keys)
    moments: dict[str, object] = {}
    missing = []
    for key, (_parts, next_change) in zip(keys, wanted, strict=True):
        value = kept.get(key)
        if value == _NOTHING_DUE:
            moments[key] = None
        elif value is not None and value > now:
            moments[key] = value
        else:
            missing.append((key, next_change))
    if missing:
        read = earliest_of([next_change(now) for _key, next_change in missing])
        for (key, _next_change), moment in zip(missing, read, strict=True):
            moments[key] = moment
        cache.set_many(
            {key: moments[key] or _NOTHING_DUE for key, _next_change in missing},
            settings.PAGE_CACHE_SECONDS,
        )
    return [moments[key] for key in keys]


def cached_value(parts: tuple, build, timeout: int):
    """`build()`'s result, kept until the next publish (built afresh while the cache is down)."""
    key, value = kept_value(parts)
    if value is not None:
        return value
    value = build()
    cache.set(key, value, timeout)
    return value


def kept_value(parts: tuple) -> tuple[str, object]:
    """What `cached_value` keeps under `parts`, or None, and the key to keep it under (taken
    before anything is read, so that a publish in between leaves what was read unused): for a
    value read with others when it is not kept (`keep_value`)."""
    key = versioned_key(*parts)
    return key, cache.get(key)


def keep_value(key: str, value, timeout: int) -> None:
    cache.set(key, value, timeout)


def shared_with_everyone(view):
    """A view whose responses are shared, as pages' are (`BasePage.serve_page`): kept until the
    next publish and answered early by PageCacheMiddleware, signed-in people served from the
    same copy with their pieces filled in (portal.core.personal). For views that show the same
    to everyone but for their pieces, and whose models say `invalidates_page_cache`
    (portal.core.signals) or whose services call `content_changed`."""
    return _shared_view(view)


def shared_with_everyone_until(next_change):
    """`shared_with_everyone` for a view whose content also changes by the clock (a call
    opening, a vacancy closing): its copy is kept no later than `next_change(now)`, the next
    such moment, or None when nothing is due."""

    def decorate(view):
        return _shared_view(view, next_change=next_change)

    return decorate


def _shared_view(view, *, next_change=None):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        change = None

        def render():
            nonlocal change
            # Asked before rendering: a change falling during the render leaves nothing kept.
            if next_change is not None:
                change = next_change(timezone.now())
            return view(request, *args, **kwargs)

        keep_for = (lambda: seconds_until(change)) if next_change is not None else None
        return serve_shared(request, render, signed_in=True, keep_for=keep_for)

    return wrapped


# A view kept for each person that shows something changing by the clock (a session that
# ends, a certificate that expires) sets this attribute of its response to the next such
# moment, found before it read anything: its copy is kept no later.
PERSONAL_COPY_UNTIL = "personal_copy_until"


class _PersonalCopy:
    """What a page kept for one person is kept under, in the place of an audience's key."""

    def __init__(self, key: str):
        self.key = key


def _person_copy_key(request, person_versions) -> str | None:
    """The key of the requested page's copy kept for the person asking, or None when nothing
    may be kept (the cache server is down). It holds who they are (their id, and the moment
    the account was made: an id a deleted account leaves may be given again), the version of
    every person's identity (their rights and memberships decide what the page lists), and
    the versions of what the page shows (`person_versions()`); any of them changing names
    another copy. The content version is in every kept page (`_current`)."""
    user = request.user
    versions = (roles.IDENTITY_VERSION.current(), *person_versions())
    if any(version is None for version in versions):
        return None
    joined = user.date_joined.timestamp()
    return ":".join(
        ["person", str(user.pk), str(joined), str(int(user.is_superuser)), *map(str, versions)]
    )


def _serve_for_person(request, render, person_versions, keep_for) -> HttpResponse:
    """`render()`'s response, kept for the person asking alone and served to them again until
    one of the versions in its key changes (`_person_copy_key`), with the pieces (CSRF token,
    header) filled in for each request. Not kept: anything but a GET or HEAD, a request with
    messages waiting or a response that adds one, sets a cookie, or is not a plain 200; nor a
    copy `keep_for()` says is true for less than a second."""
    user = request.user
    if not user.is_authenticated or not request_may_share(request):
        return render()
    copy_key = _person_copy_key(request, person_versions)
    if copy_key is None:
        return render()
    key = _page_response_key(request, audience=_PersonalCopy(copy_key))
    entry = _read_current(key)
    if entry is not None:
        content = personal.fill(request, entry["content"], entry["token"], entry["pieces"])
        response = HttpResponse(content, content_type=entry["content_type"])
        for name, value in entry["headers"]:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        _mark_personal(response)
        return response
    with personal.rendering_for_person(request) as shared:
        response = render()
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
    if keep_for is not None:
        seconds = keep_for()
    else:
        seconds = seconds_until(getattr(response, PERSONAL_COPY_UNTIL, None))
    messages_added = getattr(getattr(request, "_messages", None), "added_new", False)
    storable = (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not messages_added
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and (seconds is None or seconds >= 1)
    )
    if storable:
        timeout = min(settings.PAGE_CACHE_SECONDS, seconds or settings.PAGE_CACHE_SECONDS)
        entry = {
            "version": content_version(),
            "content": response.content,
            "content_type": response["Content-Type"],
            "token": shared.token,
            "pieces": shared.pieces,
            # What the view said itself (the middleware adds the rest to every response).
            "headers": [
                (name, value)
                for name, value in response.headers.items()
                if name.lower() not in _UNKEPT_HEADERS
            ],
        }
        cache.set(key, entry, timeout=timeout)
        response["X-Page-Cache"] = "miss"
    if not response.streaming:
        response.content = personal.fill(request, response.content, shared.token, shared.pieces)
        _mark_personal(response)
    return response


def kept_for_person(*versions: Callable[[object], tuple]):
    """A view whose GET responses are kept for each signed-in person alone (`serve_shared`
    with `person_versions`): each of `versions` takes the request and returns the versions of
    part of what the page shows."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            def current() -> tuple:
                return tuple(value for read in versions for value in read(request))

            return serve_shared(
                request,
                lambda: view(request, *args, **kwargs),
                signed_in=True,
                person_versions=current,
            )

        return wrapped

    return decorate
