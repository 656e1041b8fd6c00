"""With the cache server killed mid-run the portal goes on from the database: pages, sign-in,
sessions and posts work, the outage is logged once a minute and /healthz says 503; when the
server comes back the cache is used again."""

import json
import logging

import pytest
from django.test import Client
from django.urls import reverse

from community.models import Post
from portal.settings import base
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.factories.community import make_member, make_space, make_thread

pytestmark = pytest.mark.django_db

TOKEN = "monitoring-token-for-the-tests"
TOO_MANY = "Too many failed login attempts"


def _sign_in(client, user) -> None:
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302, response.content


def _health(client) -> tuple[int, dict]:
    response = client.get("/healthz", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    return response.status_code, json.loads(response.content)


@pytest.fixture
def outage_log():
    """The cache logger's once-a-minute filter, fresh, so this test sees its first warning."""
    for log_filter in logging.getLogger("portal.cache").filters:
        log_filter._last = float("-inf")


def test_the_site_goes_on_while_the_cache_server_is_down(
    client, home, cache_server, settings, caplog, outage_log
):
    settings.HEALTHZ_TOKEN = TOKEN
    space = make_space()
    member = make_member(space)
    thread = make_thread(space, author=member)
    visitor = Client()
    assert visitor.get("/academy/")["X-Page-Cache"] == "miss"
    assert visitor.get("/academy/")["X-Page-Cache"] == "hit"
    _sign_in(client, member)
    assert _health(client)[0] == 200

    cache_server.kill()
    with caplog.at_level(logging.WARNING, logger="portal.cache"):
        for path in ("/", "/academy/", "/community/"):
            response = visitor.get(path)
            assert response.status_code == 200 and response.get("X-Page-Cache") != "hit"
        # The signed-in session is read from the database.
        assert client.get(reverse("accounts:profile")).status_code == 200
        assert client.get(reverse("community:thread", args=[thread.pk])).status_code == 200
        response = client.post(
            reverse("community:reply", args=[thread.pk]), {"source": "Written during the outage."}
        )
        assert response.status_code == 302
        assert Post.objects.filter(thread=thread, source="Written during the outage.").exists()
        newcomer = Client()
        _sign_in(newcomer, UserFactory())
        assert newcomer.get(reverse("accounts:profile")).status_code == 200
        status, body = _health(client)
    assert status == 503 and body["checks"] == {"database": "ok", "cache": "error"}
    outage_warnings = [record for record in caplog.records if record.name == "portal.cache"]
    assert len(outage_warnings) == 1, "one warning a minute, however many calls failed"
    assert outage_warnings[0].levelname == "WARNING"
    assert "Cache server unavailable" in outage_warnings[0].getMessage()

    cache_server.start()
    assert _health(client)[0] == 200
    visitor.get("/academy/")
    assert visitor.get("/academy/")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("cache_up", [True, False], ids=["cache up", "cache down"])
def test_sign_in_limits_hold_only_while_the_cache_answers(client, cache_server, settings, cache_up):
    """As the README says: the sign-in limits live in the cache, so during an outage they are
    not enforced rather than locking everyone out."""
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS
    person = UserFactory()
    if not cache_up:
        cache_server.kill()
    for _attempt in range(6):
        client.post(reverse("account_login"), {"login": person.email, "password": "wrong"})
    response = client.post(
        reverse("account_login"), {"login": person.email, "password": DEFAULT_PASSWORD}
    )
    if cache_up:
        assert TOO_MANY in response.content.decode()
        assert "_auth_user_id" not in client.session
    else:
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(person.pk)
