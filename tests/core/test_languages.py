"""Every address says its language; a visitor without one is sent to theirs; a choice is
remembered in the browser and, for people who sign in, in their profile."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from portal.accounts.models import Profile
from portal.core.languages import (
    SESSION_LANGUAGE_KEY,
    language_codes,
    path_in_language,
    split_language_prefix,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EU_LANGUAGES = {
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr",
    "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
}  # fmt: skip


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def test_the_portal_speaks_the_24_official_languages_maltese_included():
    assert set(language_codes()) == EU_LANGUAGES
    assert translation.get_language_info("mt")["name_local"] == "Malti"
    assert translation.check_for_language("mt")


@pytest.mark.parametrize(
    ("path", "language", "bare"),
    [
        ("/fr/academy/", "fr", "/academy/"),
        ("/mt/", "mt", "/"),
        ("/academy/", "en", "/academy/"),
        ("/en/academy/", "en", "/en/academy/"),  # English has no prefix
        ("/xx/academy/", "en", "/xx/academy/"),
    ],
)
def test_an_address_says_its_language(path, language, bare):
    assert split_language_prefix(path) == (language, bare)


def test_addresses_move_between_languages_by_their_prefix():
    assert path_in_language("/academy/", "sk") == "/sk/academy/"
    assert path_in_language("/sk/academy/", "de") == "/de/academy/"
    assert path_in_language("/sk/academy/", "en") == "/academy/"
    assert path_in_language("/admin/pages/", "fr") == "/admin/pages/"


def test_each_language_answers_under_its_prefix_in_its_own_language(client, home):
    for code in ("de", "el", "mt", "ga"):
        response = client.get(f"/{code}/search/")
        assert response.status_code == 200
        assert html_lang(response) == code
        assert response["Content-Language"] == code
    assert html_lang(client.get("/search/")) == "en"


def test_a_first_visit_follows_the_browser_language(client, home):
    response = client.get("/search/?q=cooperation", HTTP_ACCEPT_LANGUAGE="sk-SK,sk;q=0.9,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/sk/search/?q=cooperation"
    assert "Accept-Language" in response["Vary"]
    # A language the portal does not speak is passed over for the next one it does.
    response = client.get("/search/", HTTP_ACCEPT_LANGUAGE="ru,de;q=0.8")
    assert response["Location"] == "/de/search/"
    # English, or nothing the portal speaks: the address stays as it is.
    assert client.get("/search/", HTTP_ACCEPT_LANGUAGE="en-GB,ru").status_code == 200
    assert client.get("/search/", HTTP_ACCEPT_LANGUAGE="ja").status_code == 200


def test_addresses_outside_the_languages_are_never_redirected(client, home):
    for path in ("/robots.txt", "/healthz", "/admin/"):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="fr")
        assert not response.get("Location", "").startswith("/fr/"), path


def test_a_form_sent_to_an_address_without_prefix_is_not_redirected(client, home):
    response = client.post("/search/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 405  # the search only answers GET, in English


def test_the_switcher_remembers_the_choice_and_keeps_the_page(client, home):
    response = client.get("/language/sk/?next=/de/search/%3Fq%3Dmap")
    assert response.status_code == 302
    assert response["Location"] == "/sk/search/?q=map"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "sk"
    # From now on, an address without prefix opens in Slovak, whatever the browser says.
    response = client.get("/search/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Location"] == "/sk/search/"
    # Choosing English brings the addresses without prefix back.
    client.get("/language/en/?next=/sk/search/")
    assert client.get("/search/", HTTP_ACCEPT_LANGUAGE="fr").status_code == 200


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "", "academy/"]
)
def test_the_switcher_goes_nowhere_but_the_portal(client, home, target):
    response = client.get("/language/fr/", {"next": target})
    assert response["Location"] == "/fr/"


def test_the_switcher_refuses_a_language_the_portal_does_not_speak(client, home):
    assert client.get("/language/xx/?next=/").status_code == 404


def test_a_signed_in_choice_is_kept_in_the_profile(client, home):
    user = UserFactory()
    client.force_login(user)
    client.get("/language/pl/?next=/search/")
    assert Profile.objects.get(user=user).interface_language == "pl"
    assert client.session[SESSION_LANGUAGE_KEY] == "pl"


def test_signing_in_brings_the_profile_language_to_a_new_device(client, home):
    user = UserFactory(password="a long and good passphrase")
    Profile.objects.update_or_create(user=user, defaults={"interface_language": "hr"})
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": "a long and good passphrase"},
    )
    assert response.status_code == 302
    assert client.session[SESSION_LANGUAGE_KEY] == "hr"
    assert client.get("/search/", HTTP_ACCEPT_LANGUAGE="fr")["Location"] == "/hr/search/"


def test_a_choice_made_before_signing_in_becomes_the_profile_language(client, home):
    user = UserFactory(password="a long and good passphrase")
    client.get("/language/lt/?next=/")
    client.post(
        reverse("account_login"),
        {"login": user.email, "password": "a long and good passphrase"},
    )
    assert Profile.objects.get(user=user).interface_language == "lt"


def test_the_switcher_names_each_language_in_itself_and_keeps_the_page(client, home):
    html = client.get("/fr/search/?q=map").content.decode()
    assert "q%3Dmap" not in html  # the query is added by the switcher's script
    menu = html[html.index('class="language-menu"') :]
    menu = menu[: menu.index("</details>")]
    link = '<a href="/language/de/?next=%2Fde%2Fsearch%2F" lang="de" hreflang="de"'
    assert link in menu
    assert ">Malti</a>" in menu and ">Deutsch</a>" in menu and ">ελληνικά</a>" in menu
    assert len(re.findall(r"<a href=", menu)) == 24
    assert re.search(r'lang="fr" hreflang="fr" data-language-switch\s+aria-current="true"', menu)


def test_pages_list_their_other_languages_for_search_engines(client, home):
    html = client.get("/fr/search/").content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))
    assert len(alternates) == 25  # 24 languages and the default for everyone else
    assert alternates["de"].endswith("/de/search/")
    assert alternates["x-default"] == alternates["en"]
    assert alternates["en"].endswith("/search/") and "/en/" not in alternates["en"]


def test_robots_keep_crawlers_out_of_accounts_and_search_in_every_language(client, home):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /accounts/" in text and "Disallow: /mt/search/" in text


def test_signing_up_keeps_the_language_of_the_sign_up_page(client, home):
    response = client.post(
        "/de/accounts/signup/",
        {
            "email": "anna@example.eu",
            "password1": "a long and good passphrase",
            "password2": "a long and good passphrase",
            "accept_privacy_notice": "on",
        },
    )
    assert response.status_code in (200, 302)
    profile = Profile.objects.filter(user__email="anna@example.eu").first()
    assert profile is not None, response.content.decode()[:2000]
    assert profile.interface_language == "de"
