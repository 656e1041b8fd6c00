"""Registering an event: the same form sent twice registers one event."""

import pytest
from django.urls import reverse

from campaigns.cooperation_day.models import Event
from tests.cooperation_day.test_views import _form_data
from tests.helpers import submission_token_in

pytestmark = pytest.mark.django_db


def test_an_event_form_sent_twice_registers_one_event_and_both_lead_to_it(
    client, edition, programme, organiser
):
    client.force_login(organiser)
    url = reverse("cooperation_day:event_create")
    data = _form_data(edition, programme, action="submit")
    data["submission_token"] = submission_token_in(client.get(url))
    first, second = client.post(url, data), client.post(url, data)
    event = Event.objects.get()
    assert event.status == Event.Status.SUBMITTED
    assert first.status_code == second.status_code == 302
    assert first["Location"] == reverse("cooperation_day:my_events")
    assert second["Location"] == reverse("cooperation_day:event_detail", args=[event.public_id])
    assert client.get(second["Location"]).status_code == 200  # the organiser's preview


def test_a_draft_kept_after_a_refused_submission_is_updated_not_doubled(
    client, edition, programme, organiser
):
    client.force_login(organiser)
    url = reverse("cooperation_day:event_create")
    data = _form_data(edition, programme, action="submit", description="")
    data["submission_token"] = submission_token_in(client.get(url))
    refused = client.post(url, data)
    assert refused.status_code == 200
    draft = Event.objects.get()
    assert draft.status == Event.Status.DRAFT
    edit_url = reverse("cooperation_day:event_edit", args=[draft.public_id])
    assert f'action="{edit_url}"' in refused.content.decode()
    corrected = client.post(edit_url, {**data, "description": "Music on the bridge."})
    assert corrected.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Event.Status.SUBMITTED and Event.objects.count() == 1
