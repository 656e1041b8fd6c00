"""What organisers and attendees type is shown back as text (or sanitised HTML), never run."""

import json
import re

import pytest
from django.urls import reverse

from campaigns.models import Event, EventAttendee
from tests.core.test_sanitize import XSS_PAYLOADS
from tests.factories.campaigns import make_event

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert(1)</script><img src=x onerror="alert(1)">'
TEXT_FIELDS = ("title", "organiser_organisation", "project_name", "venue", "address", "audience",
               "accessibility", "image_credit")  # fmt: skip


def _no_live_markup(html: str) -> None:
    assert "<script>alert(1)" not in html
    assert "<img src=x onerror" not in html and 'onerror="alert' not in html


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_descriptions_are_sanitised_when_stored(client, edition, programme, organiser, payload):
    client.force_login(organiser)
    data = {
        "title": "T",
        "description": payload,
        "format": "in_person",
        "booking": "drop_in",
        "time_zone": "Europe/Vienna",
        "expected_participants": "0",
        "action": "draft",
    }
    client.post(reverse("campaigns:event_create"), data)
    stored = Event.objects.get().description.lower()
    for dangerous in ("<script", "onerror", "onload", "javascript:", "<iframe", "<svg"):
        assert dangerous not in stored


def test_text_fields_stay_text_on_every_page_that_shows_them(
    client, edition, programme, organiser, moderator
):
    event = make_event(
        edition, programme, organiser, status="submitted", show_contact=True,
        contact_email="ask@example.org", **dict.fromkeys(TEXT_FIELDS, PAYLOAD[:150]),
    )  # fmt: skip
    EventAttendee.objects.create(event=event, name=PAYLOAD, email="a@example.org")
    client.force_login(moderator)
    _no_live_markup(client.get(reverse("campaigns_admin:queue")).content.decode())
    _no_live_markup(client.get(reverse("campaigns_admin:review", args=[event.pk])).content.decode())
    Event.objects.filter(pk=event.pk).update(status="published")
    client.force_login(organiser)
    pages = [
        reverse("campaigns:event_detail", args=[event.public_id]),
        reverse("campaigns:my_events"),
        reverse("campaigns:event_attendees", args=[event.public_id]),
        reverse("campaigns:event_edit", args=[event.public_id]),
        "/cooperation-day/",
    ]
    for url in pages:
        _no_live_markup(client.get(url).content.decode())
    detail = client.get(pages[0]).content.decode()
    data = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', detail, re.S)
    assert "</script>" not in data.group(1)
    assert json.loads(data.group(1))["name"] == event.title  # escaped, yet the same text
    feed = client.get(reverse("campaigns:events_geojson")).content.decode()
    assert json.loads(feed)["features"][0]["properties"]["title"] == event.title
