import time

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

from . import cache

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


class AnonymousPageCacheMiddleware:
    """Answer anonymous requests for cached pages before any routing or database work.

    Pages store their responses (`BasePage.serve`) only when Wagtail has already let an
    anonymous visitor see them; any change to pages or their restrictions drops every entry.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if cache.request_is_cacheable(request):
            response = cache.cached_page_response(request)
            if response is not None:
                return response
        return self.get_response(request)


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
