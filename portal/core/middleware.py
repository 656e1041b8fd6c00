import logging
import time

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.http.request import split_domain_port
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail.models import Site

from . import access, cache, languages
from .versions import read_once_per_request, versioned_key

# Wagtail's editor interface ships inline scripts and styles whose content changes per page,
# so they cannot be listed by hash. Only the admin, open to signed-in editors alone, gets
# 'unsafe-inline'; every public page keeps the strict policy.
ADMIN_PREFIX = "/admin/"
ADMIN_POLICY_ADDITIONS = {"script-src": ["'unsafe-inline'"], "style-src": ["'unsafe-inline'"]}


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith(ADMIN_PREFIX) and parts.update is None:
            parts.update = ADMIN_POLICY_ADDITIONS
        return parts


class LanguageMiddleware:
    """Every address says its language: `/fr/…` is French, an address without prefix English.

    A visit to an address without prefix is sent to the same address in the person's language
    when they chose one (their profile's, kept in the session; else their cookie) or, on a
    first visit, when their browser asks for one. So a shared link opens in the reader's
    language, and an address in a language always shows that language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language, _bare = languages.split_language_prefix(request.path_info)
        unprefixed = language == settings.LANGUAGE_CODE
        follows = unprefixed and languages.follows_language(request.path_info)
        if follows and request.method in ("GET", "HEAD"):
            preferred = languages.preferred_language(request)
            if preferred != settings.LANGUAGE_CODE:
                response = HttpResponseRedirect(
                    languages.path_in_language(request.get_full_path(), preferred)
                )
                patch_vary_headers(response, ("Accept-Language", "Cookie"))
                return response
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if follows:
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", language)
        return response


class PageCacheMiddleware:
    """Answer requests for shared pages before any routing or database work, with the
    person's pieces filled in (portal.core.personal).

    Pages store their shared copy (`BasePage.serve_page`) only when Wagtail has already let an
    anonymous visitor see them; any change to pages or their restrictions drops every entry.
    A copy serves signed-in people only when its page said every personal part is a piece.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if cache.request_may_share(request):
            response = cache.cached_page_response(request)
            if response is not None:
                return response
        return self.get_response(request)


class EarlyPageCacheMiddleware:
    """Answer an anonymous visitor's request for a shared page before sessions,
    authentication, CSRF, language resolution, routing and the site lookup run
    (`cache.early_page_response`); on the way out, give a copy just stored the headers the
    middleware inside wrote, so that the early answer carries them too.

    It sits inside WhiteNoise, which serves static files without asking the cache, and inside
    the security and privacy headers' middleware, which add theirs to every answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with read_once_per_request():
            response = cache.early_page_response(request)
            if response is not None:
                return response
            response = self.get_response(request)
            cache.keep_page_headers(request, response)
            return response


class CachedSiteMiddleware:
    """Find the request's Wagtail site in the cache instead of asking the database on every
    request (the header, the footer's settings and page routing all need it), and read it with
    its root page and those settings when it is not kept. Saving a site or its settings drops
    the entry with everything else (portal.core.signals)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname, port = split_domain_port(request.get_host())
        port = port or request.get_port()
        request._wagtail_site = cache.cached_value(
            ("site", hostname, port),
            lambda: _site_for(hostname, port),
            settings.PAGE_CACHE_SECONDS,
        )
        return self.get_response(request)


def _site_for(hostname: str, port) -> Site | None:
    """The site Wagtail chooses for `hostname` and `port` (`get_site_for_hostname`), read with
    its root page and its header and footer settings, which every page shows
    (`SiteChromeSettings.for_site`), in one query; `tests/core/test_site_lookup.py` holds the
    two to the same answers."""
    port = int(port)
    # Every page checks the view restrictions above it and hides restricted pages from its
    # lists: they are read here too, and kept (`access.view_restrictions`).
    restrictions_key = versioned_key(access.VIEW_RESTRICTIONS_KEY)
    candidates = list(
        Site.objects.filter(Q(hostname=hostname) | Q(is_default_site=True))
        .select_related("root_page", "sitechromesettings")
        .annotate(view_restrictions=access.view_restrictions_column())
    )
    if candidates:
        access.keep_view_restrictions(restrictions_key, candidates[0].view_restrictions)
    for site in candidates:
        del site.view_restrictions  # kept on their own, not with the site
    on_this_host = [site for site in candidates if site.hostname == hostname]
    # Preferred in turn: the host on this port; the host, if it is the default site's; the
    # host's one site, whatever its port; else the default site (none may be set).
    for site in on_this_host:
        if site.port == port:
            return site
    for site in on_this_host:
        if site.is_default_site:
            return site
    if len(on_this_host) == 1:
        return on_this_host[0]
    return next((site for site in candidates if site.is_default_site), None)


class SessionIdleRefreshMiddleware:
    """Keep active sessions alive without writing the session on every request.

    A session expires SESSION_COOKIE_AGE seconds after it was last saved. Saving it at most
    once per refresh interval keeps the idle timeout accurate to that interval while sparing
    the session store a write per request.
    """

    REFRESH_KEY = "_idle_refreshed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            last = session.get(self.REFRESH_KEY, 0)
            if now - last >= settings.SESSION_REFRESH_INTERVAL:
                session[self.REFRESH_KEY] = now
        return response


# Browser features no page of the portal uses are switched off for every page and for anything
# a page might embed; the event map asks for the visitor's position, on the portal's own pages.
PERMISSIONS_POLICY = ", ".join(
    [
        "accelerometer=()",
        "camera=()",
        "display-capture=()",
        "geolocation=(self)",
        "gyroscope=()",
        "magnetometer=()",
        "microphone=()",
        "payment=()",
        "usb=()",
    ]
)


ACCOUNT_PAGES = "/accounts/"


class PrivacyHeadersMiddleware:
    """`Permissions-Policy` on every response; and what is shown to a signed-in person, or on
    the account pages (sign-in, password reset links), is theirs alone: unless a view says
    otherwise (a public feed), no browser or proxy keeps it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if "Cache-Control" not in response and (
            request.path.startswith(ACCOUNT_PAGES)
            or getattr(getattr(request, "user", None), "is_authenticated", False)
        ):
            patch_cache_control(response, private=True, no_store=True)
        return response


proxy_logger = logging.getLogger("portal.proxy")


class ForwardedHeaderCheckMiddleware:
    """With TRUSTED_PROXY_COUNT set, client addresses (sign-in limits) are read from
    X-Forwarded-For. A request arriving without it means the proxy does not send it, or
    something reaches the portal around the proxy: both make every visitor look like one
    address, so say so, once per process."""

    def __init__(self, get_response):
        if not settings.ALLAUTH_TRUSTED_PROXY_COUNT:
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.warned = False

    def __call__(self, request):
        if not self.warned and "HTTP_X_FORWARDED_FOR" not in request.META:
            self.warned = True
            proxy_logger.warning(
                "TRUSTED_PROXY_COUNT is %s but a request to %s arrived without "
                "X-Forwarded-For: check the proxy's headers, and that nothing reaches the "
                "portal around it",
                settings.ALLAUTH_TRUSTED_PROXY_COUNT,
                request.path,
            )
        return self.get_response(request)
