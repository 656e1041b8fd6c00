import json

import pytest
from django.contrib.auth.models import Group
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.models import PageViewRestriction

from portal.settings.base import redis_cache
from tests.factories import StandardPageFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_healthz_names_no_back_end_to_anonymous_callers(client, settings):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]
    settings.HEALTHZ_TOKEN = "monitoring-token"
    assert json.loads(client.get("/healthz", HTTP_AUTHORIZATION="Bearer wrong").content) == {
        "status": "ok"
    }


def test_healthz_details_are_for_staff_and_monitoring_with_the_token(client, settings):
    settings.HEALTHZ_TOKEN = "monitoring-token"
    monitored = json.loads(
        client.get("/healthz", HTTP_AUTHORIZATION="Bearer monitoring-token").content
    )
    assert monitored["checks"] == {"database": "ok", "cache": "ok"}
    assert {"cache_backend", "database_vendor"} <= monitored.keys()
    client.force_login(UserFactory(is_staff=True))
    assert json.loads(client.get("/healthz").content)["checks"]["database"] == "ok"


def test_healthz_fails_when_the_cache_does_not_answer(client, settings):
    settings.HEALTHZ_TOKEN = "monitoring-token"
    # Nothing listens on port 1. Changing the setting makes Django build a new cache
    # connection (setting_changed).
    settings.CACHES = {"default": redis_cache("redis://127.0.0.1:1/0", key_prefix="down")}
    response = client.get("/healthz", HTTP_AUTHORIZATION="Bearer monitoring-token")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["cache"] == "error"


def test_robots_txt_points_at_the_sitemap(client, settings):
    settings.SITE_BASE_URL = "https://portal.example.org"
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: https://portal.example.org/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_sitemap_lists_public_pages_only(client, home):
    restricted = StandardPageFactory(title="Members area", slug="members")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    content = response.content.decode()
    assert "/academy/</loc>" in content
    assert "/members/" not in content


def test_sitemap_addresses_start_with_the_portals_base_address(client, home, settings):
    content = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{settings.SITE_BASE_URL}/academy/</loc>" in content


def test_search_finds_pages_of_every_type(client, home):
    response = client.get(reverse("search"), {"q": "cooperation"})
    assert response.status_code == 200
    titles = {result.title for result in response.context["results"]}
    assert {"Cooperation Day", "Home"} & titles
    assert "Cooperation Day" in titles


def test_search_never_shows_pages_the_visitor_may_not_open(client, home, user):
    signed_in_only = StandardPageFactory(title="Zanzibar signed-in notes", slug="signed-in")
    PageViewRestriction.objects.create(
        page=signed_in_only, restriction_type=PageViewRestriction.LOGIN
    )
    finance = Group.objects.create(name="Finance officers")
    group_only = StandardPageFactory(title="Zanzibar finance notes", slug="finance")
    restriction = PageViewRestriction.objects.create(
        page=group_only, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(finance)
    child_of_restricted = StandardPageFactory(
        title="Zanzibar finance child", slug="finance-child", parent=group_only
    )
    password_page = StandardPageFactory(title="Zanzibar password notes", slug="password")
    PageViewRestriction.objects.create(
        page=password_page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    draft = StandardPageFactory(title="Zanzibar draft", slug="draft")
    draft.unpublish()

    def titles():
        response = client.get(reverse("search"), {"q": "Zanzibar"})
        assert response.status_code == 200
        return {result.title for result in response.context["results"]}

    assert titles() == set()
    client.force_login(user)
    assert titles() == {"Zanzibar signed-in notes"}
    user.groups.add(finance)
    assert titles() == {
        "Zanzibar signed-in notes",
        "Zanzibar finance notes",
        child_of_restricted.title,
    }


def test_search_without_query_shows_the_form_only(client, home):
    response = client.get(reverse("search"))
    assert response.status_code == 200
    assert response.context["results"] is None


def test_search_query_is_escaped_and_overlong_queries_are_cut(client, home):
    payload = '"><script>alert(1)</script>'
    response = client.get(reverse("search"), {"q": payload})
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;" in response.content
    response = client.get(reverse("search"), {"q": "a" * 500})
    assert response.status_code == 200
    assert b"limited to 200 characters" in response.content
    assert 'value="' + "a" * 200 + '"' in response.content.decode()


def test_search_pages_through_results(client, home):
    for number in range(12):
        StandardPageFactory(title=f"Quokka report {number}", slug=f"quokka-{number}")
    first = client.get(reverse("search"), {"q": "Quokka"})
    second = client.get(reverse("search"), {"q": "Quokka", "page": 2})
    assert len(first.context["results"]) == 10
    assert len(second.context["results"]) == 2
    assert b'rel="next"' in first.content
    out_of_range = client.get(reverse("search"), {"q": "Quokka", "page": "99"})
    assert out_of_range.status_code == 200
    assert out_of_range.context["results"].number == 2


def test_missing_page_renders_the_designed_404(client, home):
    response = client.get("/there-is-no-such-page/")
    assert response.status_code == 404
    assert b"We cannot find that page" in response.content
    assert b'action="/search/"' in response.content


def test_server_error_page_renders_without_context():
    html = render_to_string("500.html")
    assert "Something went wrong on our side" in html


@pytest.mark.parametrize(
    "query",
    ['"', '"unterminated', "a > b", "(", "NEAR(a b)", "x*", "col:x", "'", "-", "AND OR NOT"],
)
def test_search_syntax_characters_never_break_the_search(client, home, query):
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200


def test_public_pages_forbid_inline_scripts_and_only_the_admin_relaxes_it(client, home, superuser):
    public_policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in public_policy
    assert "unsafe-inline" not in public_policy
    assert "frame-ancestors 'self'" in public_policy
    client.force_login(superuser)
    admin_policy = client.get("/admin/")["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in admin_policy
    assert "unsafe-inline" not in client.get("/search/")["Content-Security-Policy"]


def test_sitemap_is_cached_until_the_next_publish(client, home):
    first = client.get("/sitemap.xml").content.decode()
    StandardPageFactory(title="Fresh page", slug="fresh")
    second = client.get("/sitemap.xml").content.decode()
    assert "/fresh/" not in first
    assert "/fresh/</loc>" in second
    assert client.get("/sitemap.xml")["Content-Type"].startswith("application/xml")


def test_signed_in_people_without_editor_access_are_told_so_at_the_admin(client, home):
    client.force_login(UserFactory())
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) == 1
    assert "your account is not one of them" in response.content.decode()


def test_visitors_reach_the_admin_through_the_one_sign_in_form(client, home):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/?next=")
    assert response.status_code == 200
