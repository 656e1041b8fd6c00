"""The signed-in account menu is rendered once per language and filled in for each person:
their name escaped, their unread count in their language's digits, their own CSRF token."""

import re

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from portal.accounts.pieces import account_menu
from portal.notifications import services as notifications
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _menu_for(user, language="en"):
    request = RequestFactory().get("/")
    request.user = user
    with translation.override(language):
        return str(account_menu(request))


def test_a_name_written_as_markup_is_shown_as_text():
    person = UserFactory(first_name="<script>alert(1)</script>", last_name="O'Brien & Co")
    menu = _menu_for(person)
    assert "<script>alert(1)" not in menu
    assert "&lt;script&gt;alert(1)&lt;/script&gt; O&#x27;Brien &amp; Co" in menu


def test_each_person_gets_their_own_name_count_and_token_in_their_language():
    ana = UserFactory(first_name="Ana", last_name="Horvat")
    ben = UserFactory(first_name="Ben", last_name="Weber")
    for _ in range(3):
        notifications.notify(
            recipients=[ana], kind="membership", verb="request_declined", target="X", url="/"
        )
    ana_menu = _menu_for(ana, "de")
    ben_menu = _menu_for(ben, "de")
    assert "Ana Horvat" in ana_menu and "Ben Weber" not in ana_menu
    assert "Ben Weber" in ben_menu and "Ana Horvat" not in ben_menu
    assert 'notification-link__count">3' in ana_menu
    assert "notification-link__count" not in ben_menu
    with translation.override("de"):
        assert f'href="{reverse("accounts:profile")}"' in ana_menu
    assert "Abmelden" in ana_menu  # "Sign out", in German
    ana_token = CSRF_FIELD.search(ana_menu).group(1)
    ben_token = CSRF_FIELD.search(ben_menu).group(1)
    assert ana_token != ben_token
    assert "portal-account-menu" not in ana_menu + ben_menu


def test_signing_out_with_the_menus_token_works(home):
    person = UserFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    page = client.get("/").content.decode()
    menu = page[page.index('class="account-menu"') :]
    token = CSRF_FIELD.search(menu).group(1)
    response = client.post(reverse("account_logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
