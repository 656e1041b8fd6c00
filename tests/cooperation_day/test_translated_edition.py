"""An edition's translation lists the edition's events."""

import pytest

from portal.core.demo_translations import translate_page
from tests.factories.cooperation_day import make_event

pytestmark = pytest.mark.django_db


def test_the_french_edition_page_lists_the_editions_events(client, edition, programme, organiser):
    event = make_event(edition, programme, organiser, title="Bridges over the Rhine")
    french = translate_page(edition, "fr", {edition.title: "Journée de la coopération"})
    assert french.url.startswith("/fr/")
    response = client.get(french.url)
    assert response.status_code == 200
    assert "Journée de la coopération" in response.text
    assert [shown.pk for shown in response.context["events"]] == [event.pk]


def test_the_editions_list_each_edition_once(client, edition):
    translate_page(edition.get_parent(), "fr", {})
    translate_page(edition, "de", {})
    response = client.get("/cooperation-day/")
    assert response.status_code == 200
    assert response.context["edition"].pk == edition.pk
    assert list(response.context["past_editions"]) == []
