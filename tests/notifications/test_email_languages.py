"""Notification e-mails and digests are written in their recipient's language, whoever caused
them and in whatever language: the sentence is made when the e-mail is composed, and every
link in it leads to the recipient's language's address."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from portal.accounts.models import Profile
from portal.notifications import services as notifications
from portal.notifications.emails import address_in
from tests.catalogues import translated  # noqa: F401 -- a fixture
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _reader(*, language="", frequency=Profile.EmailFrequency.IMMEDIATELY):
    reader = UserFactory()
    Profile.objects.update_or_create(
        user=reader, defaults={"email_frequency": frequency, "interface_language": language}
    )
    return reader


def _links(message) -> list[str]:
    return re.findall(r"https?://[^/\s]+(/\S*)", message.body)


def _notify(recipient, actor):
    with translation.override("en"):  # the actor uses the portal in English
        url = reverse("notifications:centre")
    notifications.notify(
        recipients=[recipient],
        kind="membership",
        verb="invited",
        target="Finance",
        url=url,
        actor=actor,
    )


@pytest.mark.usefixtures("translated")
def test_a_notification_from_an_english_actor_to_a_polish_reader_is_composed_in_polish(
    outbox, committed
):
    reader = _reader(language="pl")
    actor = UserFactory(first_name="Ana", last_name="Lopez")
    with translation.override("en"):
        committed(_notify, recipient=reader, actor=actor)
    (message,) = outbox
    links = _links(message)
    assert links and all(link.startswith("/pl/") for link in links), links
    assert message.subject == "Ana Lopez zaprasza Cię do Finance"
    assert translation.get_language() == "en"  # composing left the actor's language alone


def test_a_reader_without_a_chosen_language_gets_the_default_one(outbox, committed):
    reader = _reader(language="")
    with translation.override("de"):  # whatever the actor's page was
        committed(_notify, recipient=reader, actor=UserFactory())
    (message,) = outbox
    links = _links(message)
    assert links and not any(re.match(r"^/[a-z]{2}/", link) for link in links), links


@pytest.mark.usefixtures("translated")
def test_a_digest_for_a_slovak_reader_is_in_slovak(outbox, committed):
    reader = _reader(language="sk", frequency=Profile.EmailFrequency.DAILY)
    with translation.override("fr"):
        _notify(reader, UserFactory())
    assert committed(notifications.digests_send, frequency="daily") == 1
    (digest,) = outbox
    assert "Toto sa udialo na portáli Interreg:" in digest.body
    links = _links(digest)
    assert links and all(link.startswith("/sk/") for link in links), links
    assert digest.extra_headers["List-Unsubscribe"].startswith("<http")
    assert "/sk/" in digest.extra_headers["List-Unsubscribe"]


def test_addresses_are_moved_to_the_recipients_language_from_any_other():
    assert address_in("/fr/academy/", "de") == "/de/academy/"
    assert address_in("/academy/?page=2#top", "pl") == "/pl/academy/?page=2#top"
    assert address_in("http://portal.test/sk/academy/", "en") == "http://portal.test/academy/"
    assert address_in("/documents/1/plan.pdf", "fr") == "/documents/1/plan.pdf"


def test_opening_a_notification_leads_to_its_page_in_the_readers_language(client):
    reader = _reader(language="de", frequency=Profile.EmailFrequency.NEVER)
    with translation.override("fr"):  # the actor used the portal in French
        url = reverse("notifications:centre")
    notifications.notify(
        recipients=[reader], kind="membership", verb="invited", target="Finance", url=url
    )
    client.force_login(reader)
    with translation.override("de"):
        opening = reverse("notifications:open", args=[reader.notifications.get().pk])
    response = client.post(opening)
    assert response.status_code == 302
    assert response["Location"] == "/de/notifications/"
