"""Failed sign-ins are limited per account and address, without locking the owner out."""

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from portal.settings import base
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
ATTACKER = "203.0.113.5"
OWNER = "198.51.100.7"
TOO_MANY = "Too many failed login attempts"


@pytest.fixture
def rate_limits(settings):
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS
    return settings


def attempt(client, email, password, address):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=address
    )


def test_guessing_is_stopped_but_the_owner_still_signs_in_elsewhere(client, home, rate_limits):
    owner = UserFactory(email="owner@example.org")
    for _ in range(5):
        response = attempt(client, owner.email, "wrong guess", ATTACKER)
        assert response.status_code == 200
        assert TOO_MANY not in response.content.decode()
    blocked = attempt(client, owner.email, DEFAULT_PASSWORD, ATTACKER)
    assert TOO_MANY in blocked.content.decode()
    assert "_auth_user_id" not in client.session

    elsewhere = Client()
    response = attempt(elsewhere, owner.email, DEFAULT_PASSWORD, OWNER)
    assert response.status_code == 302
    assert elsewhere.session["_auth_user_id"] == str(owner.pk)


def test_one_address_cannot_try_many_accounts(client, home, rate_limits):
    limit = int(django_settings.ACCOUNT_RATE_LIMITS["login_failed"].split("/")[0])
    for number in range(limit):
        attempt(client, f"target{number}@example.org", "guess", ATTACKER)
    response = attempt(client, "another@example.org", "guess", ATTACKER)
    assert response.status_code == 429 or TOO_MANY in response.content.decode()


def test_known_and_unknown_addresses_get_the_same_answers(client, home, rate_limits):
    UserFactory(email="known@example.org")
    known = attempt(client, "known@example.org", "wrong", "192.0.2.1")
    unknown = attempt(client, "unknown@example.org", "wrong", "192.0.2.2")
    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].errors == unknown.context["form"].errors
    for _ in range(5):
        attempt(client, "known@example.org", "wrong", "192.0.2.3")
        attempt(client, "unknown@example.org", "wrong", "192.0.2.3")
    known = attempt(client, "known@example.org", "wrong", "192.0.2.3")
    unknown = attempt(client, "unknown@example.org", "wrong", "192.0.2.3")
    assert known.context["form"].errors == unknown.context["form"].errors
    reset_known = client.post(reverse("account_reset_password"), {"email": "known@example.org"})
    reset_unknown = client.post(reverse("account_reset_password"), {"email": "unknown@example.org"})
    assert reset_known.status_code == reset_unknown.status_code == 302
    assert reset_known["Location"] == reset_unknown["Location"]


def test_the_wagtail_admin_login_is_the_same_protected_form(client, home, rate_limits):
    editor = UserFactory(email="editor@example.org", is_staff=True, wagtail_admin=True)
    for _ in range(5):
        client.post(
            "/admin/login/?next=/admin/",
            {"username": editor.email, "password": "x"},
            REMOTE_ADDR=ATTACKER,
        )
        attempt(client, editor.email, "wrong", ATTACKER)
    blocked = attempt(client, editor.email, DEFAULT_PASSWORD, ATTACKER)
    assert blocked.status_code == 429 or TOO_MANY in blocked.content.decode()
    if blocked.status_code == 429:
        assert "Too many attempts" in blocked.content.decode()  # the designed page
    assert "_auth_user_id" not in client.session
