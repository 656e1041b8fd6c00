"""Who may open what in Cooperation Day, and text that people typed stays text on every page that
shows it."""

import csv
import io
import json
import re

import pytest
from django.urls import reverse

from campaigns.cooperation_day.models import (
    Event,
    EventAttendee,
    ProgrammeParticipation,
)
from tests.core.test_sanitize import XSS_PAYLOADS
from tests.factories import ProgrammeFactory, UserFactory
from tests.factories.cooperation_day import make_event, make_moderator

pytestmark = pytest.mark.django_db


def test_registering_needs_an_account(client, edition):
    response = client.get(reverse("cooperation_day:event_create"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_only_the_organiser_opens_or_edits_an_event(client, edition, programme, organiser):
    event = make_event(edition, programme, organiser, status=Event.Status.DRAFT)
    client.force_login(UserFactory())
    for name in ("event_edit", "event_attendees", "event_report"):
        assert (
            client.get(reverse(f"cooperation_day:{name}", args=[event.public_id])).status_code
            == 404
        )
    assert (
        client.post(reverse("cooperation_day:event_submit", args=[event.public_id])).status_code
        == 404
    )


def test_unpublished_events_are_seen_by_their_organiser_and_moderators_only(
    client, edition, programme, organiser
):
    event = make_event(edition, programme, organiser, status=Event.Status.SUBMITTED)
    url = reverse("cooperation_day:event_detail", args=[event.public_id])
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(organiser)
    assert "Preview" in client.get(url).content.decode()
    client.force_login(make_moderator("in-scope@example.org", countries=["SK"]))
    assert client.get(url).status_code == 200
    client.force_login(make_moderator("out-of-scope@example.org", countries=["FR"]))
    assert client.get(url).status_code == 404


def test_only_the_organiser_sees_and_exports_attendees(
    client, edition, programme, organiser, moderator, superuser
):
    event = make_event(edition, programme, organiser, booking="sign_up", capacity=10)
    EventAttendee.objects.create(event=event, name="=HYPERLINK(1)", email="ana@example.org")
    url = reverse("cooperation_day:event_attendees", args=[event.public_id])
    for someone in (UserFactory(), moderator, superuser):
        client.force_login(someone)
        assert client.get(url).status_code == 404
    client.force_login(organiser)
    assert "ana@example.org" in client.get(url).content.decode()
    export = client.get(url + "?format=csv")
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert rows[1][:2] == ["'=HYPERLINK(1)", "ana@example.org"]


def test_people_without_a_programme_cannot_register_one(client, edition, programme):
    client.force_login(UserFactory())
    page = client.get(reverse("cooperation_day:participation")).content.decode()
    assert "Only approved staff of a programme can register it." in page
    response = client.post(
        reverse("cooperation_day:participation"),
        {
            "programme": programme.pk,
            "contact_name": "X",
            "contact_email": "x@example.org",
            "expected_events": "1",
            "support_wanted": "none",
        },
    )
    assert response.status_code == 200
    assert not ProgrammeParticipation.objects.exists()


def test_the_queue_shows_a_moderator_only_their_scope(client, edition, organiser):
    austrian = ProgrammeFactory(countries=["AT"])
    french = ProgrammeFactory(countries=["FR"])
    ours = make_event(
        edition, austrian, organiser, status="submitted", countries=["AT"], title="Austrian event"
    )
    make_event(
        edition, french, organiser, status="submitted", countries=["FR"], title="French event"
    )
    client.force_login(make_moderator("at@example.org", countries=["AT"]))
    html = client.get(reverse("cooperation_day_admin:queue")).content.decode()
    assert "Austrian event" in html and "French event" not in html
    french_event = Event.objects.get(title="French event")
    assert (
        client.get(reverse("cooperation_day_admin:review", args=[french_event.pk])).status_code
        == 302
    )
    assert client.get(reverse("cooperation_day_admin:review", args=[ours.pk])).status_code == 200


def test_members_and_organisers_are_kept_out_of_the_campaign_screens(
    client, edition, programme, organiser
):
    event = make_event(edition, programme, organiser, status="submitted")
    urls = [
        reverse("cooperation_day_admin:queue"),
        reverse("cooperation_day_admin:dashboard"),
        reverse("cooperation_day_admin:dashboard_export"),
        reverse("cooperation_day_admin:review", args=[event.pk]),
    ]
    for url in urls:
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    client.force_login(organiser)
    for url in urls:
        assert client.get(url, follow=True).status_code == 403  # no admin access
    editor = UserFactory(is_staff=False, wagtail_admin=True, totp_secret="JBSWY3DPEHPK3PXP")
    client.force_login(editor)
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403), url  # an editor, not campaign team


PAYLOAD = '<script>alert(1)</script><img src=x onerror="alert(1)">'


TEXT_FIELDS = (
    "title",
    "organiser_organisation",
    "project_name",
    "venue",
    "address",
    "audience",
    "accessibility",
    "image_credit",
)


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
    client.post(reverse("cooperation_day:event_create"), data)
    stored = Event.objects.get().description.lower()
    for dangerous in ("<script", "onerror", "onload", "javascript:", "<iframe", "<svg"):
        assert dangerous not in stored


def test_text_fields_stay_text_on_every_page_that_shows_them(
    client, edition, programme, organiser, moderator
):
    event = make_event(
        edition,
        programme,
        organiser,
        status="submitted",
        show_contact=True,
        contact_email="ask@example.org",
        **dict.fromkeys(TEXT_FIELDS, PAYLOAD[:150]),
    )
    EventAttendee.objects.create(event=event, name=PAYLOAD, email="a@example.org")
    client.force_login(moderator)
    _no_live_markup(client.get(reverse("cooperation_day_admin:queue")).content.decode())
    _no_live_markup(
        client.get(reverse("cooperation_day_admin:review", args=[event.pk])).content.decode()
    )
    Event.objects.filter(pk=event.pk).update(status="published")
    client.force_login(organiser)
    pages = [
        reverse("cooperation_day:event_detail", args=[event.public_id]),
        reverse("cooperation_day:my_events"),
        reverse("cooperation_day:event_attendees", args=[event.public_id]),
        reverse("cooperation_day:event_edit", args=[event.public_id]),
        "/cooperation-day/",
    ]
    for url in pages:
        _no_live_markup(client.get(url).content.decode())
    detail = client.get(pages[0]).content.decode()
    data = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', detail, re.S)
    assert "</script>" not in data.group(1)
    assert json.loads(data.group(1))["name"] == event.title  # escaped, yet the same text
    feed = client.get(reverse("cooperation_day:events_geojson")).content.decode()
    assert json.loads(feed)["features"][0]["properties"]["title"] == event.title
