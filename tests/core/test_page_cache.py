import pytest
from wagtail.models import PageViewRestriction

from portal.core.models import SiteChromeSettings
from portal.home.models import StandardPage
from portal.settings.base import redis_cache
from tests.factories import StandardPageFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def test_anonymous_page_is_served_from_cache_until_a_publish(client, home):
    page = StandardPageFactory(title="Cached guidance", slug="cached")
    first = client.get(page.url)
    second = client.get(page.url)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content

    page = StandardPage.objects.get(pk=page.pk)
    page.title = "Updated guidance"
    page.save_revision().publish()
    after_publish = client.get(page.url)
    assert after_publish["X-Page-Cache"] == "miss"
    assert b"Updated guidance" in after_publish.content


def test_publishing_one_page_refreshes_pages_that_show_it(client, home):
    assert b"Academy" in client.get("/").content
    assert client.get("/")["X-Page-Cache"] == "hit"
    academy = home.get_children().get(slug="academy").specific
    academy.title = "Interreg Academy"
    academy.save_revision().publish()
    assert b"Interreg Academy" in client.get("/").content


def test_unpublishing_and_deleting_invalidate_the_cache(client, home):
    page = StandardPageFactory(title="Short-lived", slug="short-lived")
    client.get("/search/")  # unrelated
    client.get(page.url)
    assert client.get(page.url)["X-Page-Cache"] == "hit"
    page.unpublish()
    assert client.get(page.url).status_code == 404
    other = StandardPageFactory(title="Removed soon", slug="removed")
    client.get(other.url)
    other.delete()
    assert client.get("/removed/").status_code == 404


def test_signed_in_visitors_get_the_shared_page_with_their_own_menu(client, home, user):
    client.force_login(user)
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert b"Sign out" in response.content
    # The shared copy never hands a signed-in menu to a visitor, nor the reverse.
    client.logout()
    anonymous = client.get("/")
    assert anonymous["X-Page-Cache"] == "hit"
    assert b"Sign out" not in anonymous.content


def test_restricted_pages_are_never_cached(client, home, user):
    page = StandardPageFactory(title="Members only", slug="members-only")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="open sesame"
    )
    form = client.get(page.url)
    assert form.status_code == 200
    assert "X-Page-Cache" not in form
    assert b"This page is protected" in form.content
    opened = client.post(
        form.context["action_url"], {"password": "open sesame", "return_url": page.url}
    )
    assert opened.status_code == 302
    assert b"Members only" in client.get(page.url).content
    assert "X-Page-Cache" not in client.get(page.url)


def test_pages_with_pending_messages_are_not_cached(client, home):
    session = client.session
    session["_messages"] = "pending"
    session.save()
    response = client.get("/")
    assert "X-Page-Cache" not in response


def test_restricting_a_cached_page_takes_it_out_of_the_cache_at_once(client, home):
    page = StandardPageFactory(title="Soon private", slug="soon-private")
    client.get(page.url)
    assert client.get(page.url)["X-Page-Cache"] == "hit"
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_cache_hit_skips_routing_and_the_database(client, home):
    client.get("/academy/")
    queries, response = count_queries(client.get, "/academy/")
    assert response["X-Page-Cache"] == "hit"
    assert queries == 0


def test_the_page_cache_steps_aside_when_the_cache_server_is_down(client, home, settings):
    # Wagtail itself keeps site root paths in the cache, so pages need it; but the page cache
    # in front of every view must not turn an outage into errors on views that do not.
    # Nothing listens on port 1.
    settings.CACHES = {"default": redis_cache("redis://127.0.0.1:1/0", key_prefix="down")}
    assert client.get("/robots.txt").status_code == 200
    assert client.get("/healthz").status_code == 503


def test_editing_the_footer_settings_refreshes_cached_pages(client, home):
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    chrome = SiteChromeSettings.objects.get()
    chrome.contact_email = "new-contact@example.org"
    chrome.save()
    assert b"new-contact@example.org" in client.get("/").content
