"""Account e-mails (allauth's) are written in the recipient's language: the one they chose,
else the page's for the person asking."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from portal.accounts.models import Profile
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _reset(client, email, language, capture):
    with translation.override(language):
        url = reverse("account_reset_password")
    with capture(execute=True):
        assert client.post(url, {"email": email}).status_code == 302


def test_a_password_reset_for_a_french_person_asked_from_an_english_page_is_french(
    client, home, mailoutbox, django_capture_on_commit_callbacks
):
    person = UserFactory()
    Profile.objects.update_or_create(user=person, defaults={"interface_language": "fr"})
    _reset(client, person.email, "en", django_capture_on_commit_callbacks)
    (message,) = mailoutbox
    assert "E-mail de réinitialisation de mot de passe" in message.subject
    assert re.search(r"https?://[^/\s]+/fr/accounts/password/reset/key/", message.body)


def test_a_person_without_a_chosen_language_gets_the_pages(
    client, home, mailoutbox, django_capture_on_commit_callbacks
):
    person = UserFactory()
    _reset(client, person.email, "fr", django_capture_on_commit_callbacks)
    (message,) = mailoutbox
    assert "réinitialisation" in message.subject
    assert "/fr/accounts/password/reset/key/" in message.body
