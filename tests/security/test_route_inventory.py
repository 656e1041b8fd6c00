from urllib.parse import urlparse

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client
from django.urls import reverse

from portal.accounts.models import Affiliation, Programme
from tests.factories import DEFAULT_PASSWORD
from tests.security.routes import (
    DEVELOPMENT_ONLY,
    LOGIN_ENTRY,
    PROGRAMME_ADMIN,
    PUBLIC,
    PUBLISHER,
    SIGNED_IN,
    STAFF,
    TOKEN,
    all_routes,
    rule_for,
)

ROUTES = all_routes()
LOGIN_PATH = "/accounts/login/"


def _ids(routes):
    return [route.label for route in routes]


def _redirects_to_login(response) -> bool:
    return response.status_code == 302 and urlparse(response["Location"]).path == LOGIN_PATH


def _ends_at_login(client, url) -> bool:
    """True when `url` sends the visitor, through any redirects, to the one sign-in form."""
    response = client.get(url, follow=True)
    return bool(response.redirect_chain) and (
        urlparse(response.redirect_chain[-1][0]).path == LOGIN_PATH
    )


def _routes(*rules):
    return [route for route in ROUTES if rule_for(route) in rules]


def test_every_url_has_an_access_rule():
    missing = [route.pattern for route in ROUTES if rule_for(route) is None]
    assert not missing, f"URLs without an access rule in tests/security/routes.py: {missing}"


# Wagtail's admin API is built on Django REST framework, whose views are marked exempt because
# its session authentication runs the CSRF check itself; the test below proves it does.
# Wagtail's admin API and wagtail-localize's segment editor are REST framework views: its
# session authentication checks the CSRF token itself.
CSRF_CHECKED_BY_REST_FRAMEWORK = ("wagtailadmin_api:", "wagtail_localize:")
# Wagtail's deliberate error page for administrators to test error reporting.
DELIBERATE_SERVER_ERRORS = {"/admin/failwhale/"}


# RFC 8058 one-click unsubscribe: mail clients POST without a form or token. The signed link is
# the credential, and the only thing the POST can do is stop one kind of e-mail.
CSRF_EXEMPT_BY_DESIGN = {"notifications:unsubscribe"}


def test_no_view_skips_csrf_protection():
    exempt = [
        route.label
        for route in ROUTES
        if getattr(route.callback, "csrf_exempt", False)
        and not route.label.startswith(CSRF_CHECKED_BY_REST_FRAMEWORK)
        and route.label not in CSRF_EXEMPT_BY_DESIGN
    ]
    assert exempt == []


@pytest.mark.django_db
def test_admin_api_actions_refuse_posts_without_a_csrf_token(home, superuser):
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)
    academy = home.get_children().get(slug="academy")
    url = reverse("wagtailadmin_api:pages:action", args=[academy.pk, "unpublish"])
    response = client.post(url, {}, content_type="application/json")
    assert response.status_code == 403
    assert b"CSRF" in response.content
    academy.refresh_from_db()
    assert academy.live


@pytest.mark.django_db
@pytest.mark.parametrize("route", _routes(PUBLIC), ids=_ids(_routes(PUBLIC)))
def test_public_urls_open_without_signing_in(client, home, route):
    response = client.get(route.url)
    assert response.status_code in (200, 301, 302, 404, 405), response.status_code
    assert not _redirects_to_login(response)


