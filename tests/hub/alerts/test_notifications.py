"""Alerts are a kind of notification like the others: offered in the e-mail preferences,
stopped with the one-click link of their e-mails, shown with a sentence in the reader's
language naming the item and the saved search."""

import pytest
from django.urls import reverse
from django.utils import translation

from portal.notifications.emails import unsubscribe_token
from portal.notifications.models import EmailOptOut, Notification
from portal.notifications.services import Notice, notify_each
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ALERTS = Notification.Kind.ALERTS


def test_the_preferences_offer_alert_e_mails(client):
    person = UserFactory()
    client.force_login(person)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "Calls and vacancies matching my saved searches" in page

    client.post(
        reverse("notifications:preferences"),
        {"email_frequency": "immediately", "kinds": ["mention"]},
    )
    assert EmailOptOut.objects.filter(user=person, kind=ALERTS).exists()


def test_the_one_click_link_stops_alert_e_mails(client):
    person = UserFactory()
    url = reverse("notifications:unsubscribe", args=[unsubscribe_token(user=person, kind=ALERTS)])

    assert "Calls and vacancies matching my saved searches" in client.get(url).content.decode()
    client.post(url)

    assert EmailOptOut.objects.filter(user=person, kind=ALERTS).exists()


@pytest.mark.parametrize(
    ("verb", "sentence"),
    [
        ("alert_opened", "Now open: “Fourth call”, which matches your saved search “Health”"),
        ("alert_closing", "Closing soon: “Fourth call”, which matches your saved search “Health”"),
        ("alert_published", "New: “Fourth call”, which matches your saved search “Health”"),
        ("alert_matched", "“Fourth call” matches your saved search “Health”"),
    ],
)
def test_each_occasion_has_its_sentence(verb, sentence):
    person = UserFactory()
    notice = Notice(recipient=person, verb=verb, target="Fourth call", detail="Health", url="/")
    (notification,) = notify_each(kind=ALERTS, notices=[notice])
    with translation.override("en"):
        assert Notification.objects.get(pk=notification.pk).title == sentence


def test_notify_each_reads_preferences_once_and_inserts_once(django_assert_num_queries):
    people = [UserFactory() for _ in range(5)]
    notices = [
        Notice(recipient=person, verb="alert_opened", target=f"Call {n}", detail="All", url="/")
        for n, person in enumerate(people)
    ]
    with django_assert_num_queries(3):  # frequencies, opt-outs, one insert
        created = notify_each(kind=ALERTS, notices=notices)
    assert [item.target for item in created] == [f"Call {n}" for n in range(5)]
