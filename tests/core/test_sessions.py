from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.utils import timezone

from portal.core.middleware import SessionIdleRefreshMiddleware
from tests.helpers import query_log

pytestmark = pytest.mark.django_db
REFRESH_KEY = SessionIdleRefreshMiddleware.REFRESH_KEY


def _session_writes(client, path="/search/") -> int:
    return sum(
        1
        for sql in query_log(client.get, path)
        if "django_session" in sql and sql.lstrip().upper().startswith(("UPDATE", "INSERT"))
    )


def test_active_sessions_are_refreshed_at_most_once_per_interval(client, home, user, settings):
    settings.SESSION_REFRESH_INTERVAL = 300
    client.force_login(user)
    session = client.session
    session[REFRESH_KEY] = 0  # long ago
    session.save()
    expiry_before = Session.objects.get(session_key=session.session_key).expire_date

    assert _session_writes(client) == 1
    expiry_after = Session.objects.get(session_key=session.session_key).expire_date
    assert expiry_after > expiry_before
    assert _session_writes(client) == 0  # within the interval: no write


def test_idle_sessions_expire_after_the_timeout(client, home, user):
    client.force_login(user)
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    cache.delete(f"django.contrib.sessions.cached_db{key}")
    response = client.get("/accounts/email/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_anonymous_visitors_get_no_session(client, home):
    response = client.get("/")
    assert "sessionid" not in response.cookies