@pytest.mark.django_db
@pytest.mark.parametrize("route", _routes(DEVELOPMENT_ONLY), ids=_ids(_routes(DEVELOPMENT_ONLY)))
def test_development_only_urls_do_not_exist_outside_development(client, home, user, route):
    assert client.post(route.url).status_code == 404
    client.force_login(user)
    assert client.post(route.url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("route", _routes(TOKEN), ids=_ids(_routes(TOKEN)))
def test_secret_links_with_a_bad_token_are_refused_politely(client, home, route):
    response = client.get(route.url, follow=True)
    assert response.status_code in (200, 404)
    assert b"Traceback" not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("route", _routes(LOGIN_ENTRY), ids=_ids(_routes(LOGIN_ENTRY)))
def test_login_entry_points_lead_to_the_sign_in_form(client, home, route):
    assert _ends_at_login(client, route.url)


@pytest.mark.django_db
@pytest.mark.parametrize("route", _routes(SIGNED_IN), ids=_ids(_routes(SIGNED_IN)))
def test_signed_in_urls_need_an_account(client, home, user, route):
    assert _redirects_to_login(client.get(route.url))
    client.force_login(user)
    response = client.get(route.url)
    assert response.status_code in (200, 302, 404, 405)  # 404: nothing to act on; 405: POST only
    assert not _redirects_to_login(response)


@pytest.mark.django_db
@pytest.mark.parametrize("route", _routes(PROGRAMME_ADMIN), ids=_ids(_routes(PROGRAMME_ADMIN)))
def test_programme_admin_urls_are_closed_to_everyone_else(client, home, user, route):

    # The sample URL names the programme "1"; make it exist.
    programme = Programme.objects.create(
        name="Sample", acronym="S1", slug="1", strand="A", countries=["FR"]
    )
    assert _redirects_to_login(client.get(route.url))
    client.force_login(user)
    assert client.get(route.url).status_code == 403
    affiliation = Affiliation.objects.create(
        user=user, programme=programme, function="joint_secretariat", status="approved"
    )
    assert client.get(route.url).status_code == 403  # staff, but not an admin of it
    affiliation.is_programme_admin = True
    affiliation.save()  # as the admin saves it: the person's kept identity is dropped

    TOTP.activate(user, "JBSWY3DPEHPK3PXP")  # programme admins need a second factor
    assert client.get(route.url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("route", _routes(PUBLISHER), ids=_ids(_routes(PUBLISHER)))
def test_publishing_urls_are_closed_to_all_but_programme_publishers(client, home, user, route):
    assert _redirects_to_login(client.get(route.url))
    client.force_login(user)
    assert client.get(route.url).status_code in (403, 404)  # 404: nothing to act on
    programme = Programme.objects.create(
        name="Sample", acronym="S1", slug="1", strand="A", countries=["FR"]
    )
    Affiliation.objects.create(
        user=user, programme=programme, function="controller", status="approved"
    )
    assert client.get(route.url).status_code in (403, 404)  # staff, but not publishing
    Affiliation.objects.create(
        user=user, programme=programme, function="joint_secretariat", status="approved"
    )
    assert client.get(route.url).status_code in (200, 302, 404, 405)


@pytest.mark.django_db
def test_staff_urls_are_closed_to_visitors_and_members(client, home, user, superuser):
    """Every admin URL: anonymous → sign-in form; member → refused; admin → no server error."""
    staff_routes = _routes(STAFF)
    assert len(staff_routes) > 100
    failures = []
    for route in staff_routes:
        if not _ends_at_login(client, route.url):
            failures.append(f"anonymous {route.url}")
    client.force_login(user)
    for route in staff_routes:
        response = client.get(route.url)
        if response.status_code == 200:
            failures.append(f"member {route.url}: 200")
    client.force_login(superuser)
    for route in staff_routes:
        if route.url in DELIBERATE_SERVER_ERRORS:
            continue
        response = client.get(route.url)
        if response.status_code >= 500:
            failures.append(f"admin {route.url}: {response.status_code}")
    assert failures == []


@pytest.mark.django_db
def test_admin_home_opens_for_editors(client, home, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/login/", "/_util/login/"])
def test_no_second_login_form_accepts_passwords(client, home, superuser, url):
    response = client.post(url, {"username": superuser.email, "password": DEFAULT_PASSWORD})
    assert response.status_code in (302, 405)
    assert "_auth_user_id" not in client.session
