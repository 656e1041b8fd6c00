"""Events carry the language their organiser wrote them in, and attendees the language they
signed up in: pages mark the organiser's text with its `lang`, e-mails to attendees are
written in theirs."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from campaigns.cooperation_day import services
from campaigns.cooperation_day.forms import EventForm
from campaigns.cooperation_day.models import EventAttendee
from portal.core.capacity import PlaceStatus
from tests.catalogues import translated  # noqa: F401 -- a fixture
from tests.factories.cooperation_day import make_event

pytestmark = pytest.mark.django_db


def _confirm_link(message) -> str:
    match = re.search(r"/cooperation-day/sign-up/(\S+)/confirm/", message.body)
    assert match, message.body
    return match.group(1)


@pytest.mark.usefixtures("translated")
def test_an_attendee_who_signed_up_in_german_gets_every_e_mail_in_german(
    committed, outbox, small_event
):
    with translation.override("de"):
        committed(services.sign_up_request, event=small_event, name="Jana", email="j@example.org")
    asked = outbox[-1]
    assert "/de/cooperation-day/sign-up/" in asked.body
    # Confirmed from a page in another language: the sign-up keeps the language it began in.
    with translation.override("en"):
        attendee, _created = committed(services.sign_up_confirm, token=_confirm_link(asked))
    assert attendee.language == "de"
    confirmed = outbox[-1]
    with translation.override("de"):
        when = date_format(small_event.local_starts_at, "DATETIME_FORMAT")
    assert when.startswith(f"{small_event.local_starts_at.day}. ")  # German date order
    assert f"Wann: {when}" in confirmed.body
    assert f"/de/cooperation-day/sign-up/{attendee.cancel_token}/cancel/" in confirmed.body
    assert f"/de/cooperation-day/events/{small_event.public_id}/" in confirmed.body
    outbox.clear()
    sent = committed(
        services.attendee_reminders_send, now=small_event.starts_at - timedelta(hours=2)
    )
    assert sent == 1
    assert when in outbox[-1].body and "/de/cooperation-day/" in outbox[-1].body


def test_an_attendee_who_signed_up_in_english_gets_english(committed, outbox, small_event):
    with translation.override("en"):
        committed(services.sign_up_request, event=small_event, name="Ann", email="a@example.org")
        attendee, _created = committed(services.sign_up_confirm, token=_confirm_link(outbox[-1]))
    assert attendee.language == "en"
    assert attendee.status == PlaceStatus.CONFIRMED
    assert not re.search(r"https?://[^/\s]+/[a-z]{2}/", outbox[-1].body)


def test_a_promoted_attendee_is_told_in_the_language_they_signed_up_in(
    committed, outbox, small_event
):
    holders = [
        EventAttendee.objects.create(
            event=small_event, name=f"P{n}", email=f"p{n}@example.org", language="en"
        )
        for n in range(2)
    ]
    waiting = EventAttendee.objects.create(
        event=small_event,
        name="Marek",
        email="m@example.org",
        language="sk",
        status=PlaceStatus.WAITLISTED,
    )
    committed(services.sign_up_cancel, attendee=holders[0])
    (message,) = outbox
    assert message.to == [waiting.email]
    assert "/sk/cooperation-day/" in message.body


def test_the_event_form_starts_in_the_organisers_language_and_an_event_keeps_its_own(
    edition, programme, organiser
):
    with translation.override("sl"):
        assert EventForm(edition=edition).initial["language"] == "sl"
        options = EventForm(edition=edition)["language"].as_widget()
    assert '<option value="sl" selected lang="sl">slovenščina</option>' in options
    existing = make_event(edition, programme, organiser, language="it")
    with translation.override("sl"):
        form = EventForm(instance=existing, edition=edition)
    assert form["language"].value() == "it"


def test_an_event_page_marks_the_organisers_words_with_their_language(
    client, edition, programme, organiser
):
    event = make_event(
        edition, programme, organiser, title="Dan odprtih vrat", language="sl", venue="Trg"
    )
    page = client.get(reverse("cooperation_day:event_detail", args=[event.public_id]))
    html = page.content.decode()
    assert '<h1 lang="sl">Dan odprtih vrat</h1>' in html
    assert '<div class="prose" lang="sl">' in html
    assert 'lang="sl"' in re.search(r'<p class="event-detail__address"[^>]*>', html).group(0)


def test_the_map_data_carries_each_events_language_and_its_dates_in_the_pages(
    client, edition, programme, organiser
):
    event = make_event(edition, programme, organiser, title="Festa", language="it")
    with translation.override("fr"):
        url = reverse("cooperation_day:events_geojson")
        french_when = date_format(event.local_starts_at, "DATETIME_FORMAT")
    assert url.startswith("/fr/")
    (feature,) = client.get(url).json()["features"]
    assert feature["properties"]["language"] == "it"
    assert feature["properties"]["when"] == french_when
    with translation.override("en"):
        url = reverse("cooperation_day:events_geojson")
    (english,) = client.get(url).json()["features"]
    assert english["properties"]["when"] != french_when  # each language built on its own
