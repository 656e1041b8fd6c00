"""Headers every response carries, and personal pages that no browser or proxy keeps."""

import logging

import pytest
from django.test import Client
from django.urls import reverse

from portal.core.middleware import PERMISSIONS_POLICY
from tests.factories import UserFactory
from tests.factories.cooperation_day import make_edition

pytestmark = pytest.mark.django_db


def test_every_response_carries_the_permissions_policy(client, home):
    for path in ("/", "/academy/", "/static/css/portal.css", "/healthz", "/no-such-page/"):
        assert client.get(path)["Permissions-Policy"] == PERMISSIONS_POLICY, path
    assert "camera=()" in PERMISSIONS_POLICY and "geolocation=(self)" in PERMISSIONS_POLICY


@pytest.mark.parametrize(
    "name",
    [
        "accounts:my_data",
        "accounts:profile",
        "notifications:centre",
        "academy:my_learning",
        "cooperation_day:my_events",
        "account_email",
    ],
)
def test_personal_pages_are_never_stored(client, home, name):
    client.force_login(UserFactory())
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_public_pages_and_feeds_keep_their_own_caching(client, home):
    assert "Cache-Control" not in client.get("/academy/")
    assert "no-store" in client.get(reverse("account_login"))["Cache-Control"]
    make_edition()
    client.force_login(UserFactory())
    feed = client.get(reverse("cooperation_day:events_ics"))
    assert feed.status_code == 200 and "public" in feed["Cache-Control"]


def test_a_request_without_the_proxy_header_is_reported_once(settings, caplog, home):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    client = Client()  # loads the middleware with the setting in force
    with caplog.at_level(logging.WARNING, logger="portal.proxy"):
        client.get("/")
        client.get("/academy/")
        client.get("/", HTTP_X_FORWARDED_FOR="198.51.100.7")
    warnings = [record for record in caplog.records if record.name == "portal.proxy"]
    assert len(warnings) == 1
    assert "without X-Forwarded-For" in warnings[0].getMessage()


def test_no_report_when_the_header_arrives(settings, caplog, home):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    with caplog.at_level(logging.WARNING, logger="portal.proxy"):
        Client().get("/", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert not [record for record in caplog.records if record.name == "portal.proxy"]
