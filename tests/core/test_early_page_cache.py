"""An anonymous visitor's request for a shared page is answered before sessions,
authentication, language resolution and routing run, with the headers the page was sent with."""

import gzip
import re

import pytest
from django.conf import settings
from django.test import Client

from portal.home.models import StandardPage
from tests.factories import StandardPageFactory, UserFactory
from tests.helpers import count_cache_calls, signed_in_client

pytestmark = pytest.mark.django_db

CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def _answered_early(response) -> bool:
    # Nothing after EarlyPageCacheMiddleware ran: no session was opened, no user looked up.
    request = response.wsgi_request
    return not hasattr(request, "session") and not hasattr(request, "user")


def _headers(response) -> dict[str, str]:
    return {name: value for name, value in response.headers.items() if name != "X-Page-Cache"}


def test_an_anonymous_repeat_visit_is_answered_early_with_the_pages_own_headers(home):
    page = StandardPageFactory(title="Early guidance", slug="early")
    first = Client().get(page.url)
    assert first["X-Page-Cache"] == "miss" and not _answered_early(first)

    early = Client().get(page.url)
    # A stale session cookie takes the visitor through the whole stack to the same copy.
    late_client = Client()
    late_client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"
    late = late_client.get(page.url)

    assert _answered_early(early)
    assert not _answered_early(late)
    assert early["X-Page-Cache"] == late["X-Page-Cache"] == "hit"
    assert early.content == late.content == first.content
    assert _headers(early) == _headers(late) == _headers(first)
    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "Referrer-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Vary",
        "Content-Language",
        "Content-Length",
    ):
        assert early[header], header


def test_the_early_answer_costs_no_query(home, django_assert_num_queries):
    page = StandardPageFactory(title="Early guidance", slug="early")
    Client().get(page.url)
    with django_assert_num_queries(0):
        early = Client().get(page.url)
        head = Client().head(page.url)
    assert _answered_early(early) and _answered_early(head)
    assert head["Content-Length"] == early["Content-Length"]


def test_the_early_answer_reads_the_version_and_the_page_in_one_trip_to_the_cache(
    home, monkeypatch
):
    page = StandardPageFactory(title="Early guidance", slug="early")
    Client().get(page.url)
    calls = count_cache_calls(monkeypatch)
    early = Client().get(page.url)
    assert _answered_early(early) and b"Early guidance" in early.content
    assert [method for method, _key in calls] == ["get_many"], calls


def test_a_visitor_whose_browser_accepts_gzip_gets_the_page_compressed_once(home, monkeypatch):
    page = StandardPageFactory(title="Early guidance", slug="early")
    accepts_gzip = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
    first = Client().get(page.url, **accepts_gzip)

    def compress_again(*args, **kwargs):
        raise AssertionError("A kept page is compressed when kept, never when answered.")

    monkeypatch.setattr(gzip, "compress", compress_again)
    compressed = Client().get(page.url, **accepts_gzip)
    plain = Client().get(page.url)
    person = signed_in_client(UserFactory()).get(page.url, **accepts_gzip)

    assert _answered_early(compressed) and _answered_early(plain)
    assert "Content-Encoding" not in first and "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content == first.content
    assert compressed["Content-Length"] == str(len(compressed.content))
    assert len(compressed.content) * 3 < len(plain.content)
    for response in (first, compressed, plain, person):
        assert "Accept-Encoding" in response["Vary"]
    # Each signed-in person's page is filled in for them, as it is.
    assert person["X-Page-Cache"] == "hit" and "Content-Encoding" not in person
    assert b"Early guidance" in person.content


def test_a_signed_in_person_never_gets_the_visitors_copy(home):
    page = StandardPageFactory(title="Early guidance", slug="early")
    Client().get(page.url)
    person = Client()
    person.force_login(UserFactory())
    response = person.get(page.url)
    assert not _answered_early(response)
    assert response.wsgi_request.user.is_authenticated
    assert b"Sign out" in response.content
    assert response["Cache-Control"] == "private, no-store"


def test_pending_messages_and_posts_take_the_whole_stack(home):
    page = StandardPageFactory(title="Early guidance", slug="early")
    Client().get(page.url)
    with_messages = Client()
    with_messages.cookies["messages"] = "pending"
    assert not _answered_early(with_messages.get(page.url))
    assert not _answered_early(Client().post(page.url))


def test_language_versions_never_mix(home):
    Client().get("/")
    Client().get("/fr/")
    english, french = Client().get("/"), Client().get("/fr/")
    assert _answered_early(english) and _answered_early(french)
    assert english["Content-Language"] == "en" and french["Content-Language"] == "fr"
    assert b'<html lang="fr">' in french.content and b'<html lang="en">' in english.content
    # A first visit asking for French is sent to the French address, as without the cache.
    asking = Client(headers={"accept-language": "fr"}).get("/")
    assert asking.status_code == 302 and asking["Location"] == "/fr/"
    chosen = Client()
    chosen.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    assert chosen.get("/")["Location"] == "/de/"


def test_a_publish_is_never_answered_with_the_old_copy(home):
    page = StandardPageFactory(title="Early guidance", slug="early")
    Client().get(page.url)
    assert b"Early guidance" in Client().get(page.url).content
    page = StandardPage.objects.get(pk=page.pk)
    page.title = "Revised guidance"
    page.save_revision().publish()
    after = Client().get(page.url)
    assert after["X-Page-Cache"] == "miss"
    assert b"Revised guidance" in after.content
    again = Client().get(page.url)
    assert _answered_early(again) and b"Revised guidance" in again.content


@pytest.mark.urls("tests.core.shared_form_urls")
def test_a_form_answered_early_hands_the_visitor_a_working_csrf_token(home):
    Client().get("/shared-form/")
    visitor = Client(enforce_csrf_checks=True)
    tokens = []
    for _visit in range(2):
        page = visitor.get("/shared-form/")
        assert _answered_early(page)
        # As CsrfViewMiddleware does: the cookie is set, or renewed, with every token.
        assert settings.CSRF_COOKIE_NAME in page.cookies
        tokens.append(CSRF_FIELD.search(page.content).group(1).decode())
    assert tokens[0] != tokens[1]  # masked afresh, as every response does
    posted = visitor.post("/shared-form/", {"csrfmiddlewaretoken": tokens[1]})
    assert posted.status_code == 200 and posted.content == b"posted"
    other = Client(enforce_csrf_checks=True)
    other.get("/shared-form/")
    assert other.post("/shared-form/", {"csrfmiddlewaretoken": tokens[1]}).status_code == 403
