"""Sessions kept in the cache and the database (Django's cached_db), whose cached copy a
signed-in request reads with its page's lookup, before SessionMiddleware runs
(`portal.core.cache.early_page_response`): its first round trip to the cache brings the
session too."""

from django.conf import settings
from django.contrib.sessions.backends import cached_db

from .versions import kept_for_request

# Where this request keeps the session read early, under its cache key.
_READ_EARLY = "session-read-early"


def cache_key_of(request) -> str | None:
    """The cache key of the session the request's cookie names, or None when there is no
    cookie, it cannot name a session, or sessions are kept elsewhere than in the default cache
    by this store."""
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    engine_is_this = __name__ == settings.SESSION_ENGINE
    if not session_key or not engine_is_this or settings.SESSION_CACHE_ALIAS != "default":
        return None
    # As SessionBase validates a key: a shorter one never names a session.
    if len(session_key) < 8:
        return None
    return SessionStore.cache_key_prefix + session_key


def read_early(cache_key: str, data) -> None:
    """Remember, for the rest of the request, the session read under `cache_key` (None when
    the cache holds none, and the store reads it as it always does)."""
    remembered = kept_for_request()
    if remembered is not None and data is not None:
        remembered[_READ_EARLY] = (cache_key, data)


class SessionStore(cached_db.SessionStore):
    """Django's cached_db sessions, answered from what the request read early, once."""

    def load(self):
        remembered = kept_for_request()
        early = remembered.pop(_READ_EARLY, None) if remembered else None
        if early is not None and self.session_key and early[0] == self.cache_key:
            return early[1]
        return super().load()
